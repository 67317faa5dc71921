package io.kvflex.kvctl.fetch;

import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.FileProjection;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a dry run: what was asked for, and either the rendered file with the version the
 * vault served, or why it failed.
 *
 * @param spec the object and format the volume asks for
 * @param version the version the vault served, when fetched
 * @param file the rendered file, when fetched and rendered
 * @param failure the driver's message, when not
 * @param exitCode the kvctl exit code of the failure (1 content/format, 3 vault or auth), 0 if ok
 */
public record FetchedFile(
    VaultObjectSpec spec,
    Optional<String> version,
    Optional<FileProjection> file,
    Optional<String> failure,
    int exitCode) {

  public FetchedFile {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(version);
    Objects.requireNonNull(file);
    Objects.requireNonNull(failure);
    if (file.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a file or a failure, not both");
    }
  }

  public boolean ok() {
    return file.isPresent();
  }
}
