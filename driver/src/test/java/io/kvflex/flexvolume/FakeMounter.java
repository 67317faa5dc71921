package io.kvflex.flexvolume;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.Mounter;
import io.kvflex.mount.TreeRemover;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records mounts in memory for tests that run without root. A "tmpfs" is the directory itself: a
 * bind copies the tree (links as links) to the target, and unmounting the last layer empties the
 * directory, as the tmpfs going away would. Calls are recorded with directories relative to {@link
 * #base} when set, so assertions stay short.
 */
final class FakeMounter implements Mounter {
  final Map<Path, List<MountTable.Entry>> layers = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  volatile boolean failMount;
  volatile boolean failBind;
  volatile Path base;

  @Override
  public synchronized List<MountTable.Entry> stackAt(Path dir) {
    return List.copyOf(layers.getOrDefault(dir, List.of()));
  }

  @Override
  public synchronized void mountTmpfs(Path dir, String source, long sizeBytes) {
    calls.add("mount " + shown(dir) + " " + sizeBytes);
    if (failMount) {
      throw new LocalWriteException("could not mount a tmpfs at " + dir + ": mount exit 32");
    }
    push(dir, "tmpfs", source);
  }

  @Override
  public synchronized void bind(Path from, Path to) {
    calls.add("bind " + shown(from) + " " + shown(to));
    if (failBind) {
      throw new LocalWriteException("could not bind onto " + to + ": mount exit 32");
    }
    List<MountTable.Entry> src = layers.get(from);
    MountTable.Entry top = src.get(src.size() - 1);
    copyTree(from, to);
    push(to, top.fsType(), top.source());
  }

  @Override
  public synchronized void unmount(Path dir) {
    calls.add("umount " + shown(dir));
    List<MountTable.Entry> stack = layers.get(dir);
    if (stack == null || stack.isEmpty()) {
      throw new LocalWriteException("could not unmount " + dir + ": not mounted");
    }
    stack.remove(stack.size() - 1);
    if (stack.isEmpty()) {
      layers.remove(dir);
      empty(dir);
    }
  }

  /** Something else mounted at {@code dir} (another driver, an admin). */
  synchronized void mountForeign(Path dir, String fsType, String source) {
    push(dir, fsType, source);
  }

  /** The legacy driver's volume ({@code mount -t tmpfs tmpfs <dir>}) on its own device. */
  synchronized MountTable.Entry mountLegacy(Path dir, String device) {
    return push(dir, "tmpfs", "tmpfs", device);
  }

  /**
   * Writes the fake mount table as {@code /proc/<pid>/mountinfo} does (bottom layer first), for the
   * adoption run to read.
   */
  synchronized Path writeMountInfo(Path file) {
    StringBuilder b = new StringBuilder("1 0 8:1 / / rw - ext4 /dev/sda1 rw\n");
    for (List<MountTable.Entry> stack : layers.values()) {
      for (MountTable.Entry e : stack) {
        b.append(e.id())
            .append(' ')
            .append(e.parentId())
            .append(' ')
            .append(e.device())
            .append(' ')
            .append(e.root())
            .append(' ')
            .append(e.mountPoint().replace("\\", "\\134").replace(" ", "\\040"))
            .append(" rw,relatime - ")
            .append(e.fsType())
            .append(' ')
            .append(e.source())
            .append(" rw\n");
      }
    }
    try {
      return Files.writeString(file, b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every mounted directory. */
  synchronized List<Path> mounted() {
    return new ArrayList<>(layers.keySet());
  }

  private void push(Path dir, String fsType, String source) {
    push(dir, fsType, source, "0:99");
  }

  private MountTable.Entry push(Path dir, String fsType, String source, String device) {
    List<MountTable.Entry> stack = layers.computeIfAbsent(dir, d -> new ArrayList<>());
    int parent = stack.isEmpty() ? 1 : stack.get(stack.size() - 1).id();
    MountTable.Entry e =
        new MountTable.Entry(
            ids.incrementAndGet(), parent, device, "/", dir.toString(), fsType, source);
    stack.add(e);
    return e;
  }

  private String shown(Path dir) {
    Path b = base;
    return b != null && dir.startsWith(b) ? b.relativize(dir).toString() : dir.toString();
  }

  private static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Path d = to.resolve(from.relativize(dir).toString());
              if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(d);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  LinkOption.NOFOLLOW_LINKS,
                  StandardCopyOption.COPY_ATTRIBUTES);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void empty(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        TreeRemover.remove(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
