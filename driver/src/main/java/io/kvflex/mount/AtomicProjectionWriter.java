package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Writes a volume's files all or nothing, in the kubelet's atomic-writer layout (the one Secret,
 * ConfigMap and Secrets Store CSI volumes use):
 *
 * <pre>
 * &lt;root&gt;/..kvflex-&lt;random&gt;/db/password   the payload, written into a hidden staging dir
 * &lt;root&gt;/..data -&gt; ..kvflex-&lt;random&gt;          published with one atomic rename of a symlink
 * &lt;root&gt;/db -&gt; ..data/db                      one link per top-level name (subdirectories work)
 * </pre>
 *
 * Everything is created inside the volume (never in {@code /tmp}), files are created exclusively
 * without following links, paths are re-checked by {@link ProjectionPaths}, and on any failure
 * every entry this call created is removed before the exception propagates.
 */
public final class AtomicProjectionWriter {
  public static final String DATA = "..data";
  static final String DATA_TMP = "..data_tmp";
  static final String STAGING_PREFIX = "..kvflex-";
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> OWNER_RW =
      PosixFilePermissions.fromString("rw-------");

  /** The file-content step, replaceable in tests to fail part-way through a volume. */
  public interface FileOps {
    void write(Path file, byte[] bytes) throws IOException;
  }

  private final FileOps fileOps;

  public AtomicProjectionWriter() {
    this(AtomicProjectionWriter::writeExclusive);
  }

  /** A writer whose file-content step is {@code fileOps} (tests inject failures here). */
  public AtomicProjectionWriter(FileOps fileOps) {
    this.fileOps = fileOps;
  }

  /**
   * Writes {@code projections} under {@code root}. With an fsGroup, every entry is group-owned by
   * it and files gain group read, so non-root containers in the pod can read them.
   */
  public void write(Path root, List<FileProjection> projections, OptionalInt fsGroup) {
    write(root, projections, fsGroup, n -> {});
  }

