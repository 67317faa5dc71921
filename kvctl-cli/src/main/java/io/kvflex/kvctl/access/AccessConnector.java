package io.kvflex.kvctl.access;

import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import java.util.Optional;

/**
 * Connects check-access to a cloud: endpoints and TLS trust from the cloud environment, the
 * caller's credential. Production: {@link AzureAccessConnector}; tests inject stubs.
 */
public interface AccessConnector {
  /** ARM and Graph as the caller; every call and pause ends by {@code deadline}. */
  AccessChecker checker(CloudSelection cloud, RunDeadline deadline);

  /**
   * The {@code --probe} GETs as the pod's identity, ending by {@code deadline}.
   *
   * @param tenantId the volume's tenant; the vault's when empty
   */
  AccessChecker.Prober prober(
      CloudSelection cloud, IdentityMode identity, Optional<String> tenantId, RunDeadline deadline);
}
