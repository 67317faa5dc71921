package io.kvflex.kvctl.cli;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.kvctl.manifest.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --output-file FILE}: the report goes to FILE instead of standard output. The file is
 * replaced whole (written next to it, then renamed), so a failed run never leaves half a report
 * where CI picks it up.
 */
public final class OutputFileOption {
  @Option(
      names = "--output-file",
      order = 3,
      paramLabel = "FILE",
      description = "Write the report to FILE (replaced) instead of standard output.")
  Path file;

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Writes {@code text} to the file, or to standard output when none is given.
   *
   * @throws LocalWriteException naming the file and the reason (kvctl exits 4, a local write)
   */
  public void write(CliContext ctx, String text) {
    if (file == null) {
      ctx.out().print(text);
      ctx.out().flush();
      return;
    }
    Path target = ctx.workingDir().resolve(file);
    Path tmp = null;
    try {
      Path dir = target.toAbsolutePath().getParent();
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LocalWriteException(
          "cannot write --output-file " + file + ": " + IoErrors.reason(target, file, e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: a leftover hidden .tmp file is harmless and named after the report.
        }
      }
    }
  }
}
