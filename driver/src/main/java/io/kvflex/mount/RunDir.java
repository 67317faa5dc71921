package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The driver's runtime directory on the node ({@value #ENV}, default {@code /run/kvflex}): lock
 * files ({@code locks/}), the private staging mounts volumes are prepared in ({@code staging/}) and
 * the records of volumes adopted from an earlier driver ({@code adopted/}). {@code /run} is a
 * tmpfs, so everything here is gone after a reboot, exactly like the mounts it describes (and the
 * mount IDs the adoption records name). The directory is root-only: created with mode 0700 without
 * following links, and an existing one is used only when it is a real directory owned by this user
 * that nobody else may write to (otherwise another user could plant a lock file or a staging
 * directory).
 */
public final class RunDir {
  public static final String ENV = "KVFLEX_RUN_DIR";
  public static final Path DEFAULT = Path.of("/run/kvflex");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private final Path root;

  public RunDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@value #ENV} when set, else {@link #DEFAULT}. */
  public static RunDir fromEnvironment(Map<String, String> env) {
    String override = env.getOrDefault(ENV, "");
    return new RunDir(override.isBlank() ? DEFAULT : Path.of(override));
  }

  public Path root() {
    return root;
  }

  /** Lock files, one per lock stripe. */
  public Path locks() {
    return prepared(root.resolve("locks"));
  }

  /** Private staging mount points. */
  public Path staging() {
    return prepared(root.resolve("staging"));
  }

  /**
   * Another root-only directory right under the run directory ({@code name} is one plain path
   * segment), created and checked like {@link #locks()} and {@link #staging()}: the node agent's.
   */
  public Path dir(String name) {
    Path sub = root.resolve(name).normalize();
    if (!root.equals(sub.getParent())) {
      throw new IllegalArgumentException("not a plain directory name: " + name);
    }
    return prepared(sub);
  }

  /** Records of the volumes an earlier driver mounted, adopted at an upgrade (created). */
  public Path adopted() {
    return prepared(root.resolve("adopted"));
  }

  /**
   * The adoption records' directory when it exists (checked like the others), without creating
   * anything: most nodes never adopt, and their mounts should not create it.
   */
  public Optional<Path> adoptedIfPresent() {
    Path sub = root.resolve("adopted");
    if (!Files.exists(sub, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    check(root);
    check(sub);
    return Optional.of(sub);
  }

  private Path prepared(Path sub) {
    ensure(root);
    ensure(sub);
    return sub;
  }

  /** Creates {@code dir} (mode 0700) unless it exists, then checks it is safe to use. */
  private static void ensure(Path dir) {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      // created earlier (or just now by a concurrent call): checked below
    } catch (NoSuchFileException e) {
      throw new LocalWriteException(
          "the driver's runtime directory "
              + dir
              + " cannot be created: its parent does not exist; create it or point "
              + ENV
              + " at a directory under an existing one (default "
              + DEFAULT
              + ")",
          e);
    } catch (IOException e) {
      throw new LocalWriteException(
          "the driver's runtime directory " + dir + " cannot be created: " + e, e);
    }
    check(dir);
  }

  private static void check(Path dir) {
    PosixFileAttributes attrs;
    int owner;
    try {
      attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new LocalWriteException("cannot inspect the driver's runtime directory " + dir, e);
    }
    String problem = null;
    if (attrs.isSymbolicLink()) {
      problem = "a symbolic link (never followed)";
    } else if (!attrs.isDirectory()) {
      problem = "not a directory";
    } else if (owner != effectiveUid()) {
      problem = "owned by uid " + owner + ", not by this user";
    } else if (attrs.permissions().contains(PosixFilePermission.GROUP_WRITE)
        || attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      problem =
          "writable by group or others (" + PosixFilePermissions.toString(attrs.permissions());
      problem += ")";
    }
    if (problem != null) {
      throw new LocalWriteException(
          "the driver's runtime directory "
              + dir
              + " is "
              + problem
              + "; it must be a directory owned by root with mode 0700: remove or fix it (or set "
              + ENV
              + ")");
    }
  }

  /** The owner of {@code /proc/self} is this process's effective uid. */
  static int effectiveUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      throw new LocalWriteException("cannot determine the driver's user id from /proc/self", e);
    }
  }
}
