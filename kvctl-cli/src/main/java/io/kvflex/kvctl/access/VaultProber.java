package io.kvflex.kvctl.access;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.KvflexException;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --probe}: the real data-plane GET as the pod's identity, through the driver's own vault
 * client (same credentials, endpoints, TLS and proxies as a mount), ending by the run's deadline.
 * Only the outcome and the version read are kept; the value is dropped at once. A failure that is
 * not a denial carries kvctl's hint on its likely cause (server not running, hosts file...).
 */
final class VaultProber implements AccessChecker.Prober {
  private final CloudEnvironment cloud;
  private final IdentityMode identity;
  private final Optional<String> tenantId;
  private final Clock clock;
  private final DriverHttp http;
  private final RunDeadline deadline;
  private final FailureHints hints;
  private final Map<String, VaultClient> clients = new HashMap<>();

  /**
   * @param tenantId the volume's tenant; the vault's own tenant when absent
   * @param http the driver's HTTP with the environment's proxies
   * @param deadline the run's: a vault client made now gives up then
   */
  VaultProber(
      CloudEnvironment cloud,
      IdentityMode identity,
      Optional<String> tenantId,
      Clock clock,
      DriverHttp http,
      RunDeadline deadline,
      FailureHints hints) {
    this.cloud = cloud;
    this.identity = identity;
    this.tenantId = tenantId;
    this.clock = clock;
    this.http = http;
    this.deadline = deadline;
    this.hints = hints;
  }

  @Override
  public ProbeOutcome probe(VaultInfo vault, ObjectRef ref) {
    Duration left = deadline.remaining();
    if (left.isZero()) {
      return new ProbeOutcome(
          ProbeOutcome.Kind.OTHER,
          deadline.gaveUp("vault " + vault.name() + " (not probed)").getMessage());
    }
    VaultClient client =
        clients.computeIfAbsent(
            vault.name(),
            name ->
                http.vaultClient(
                    name, tenantId.orElse(vault.tenantId()), cloud, identity, left, clock));
    try {
      VaultObject object = client.fetch(ref);
      return new ProbeOutcome(ProbeOutcome.Kind.READ, "read version " + object.version());
    } catch (KvflexException e) {
      ProbeOutcome outcome = classify(e.getMessage());
      return outcome.outcome() == ProbeOutcome.Kind.OTHER
          ? new ProbeOutcome(outcome.outcome(), hints.explain(outcome.detail()))
          : outcome;
    }
  }

  /**
   * The vault client's messages carry {@code [HTTP status]} (the adapter's diagnosis); a 403 that
   * is not the firewall or a disabled object is a permission denial.
   */
  static ProbeOutcome classify(String message) {
    String m = message == null ? "" : message;
    boolean forbidden = m.contains("[HTTP 403]");
    boolean notPermission = m.contains("firewall") || m.contains("is disabled");
    return new ProbeOutcome(
        forbidden && !notPermission ? ProbeOutcome.Kind.DENIED : ProbeOutcome.Kind.OTHER, m);
  }
}
