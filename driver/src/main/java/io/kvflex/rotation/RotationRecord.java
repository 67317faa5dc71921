package io.kvflex.rotation;

import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rotating volume keeps in its volume marker so that a node agent started later can find it
 * and poll it again: the interval, the kind of identity, and the volume's options without any
 * secret ({@link io.kvflex.options.StoredOptions}), from which the request is parsed again. Written
 * as lines of the marker; never a secret, so the marker may stay readable in the volume.
 *
 * <pre>
 * rotation 30
 * identity pod-identity
 * options eyJrZXl2YXVsdG5hbWUiOiJ2...   (base64url of the JSON object)
 * </pre>
 *
 * @param interval the volume's {@code rotationpollinterval}
 * @param identity {@link #kindOf(IdentityMode)}
 * @param storedOptions the kept options, a JSON object
 */
public record RotationRecord(Duration interval, String identity, String storedOptions) {
  /** A service principal's credentials exist only in the memory of the agent that mounted it. */
  public static final String SERVICE_PRINCIPAL = "service-principal";

  public static final String POD_IDENTITY = "pod-identity";
  public static final String VM_MANAGED_IDENTITY = "vm-managed-identity";

  public RotationRecord {
    Objects.requireNonNull(interval);
    Objects.requireNonNull(identity);
    Objects.requireNonNull(storedOptions);
  }

  /** The record of a request that rotates, with its kept options. */
  public static RotationRecord of(MountRequest request, String storedOptions) {
    return new RotationRecord(
        request.rotationPollInterval().orElseThrow(), kindOf(request.identity()), storedOptions);
  }

  public static String kindOf(IdentityMode identity) {
    if (identity instanceof IdentityMode.PodIdentity) {
      return POD_IDENTITY;
    }
    if (identity instanceof IdentityMode.VmManagedIdentity) {
      return VM_MANAGED_IDENTITY;
    }
    return SERVICE_PRINCIPAL;
  }

  /** Whether a node agent can obtain this identity again on its own after a restart. */
  public boolean resumable() {
    return !identity.equals(SERVICE_PRINCIPAL);
  }

  /** The marker lines. */
  public List<String> lines() {
    return List.of(
        "rotation " + interval.toSeconds(),
        "identity " + identity,
        "options "
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(storedOptions.getBytes(StandardCharsets.UTF_8)));
  }

  /** The record in a marker's lines, when there is a well-formed one. */
  public static Optional<RotationRecord> find(List<String> markerLines) {
    String interval = value(markerLines, "rotation ");
    String identity = value(markerLines, "identity ");
    String options = value(markerLines, "options ");
    if (interval == null || identity == null || options == null) {
      return Optional.empty();
    }
    if (!interval.matches("[0-9]{1,6}")
        || !List.of(SERVICE_PRINCIPAL, POD_IDENTITY, VM_MANAGED_IDENTITY).contains(identity)) {
      return Optional.empty();
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(options), StandardCharsets.UTF_8);
      return Optional.of(
          new RotationRecord(Duration.ofSeconds(Long.parseLong(interval)), identity, json));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String value(List<String> lines, String prefix) {
    String found = null;
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        if (found != null) {
          return null; // twice: not a marker the driver wrote
        }
        found = line.substring(prefix.length());
      }
    }
    return found;
  }
}
