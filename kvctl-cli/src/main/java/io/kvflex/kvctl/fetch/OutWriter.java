package io.kvflex.kvctl.fetch;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kvctl fetch --out DIR}: the files written into DIR by the driver's own atomic writer (same
 * layout, modes and fsGroup handling as in a pod), only without the tmpfs.
 */
final class OutWriter {
  void write(Path dir, FetchReport report) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LocalWriteException(
          "cannot create --out directory " + dir + " (" + e.getClass().getSimpleName() + ")", e);
    }
    List<FileProjection> files = report.files().stream().map(f -> f.file().orElseThrow()).toList();
    new AtomicProjectionWriter().write(dir, files, report.request().fsGroup());
  }
}