  /**
   * {@link #write(Path, List, OptionalInt)}, calling {@code afterFile} with the count of files
   * written so far after each one (the lifecycle's crash points).
   */
  public void write(
      Path root, List<FileProjection> projections, OptionalInt fsGroup, IntConsumer afterFile) {
    ProjectionPaths.checkAll(projections);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new LocalWriteException("volume directory " + root + " is missing or not a directory");
    }
    List<Path> created = new ArrayList<>();
    Step step = new Step();
    try {
      Path realRoot = root.toRealPath();
      Path tmpLink = stage(realRoot, projections, fsGroup, created, afterFile, step);
      Path data = realRoot.resolve(DATA);
      boolean hadData = Files.exists(data, LinkOption.NOFOLLOW_LINKS);
      Files.move(tmpLink, data, StandardCopyOption.ATOMIC_MOVE);
      created.remove(tmpLink);
      if (!hadData) {
        created.add(data);
      }
      for (String top : topLevelNames(projections)) {
        step.what = top;
        Path link = realRoot.resolve(top);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(link.toString());
        }
        Files.createSymbolicLink(link, Path.of(DATA, top));
        created.add(link);
        group(link, fsGroup);
      }
      group(realRoot, fsGroup);
    } catch (IOException | RuntimeException e) {
      removeAll(created);
      throw new LocalWriteException(
          "could not write " + step.what + " into volume " + root + ": " + describe(e), e);
    }
  }

  /**
   * Replaces the whole content of a volume {@link #write} filled, for rotation: the new files are
   * written into a fresh hidden directory, then {@code ..data} is switched to it with one atomic
   * rename, so a reader sees every old file or every new one, never a mix. The file set must be the
   * one already there (the top-level links stay as they are); the previous payload directory and
   * leftovers of an interrupted replacement are removed. On failure before the rename the volume is
   * unchanged. The caller holds the volume's lock.
   *
   * @throws LocalWriteException naming the file and the cause (a full tmpfs among them)
   */
  public void replace(Path root, List<FileProjection> projections, OptionalInt fsGroup) {
    ProjectionPaths.checkAll(projections);
    List<Path> created = new ArrayList<>();
    Step step = new Step();
    try {
      Path realRoot = root.toRealPath();
      Path previous = payloadOf(realRoot);
      for (String top : topLevelNames(projections)) {
        Path link = realRoot.resolve(top);
        if (!Files.isSymbolicLink(link)
            || !Files.readSymbolicLink(link).equals(Path.of(DATA, top))) {
          throw new LocalWriteException(
              "volume "
                  + root
                  + " has no link "
                  + top
                  + " into ..data: the new files are not the set that was mounted");
        }
      }
      removeLeftovers(realRoot, previous);
      Path tmpLink = stage(realRoot, projections, fsGroup, created, n -> {}, step);
      Files.move(tmpLink, realRoot.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
      created.clear();
      dropQuietly(previous);
    } catch (LocalWriteException e) {
      removeAll(created);
      throw e;
    } catch (IOException | RuntimeException e) {
      removeAll(created);
      throw new LocalWriteException(
          "could not replace " + step.what + " in volume " + root + ": " + describe(e), e);
    }
  }

  /** What is being written, for the failure message. */
  private static final class Step {
    String what = "the staging directory";
  }

  /**
   * Writes every file into a fresh hidden directory of the volume and points {@code ..data_tmp} at
   * it; the caller publishes it by renaming that link over {@code ..data}.
   *
   * @param created collects what was created, for removal on failure
   * @return the {@code ..data_tmp} link
   */
  private Path stage(
      Path realRoot,
      List<FileProjection> projections,
      OptionalInt fsGroup,
      List<Path> created,
      IntConsumer afterFile,
      Step step)
      throws IOException {
    Path staging = Files.createTempDirectory(realRoot, STAGING_PREFIX);
    created.add(staging);
    prepareDir(staging, fsGroup);
    int written = 0;
    for (FileProjection projection : projections) {
      step.what = projection.relativePath();
      writeOne(staging, projection, fsGroup);
      afterFile.accept(++written);
    }
    step.what = DATA;
    Path tmpLink = Files.createSymbolicLink(realRoot.resolve(DATA_TMP), staging.getFileName());
    created.add(tmpLink);
    group(tmpLink, fsGroup);
    return tmpLink;
  }

  /**
   * The pod sees the new files once {@code ..data} moved; failing to delete the old ones only costs
   * space until the next replacement removes them.
   */
  private static void dropQuietly(Path previous) {
    try {
      TreeRemover.remove(previous);
    } catch (IOException e) {
      // removed by the next replacement (removeLeftovers)
    }
  }

  /** The payload directory {@code ..data} names: one hidden entry of the volume root. */
  private static Path payloadOf(Path realRoot) throws IOException {
    Path target;
    try {
      target = Files.readSymbolicLink(realRoot.resolve(DATA));
    } catch (java.nio.file.NotLinkException | java.nio.file.NoSuchFileException e) {
      throw new LocalWriteException("volume " + realRoot + " has no ..data link to replace", e);
    }
    if (target.isAbsolute()
        || target.getNameCount() != 1
        || !target.toString().startsWith(STAGING_PREFIX)
        || !Files.isDirectory(realRoot.resolve(target), LinkOption.NOFOLLOW_LINKS)) {
      throw new LocalWriteException(
          "volume " + realRoot + " has a ..data link that is not the driver's: " + target);
    }
    return realRoot.resolve(target);
  }

  /** Payload directories and a {@code ..data_tmp} link a replacement killed half-way left. */
  private static void removeLeftovers(Path realRoot, Path current) throws IOException {
    Files.deleteIfExists(realRoot.resolve(DATA_TMP));
    try (var entries = Files.newDirectoryStream(realRoot, STAGING_PREFIX + "*")) {
      for (Path entry : entries) {
        if (!entry.equals(current)) {
          TreeRemover.remove(entry);
        }
      }
    }
  }

  private void writeOne(Path staging, FileProjection projection, OptionalInt fsGroup)
      throws IOException {
    List<String> segments = ProjectionPaths.segments(projection.relativePath());
    Path dir = staging;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      dir = dir.resolve(segment);
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(dir);
        prepareDir(dir, fsGroup);
      } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(dir + " exists and is not a directory");
      }
    }
    Path file = dir.resolve(segments.get(segments.size() - 1));
    fileOps.write(file, projection.bytes());
    int mode = projection.mode() & 0777;
    if (fsGroup.isPresent()) {
      mode |= 0040;
    }
    group(file, fsGroup);
    Files.setPosixFilePermissions(file, permissions(mode));
  }

  /** Creates the file exclusively, owner-only until its final mode is set. */
  private static void writeExclusive(Path file, byte[] bytes) throws IOException {
    try (SeekableByteChannel channel =
        Files.newByteChannel(
            file,
            Set.<java.nio.file.OpenOption>of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(OWNER_RW))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static void prepareDir(Path dir, OptionalInt fsGroup) throws IOException {
    Files.setPosixFilePermissions(dir, DIR_MODE);
    group(dir, fsGroup);
  }

  /** Sets the group without following links (lchown for the layout's symlinks). */
  private static void group(Path path, OptionalInt fsGroup) throws IOException {
    if (fsGroup.isPresent()) {
      Files.setAttribute(path, "unix:gid", fsGroup.getAsInt(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  private static Set<String> topLevelNames(List<FileProjection> projections) {
    Set<String> names = new LinkedHashSet<>();
    for (FileProjection p : projections) {
      names.add(ProjectionPaths.segments(p.relativePath()).get(0));
    }
    return names;
  }

  /** Best-effort removal in reverse order; walkFileTree never follows links. */
  private static void removeAll(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        TreeRemover.remove(created.get(i));
      } catch (IOException e) {
        // The caller unmounts the tmpfs on failure, which discards anything left here.
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
