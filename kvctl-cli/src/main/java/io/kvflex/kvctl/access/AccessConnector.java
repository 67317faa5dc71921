package io.kvflex.kvctl.access;

import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import java.util.Optional;

/**
 * Connects check-access to a cloud: endpoints and TLS trust from the cloud environment, the
 * caller's credential. Production: {@link AzureAccessConnector}; tests inject stubs.
 */
public interface AccessConnector {
  AccessChecker checker(CloudSelection cloud);

  /**
   * The {@code --probe} GETs as the pod's identity.
   *
   * @param tenantId the volume's tenant; the vault's when empty
   */
  AccessChecker.Prober prober(
      CloudSelection cloud, IdentityMode identity, Optional<String> tenantId);
}
