package io.kvflex.mount;

import io.kvflex.errors.BugException;
import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the driver recognises its own volumes, and a complete one, without guessing.
 *
 * <ul>
 *   <li><b>Ours</b>: the mount is a tmpfs whose source (the name the mount table shows, which only
 *       root can choose and a pod cannot change) is {@code kvflex-<first 16 hex digits of the
 *       fingerprint>}, mounted from its root.
 *   <li><b>Complete, for this request</b>: the file {@value #FILE} at the volume root, written
 *       after every file and {@code ..data} and before the volume became visible, names the
 *       request's fingerprint (a hash of the non-secret request fields, never a secret) and a hash
 *       of the sorted relative paths of the files under {@code ..data}; both still match, and every
 *       top-level name links into {@code ..data}.
 * </ul>
 */
public final class VolumeMarker {
  /** The marker file at the volume root (names starting with ".." are reserved for the layout). */
  public static final String FILE = "..kvflex.volume";

  static final String SOURCE_PREFIX = "kvflex-";
  private static final String HEADER = "kvflex volume v1";

  /** Room for the notes of a volume with many objects (rotation keeps its options here). */
  private static final int MAX_BYTES = 64 * 1024;

  private VolumeMarker() {}

  /** The tmpfs source of a volume with this fingerprint. */
  public static String source(String fingerprint) {
    if (!fingerprint.matches("[0-9a-f]{16,}")) {
      throw new BugException("a volume fingerprint is lower-case hex: " + fingerprint);
    }
    return SOURCE_PREFIX + fingerprint.substring(0, 16);
  }

  /** Whether {@code mount} is one of this driver's volumes (or staging mounts). */
  public static boolean isOurs(MountTable.Entry mount) {
    return mount.fsType().equals("tmpfs")
        && mount.source().startsWith(SOURCE_PREFIX)
        && mount.root().equals("/");
  }

  /** Writes the marker at {@code root} (mode 0444, created exclusively, no link followed). */
  static void write(Path root, String fingerprint, List<String> relativePaths) {
    write(root, fingerprint, relativePaths, List.of());
  }

  /**
   * Writes the marker with {@code notes}: further lines for whoever finds the volume later (the
   * node agent's rotation), after the three the lifecycle checks. Notes never hold a secret: the
   * marker is readable in the volume.
   */
  static void write(Path root, String fingerprint, List<String> relativePaths, List<String> notes) {
    for (String note : notes) {
      if (note.isEmpty()
          || note.contains("\n")
          || note.startsWith("fingerprint ")
          || note.startsWith("files ")) {
        throw new BugException("a marker note is one line of its own: " + note);
      }
    }
    String text =
        HEADER
            + "\nfingerprint "
            + fingerprint
            + "\nfiles "
            + relativePaths.size()
            + " "
            + pathsHash(new TreeSet<>(relativePaths))
            + "\n"
            + notes.stream().map(n -> n + "\n").collect(java.util.stream.Collectors.joining());
    try (var channel =
        Files.newByteChannel(
            root.resolve(FILE),
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--")))) {
      var buffer = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new LocalWriteException(
          "could not write the volume marker " + FILE + " into " + root + ": " + e, e);
    }
  }

  /**
   * Why the volume mounted at {@code root} is not the complete volume for {@code fingerprint}, or
   * empty when it is.
   */
  public static Optional<String> problem(Path root, String fingerprint) {
    List<String> lines;
    try {
      lines = readSmall(root.resolve(FILE));
    } catch (IOException e) {
      return Optional.of("its marker " + FILE + " is missing or unreadable (" + e + ")");
    }
    if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
      return Optional.of("its marker " + FILE + " is not a kvflex volume marker");
    }
    if (!lines.get(1).equals("fingerprint " + fingerprint)) {
      return Optional.of("it was mounted for different volume options");
    }
    Set<String> files = new TreeSet<>();
    try {
      Path data = root.resolve(AtomicProjectionWriter.DATA);
      Path target = Files.readSymbolicLink(data);
      if (target.getNameCount() != 1 || target.toString().startsWith("/")) {
        return Optional.of("its ..data link points outside the volume");
      }
      Path dataDir = root.resolve(target);
      if (!Files.isDirectory(dataDir, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("its ..data link is dangling");
      }
      collectFiles(dataDir, files);
      for (String top : topLevelNames(files)) {
        Path link = root.resolve(top);
        if (!Files.isSymbolicLink(link)
            || !Files.readSymbolicLink(link).equals(Path.of(AtomicProjectionWriter.DATA, top))) {
          return Optional.of("its entry " + top + " does not link into ..data");
        }
      }
    } catch (IOException e) {
      return Optional.of("its files cannot be listed (" + e + ")");
    }
    if (!lines.get(2).equals("files " + files.size() + " " + pathsHash(files))) {
      return Optional.of("files are missing or were added (" + files.size() + " present)");
    }
    return Optional.empty();
  }

  /**
   * The lines of the marker of the volume mounted at {@code root}, notes included; empty when it
   * has none, it is unreadable or not a kvflex marker.
   */
  public static List<String> lines(Path root) {
    try {
      List<String> lines = readSmall(root.resolve(FILE));
      return !lines.isEmpty() && lines.get(0).equals(HEADER) ? lines : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> readSmall(Path file) throws IOException {
    try (var channel =
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(channel)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return List.of(new String(bytes, StandardCharsets.US_ASCII).split("\n"));
    }
  }

  private static void collectFiles(Path dir, Set<String> out) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              out.add(dir.relativize(file).toString());
            } else {
              // A link or anything else under ..data was not written by the driver.
              out.add(dir.relativize(file) + " (not a regular file)");
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Set<String> topLevelNames(Set<String> files) {
    Set<String> names = new TreeSet<>();
    for (String f : files) {
      names.add(f.split("/", 2)[0]);
    }
    return names;
  }

  /** SHA-256 of the sorted paths, NUL-separated (a path never holds NUL). */
  static String pathsHash(Set<String> sortedPaths) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String p : new ArrayList<>(sortedPaths)) {
        digest.update(p.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new BugException("SHA-256 is missing from the Java runtime", e);
    }
  }
}
