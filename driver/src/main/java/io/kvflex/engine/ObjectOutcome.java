package io.kvflex.engine;

import io.kvflex.errors.KvflexException;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.FileProjection;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one object of a volume: the rendered file, or why there is none.
 *
 * @param spec the object and format the volume asks for
 * @param version the version the vault served, when it was fetched
 * @param file the rendered file, when fetched and rendered
 * @param failure why not (its message names the object and the fix), when not
 */
public record ObjectOutcome(
    VaultObjectSpec spec,
    Optional<String> version,
    Optional<FileProjection> file,
    Optional<KvflexException> failure) {

  public ObjectOutcome {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(version);
    Objects.requireNonNull(file);
    Objects.requireNonNull(failure);
    if (file.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a file or a failure, not both");
    }
  }

  static ObjectOutcome rendered(VaultObjectSpec spec, String version, FileProjection file) {
    return new ObjectOutcome(spec, Optional.of(version), Optional.of(file), Optional.empty());
  }

  static ObjectOutcome failed(
      VaultObjectSpec spec, Optional<String> version, KvflexException failure) {
    return new ObjectOutcome(spec, version, Optional.empty(), Optional.of(failure));
  }

  public boolean ok() {
    return file.isPresent();
  }
}
