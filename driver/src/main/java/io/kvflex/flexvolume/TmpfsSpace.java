package io.kvflex.flexvolume;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.render.FileProjection;
import java.util.List;

/**
 * Whether a volume's files fit its tmpfs (option {@code tmpfssize}): checked before anything is
 * mounted, and a full tmpfs while writing ("No space left on device") named as such, with the
 * option to raise.
 */
final class TmpfsSpace {
  /** tmpfs charges whole pages per file. */
  private static final long PAGE = 4096;

  private static final long MIB = 1024 * 1024;

  private TmpfsSpace() {}

  /** Bytes of tmpfs the files take, counted in pages, with one page for the volume's marker. */
  static long needed(List<FileProjection> files) {
    long pages = 1;
    for (FileProjection f : files) {
      pages += Math.max(1, (f.bytes().length + PAGE - 1) / PAGE);
    }
    return pages * PAGE;
  }

  /** Fails before mounting when the files cannot fit {@code tmpfsSize}. */
  static void checkFits(List<FileProjection> files, long tmpfsSize) {
    long needed = needed(files);
    if (needed > tmpfsSize) {
      throw new UserInputException(
          "the volume's files do not fit its tmpfs: " + tooSmall(files.size(), needed, tmpfsSize));
    }
  }

  /** {@code e}, or when the tmpfs filled up, a failure that says so and names tmpfssize. */
  static RuntimeException explain(RuntimeException e, List<FileProjection> files, long tmpfsSize) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains("No space left on device")) {
        long needed = needed(files);
        return new LocalWriteException(
            e.getMessage()
                + ": the volume's tmpfs (option tmpfssize, "
                + kib(tmpfsSize)
                + ") is full; its "
                + files.size()
                + (files.size() == 1 ? " file needs" : " files need")
                + " about "
                + kib(needed)
                + "; fix: raise the volume option tmpfssize (e.g. tmpfssize="
                + suggestMiB(Math.max(needed, tmpfsSize))
                + "m)",
            e);
      }
    }
    return e;
  }

  private static String tooSmall(int count, long needed, long tmpfsSize) {
    return "its "
        + count
        + (count == 1 ? " file needs" : " files need")
        + " about "
        + kib(needed)
        + " but option tmpfssize is "
        + kib(tmpfsSize)
        + "; fix: raise the volume option tmpfssize (e.g. tmpfssize="
        + suggestMiB(needed)
        + "m), or mount fewer or smaller objects in this volume";
  }

  /** Twice {@code bytes}, in whole MiB. */
  private static long suggestMiB(long bytes) {
    return Math.max(1, (bytes * 2 + MIB - 1) / MIB);
  }

  private static String kib(long bytes) {
    return (bytes + 1023) / 1024 + " KiB";
  }
}
