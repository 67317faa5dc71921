package io.kvflex.options;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cloud's endpoints to use. {@code environmentFile} is present for {@link
 * CloudName#AZURE_STACK_CLOUD} (option {@code cloudenvfilename}) and is resolved into endpoints by
 * {@code io.kvflex.cloud}.
 */
public record CloudSelection(CloudName name, Optional<Path> environmentFile) {
  public CloudSelection {
    Objects.requireNonNull(name);
    Objects.requireNonNull(environmentFile);
  }
}
