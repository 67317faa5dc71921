package io.kvflex.vault;

import com.azure.core.http.HttpClient;
import io.kvflex.vault.http.HttpSettings;
import java.util.Objects;

/**
 * The HTTP side of vault clients: the settings (timeouts, TLS trust, proxies) and the two clients
 * built from them, an azure-core client for Key Vault and Entra ID and a plain JDK client for the
 * node-local NMI and IMDS. Thread-safe; shared by every mount that uses the same settings, so their
 * connections stay alive between mounts.
 *
 * @param settings what the clients were built from
 * @param azure Key Vault and Entra ID (proxied when configured)
 * @param local NMI and IMDS (never proxied)
 */
public record Connections(HttpSettings settings, HttpClient azure, java.net.http.HttpClient local) {

  public Connections {
    Objects.requireNonNull(settings);
    Objects.requireNonNull(azure);
    Objects.requireNonNull(local);
  }

  /** New clients from {@code settings}. */
  public static Connections of(HttpSettings settings) {
    return new Connections(settings, settings.azureClient(), settings.jdkClient());
  }
}
