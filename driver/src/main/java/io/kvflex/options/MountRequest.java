package io.kvflex.options;

import io.kvflex.errors.UserInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one {@code mount} needs, parsed once from the kubelet's options JSON and validated.
 * Nothing downstream reads the raw options map. {@link #toString()} never shows secrets (identity
 * secrets are {@link Sensitive}).
 *
 * @param vaultName Key Vault name (validated)
 * @param tenantId tenant GUID or {@code adfs}
 * @param cloud cloud selection
 * @param identity exactly one identity mode
 * @param objects objects to fetch, in option order, with unique file names
 * @param fileMode POSIX mode of every file (option {@code filemode}, default 0644)
 * @param fsGroup pod fsGroup from the kubelet, when set: files and dirs are group-owned by it
 * @param tmpfsSizeBytes tmpfs size cap (option {@code tmpfssize}, default 16 MiB)
 * @param timeout overall mount deadline (option {@code timeout}, default 60 s)
 * @param rotationPollInterval how often the node agent re-fetches the volume's objects while the
 *     pod runs (option {@code rotationpollinterval}); empty: fetched once, at mount
 * @param pod the pod as the kubelet names it
 * @param subscriptionId optional subscription GUID (not used by the driver; kvctl check-access)
 * @param resourceGroup optional resource group (not used by the driver; kvctl check-access)
 */
public record MountRequest(
    String vaultName,
    String tenantId,
    CloudSelection cloud,
    IdentityMode identity,
    List<VaultObjectSpec> objects,
    int fileMode,
    OptionalInt fsGroup,
    long tmpfsSizeBytes,
    Duration timeout,
    Optional<Duration> rotationPollInterval,
    PodInfo pod,
    Optional<String> subscriptionId,
    Optional<String> resourceGroup) {

  public MountRequest {
    Objects.requireNonNull(vaultName);
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(identity);
    objects = List.copyOf(objects);
    Objects.requireNonNull(fsGroup);
    Objects.requireNonNull(timeout);
    Objects.requireNonNull(rotationPollInterval);
    Objects.requireNonNull(pod);
    Objects.requireNonNull(subscriptionId);
    Objects.requireNonNull(resourceGroup);
  }

  /**
   * Parses and validates the kubelet's options JSON (argv[2] of {@code mount}) in one step; {@code
   * mountDir} (argv[1]) enables the pod impersonation guard. Use {@link OptionsParser} directly to
   * also get the warnings.
   *
   * @throws UserInputException listing every problem; never quoting the JSON
   */
  public static MountRequest parseJson(String optionsJson, Optional<java.nio.file.Path> mountDir) {
    ParseResult result = new OptionsParser().parseJson(optionsJson, mountDir);
    return result
        .request()
        .orElseThrow(
            () -> new UserInputException(OptionsParser.describeProblems(result.problems())));
  }

  /**
   * The mode files get: {@link #fileMode()}, plus group read when the pod has an fsGroup (so
   * non-root containers in that group can read them).
   */
  public int effectiveFileMode() {
    return fsGroup.isPresent() ? fileMode | 0040 : fileMode;
  }

  /**
   * Whether the volume follows Key Vault while the pod runs: an interval is set and at least one
   * object is not pinned to a version (a pinned version never changes, so it is never re-fetched).
   */
  public boolean rotates() {
    return rotationPollInterval.isPresent()
        && objects.stream().anyMatch(o -> o.version().isEmpty());
  }

  /** This request for {@code objects} only (rotation re-fetches the objects not pinned). */
  public MountRequest withObjects(List<VaultObjectSpec> objects) {
    return new MountRequest(
        vaultName,
        tenantId,
        cloud,
        identity,
        objects,
        fileMode,
        fsGroup,
        tmpfsSizeBytes,
        timeout,
        rotationPollInterval,
        pod,
        subscriptionId,
        resourceGroup);
  }

  /** The pod as named by the kubelet's {@code kubernetes.io/pod.*} keys (each may be empty). */
  public record PodInfo(String namespace, String name, String uid, String serviceAccount) {
    public PodInfo {
      Objects.requireNonNull(namespace);
      Objects.requireNonNull(name);
      Objects.requireNonNull(uid);
      Objects.requireNonNull(serviceAccount);
    }
  }
}
