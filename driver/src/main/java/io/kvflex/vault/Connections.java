package io.kvflex.vault;

import com.azure.core.http.HttpClient;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.HttpThreads;
import java.util.Objects;

/**
 * The HTTP side of vault clients: the settings (timeouts, TLS trust, proxies), the daemon threads
 * their calls run on, and the two clients built from them, an azure-core client for Key Vault and
 * Entra ID and a plain JDK client for the node-local NMI and IMDS. Thread-safe; shared by every
 * mount that uses the same settings, so their connections stay alive between mounts. Body limits
 * are not here: they belong to each mount's deadline ({@code BoundedBody}).
 *
 * @param settings what the clients were built from
 * @param threads the daemon threads of both clients and of the body watchdog
 * @param azure Key Vault and Entra ID (proxied when configured)
 * @param local NMI and IMDS (never proxied)
 */
public record Connections(
    HttpSettings settings, HttpThreads threads, HttpClient azure, java.net.http.HttpClient local) {

  public Connections {
    Objects.requireNonNull(settings);
    Objects.requireNonNull(threads);
    Objects.requireNonNull(azure);
    Objects.requireNonNull(local);
  }

  /** New clients from {@code settings}, on threads of their own. */
  public static Connections of(HttpSettings settings) {
    HttpThreads threads = new HttpThreads();
    return new Connections(
        settings, threads, settings.azureClient(threads), settings.jdkClient(threads));
  }
}
