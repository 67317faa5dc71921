package io.kvflex.kvctl.fetch;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** {@code kvctl fetch --out DIR}: the rendered files under DIR, with their modes. */
final class OutWriter {
  void write(Path dir, FetchReport report) {
    for (FetchedFile f : report.files()) {
      FileProjection p = f.file().orElseThrow();
      Path file = dir.resolve(p.relativePath()).normalize();
      if (!file.startsWith(dir.normalize())) {
        throw new LocalWriteException(p.relativePath() + " would leave " + dir, null);
      }
      try {
        Files.createDirectories(file.getParent());
        Files.write(file, p.bytes());
        Files.setPosixFilePermissions(file, permissions(p.mode()));
      } catch (IOException e) {
        throw new LocalWriteException(
            "cannot write " + file + ": " + e.getClass().getSimpleName() + "; check DIR", e);
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        out.add(bits[i]);
      }
    }
    return out;
  }
}
