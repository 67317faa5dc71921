package io.kvflex.rotation;

import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A mounted volume that follows Key Vault: its kubelet directory and the request it was mounted
 * with. The request may hold service-principal credentials; they live here, in the agent's memory,
 * and nowhere else ({@link MountRequest#toString()} and everything derived here never show them).
 *
 * @param dir the kubelet's volume directory (absolute, normalised)
 * @param request the validated request of the mount, with {@link MountRequest#rotates()}
 * @param callEnv the environment of the call that mounted it (the kubelet's proxy variables, which
 *     its polls follow too); empty for a volume found again after a restart, whose polls run in the
 *     agent's own environment. Kept in memory only, like the request.
 */
public record RotatingVolume(Path dir, MountRequest request, Map<String, String> callEnv) {
  public RotatingVolume {
    Objects.requireNonNull(dir);
    Objects.requireNonNull(request);
    callEnv = Map.copyOf(callEnv);
    dir = dir.toAbsolutePath().normalize();
    if (!request.rotates()) {
      throw new IllegalArgumentException("a volume without rotation, or with every object pinned");
    }
  }

  /** A volume polled in the agent's own environment. */
  public RotatingVolume(Path dir, MountRequest request) {
    this(dir, request, Map.of());
  }

  /** The directory and pod only: a proxy variable may carry a password. */
  @Override
  public String toString() {
    return "RotatingVolume[" + dir + ", pod " + pod() + "]";
  }

  public Duration interval() {
    return request.rotationPollInterval().orElseThrow();
  }

  /** The objects a poll fetches: every one not pinned to a version, each once. */
  public List<ObjectRef> polled() {
    return request.objects().stream()
        .filter(o -> o.version().isEmpty())
        .map(VaultObjectSpec::ref)
        .distinct()
        .toList();
  }

  /** Volumes of one vault share its request limit (and a 429 from it). */
  public String vaultKey() {
    return request.cloud().name().optionValue()
        + "|"
        + request.cloud().environmentFile().map(Path::toString).orElse("")
        + "|"
        + request.vaultName().toLowerCase(Locale.ROOT);
  }

  /** {@code ns/name}, for logs and status. */
  public String pod() {
    return request.pod().namespace() + "/" + request.pod().name();
  }
}
