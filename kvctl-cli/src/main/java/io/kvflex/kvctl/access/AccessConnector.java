package io.kvflex.kvctl.access;

import io.kvflex.options.CloudSelection;

/**
 * Connects check-access to a cloud: endpoints and TLS trust from the cloud environment, the
 * caller's credential. Production: {@link AzureAccessConnector}; tests inject stubs.
 */
public interface AccessConnector {
  AccessChecker checker(CloudSelection cloud);
}
