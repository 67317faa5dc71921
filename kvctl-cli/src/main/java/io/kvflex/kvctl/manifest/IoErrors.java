package io.kvflex.kvctl.manifest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The reason of a file error in words. The JDK's {@link FileSystemException#getMessage()} is often
 * just the path again ({@code NoSuchFileException: out/x.json}), which told users nothing.
 */
public final class IoErrors {
  private IoErrors() {}

  /** Why reading or writing {@code path} failed, e.g. "directory out does not exist". */
  public static String reason(Path path, IOException e) {
    return reason(path, path, e);
  }

  /**
   * As {@link #reason(Path, IOException)}, naming {@code path} as the user wrote it ({@code shown},
   * e.g. relative) while checking the real one.
   */
  public static String reason(Path path, Path shown, IOException e) {
    if (e instanceof NoSuchFileException) {
      Path parent = path.toAbsolutePath().getParent();
      Path shownParent = shown.getParent() != null ? shown.getParent() : parent;
      return parent != null && !java.nio.file.Files.isDirectory(parent)
          ? "directory " + shownParent + " does not exist"
          : "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "it is a directory that is not empty";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason().strip();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank() || m.strip().equals(path.toString())) {
      return e.getClass().getSimpleName();
    }
    return m.strip();
  }
}
