package io.kvflex.rotation;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.AtomicProjectionWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a volume shows now: every regular file under the directory {@code ..data} names, by
 * relative path. Links are never followed (a link or other entry under {@code ..data} was not
 * written by the driver and counts as a difference). Reading is bounded by {@code maxBytes}, the
 * volume's tmpfs size.
 */
final class MountedFiles {
  private MountedFiles() {}

  static Map<String, byte[]> read(Path volume, long maxBytes) {
    Map<String, byte[]> files = new TreeMap<>();
    try {
      Path target = Files.readSymbolicLink(volume.resolve(AtomicProjectionWriter.DATA));
      if (target.isAbsolute() || target.getNameCount() != 1) {
        throw new LocalWriteException(
            "volume " + volume + " has a ..data link that is not the driver's: " + target);
      }
      Path data = volume.resolve(target);
      long[] total = {0};
      Files.walkFileTree(
          data,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String name = data.relativize(file).toString();
              if (!attrs.isRegularFile()) {
                // Never equal to a rendered file: the set differs, so the next swap replaces it.
                files.put(name + " (not a regular file)", new byte[0]);
                return FileVisitResult.CONTINUE;
              }
              byte[] bytes = readBounded(file, maxBytes - total[0]);
              total[0] += bytes.length;
              files.put(name, bytes);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new LocalWriteException(
          "could not read the files mounted in volume " + volume + ": " + e, e);
    }
    return files;
  }

  private static byte[] readBounded(Path file, long budget) throws IOException {
    try (var channel =
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(channel)) {
      int limit = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, budget));
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new IOException("the mounted files are larger than the volume's tmpfssize");
      }
      return bytes;
    }
  }
}
