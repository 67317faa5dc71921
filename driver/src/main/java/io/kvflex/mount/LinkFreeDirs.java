package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Checks a chain of directories with {@code lstat}: each must be a real directory, never a symbolic
 * link, so nothing the driver mounts or unmounts is reached through a link (a link in a pod's
 * directory could otherwise point at any mount on the node).
 */
public final class LinkFreeDirs {
  private LinkFreeDirs() {}

  /** Whether the chain exists; a missing element means the rest is missing too. */
  public enum State {
    PRESENT,
    ABSENT
  }

  /**
   * Checks {@code base/names[0]}, {@code base/names[0]/names[1]}, ... in order.
   *
   * @throws LocalWriteException naming the first element that is a link or not a directory
   */
  public static State check(Path base, List<String> names) {
    Path p = base;
    for (String name : names) {
      p = p.resolve(name);
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return State.ABSENT;
      } catch (IOException e) {
        throw new LocalWriteException("cannot inspect " + p + ": " + e, e);
      }
      if (attrs.isSymbolicLink()) {
        throw new LocalWriteException(
            p
                + " is a symbolic link; the driver never follows links in a pod's volume"
                + " directories, so it neither mounts nor unmounts anything through it");
      }
      if (!attrs.isDirectory()) {
        throw new LocalWriteException(
            p + " is not a directory; the driver mounts and unmounts only volume directories");
      }
    }
    return State.PRESENT;
  }
}
