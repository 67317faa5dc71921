package io.kvflex.localvault.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The host names localvault answers to on its HTTPS port. Vault hosts are {@code
 * {vault}.{vaultSuffix}}; the token resource is {@code https://{vaultSuffix}} so that the Azure
 * SDK's challenge-resource check (request host ends with "." + resource host) passes.
 */
public record HostNames(
    String vaultSuffix, String loginHost, String managementHost, String graphHost) {

  public static final HostNames DEFAULT =
      new HostNames(
          "vault.localvault.test",
          "login.localvault.test",
          "management.localvault.test",
          "graph.localvault.test");

  public HostNames {
    vaultSuffix = vaultSuffix.toLowerCase(Locale.ROOT);
    loginHost = loginHost.toLowerCase(Locale.ROOT);
    managementHost = managementHost.toLowerCase(Locale.ROOT);
    graphHost = graphHost.toLowerCase(Locale.ROOT);
  }

  /** Token audience / challenge resource of the vaults. */
  public String vaultResource() {
    return "https://" + vaultSuffix;
  }

  /** The vault name if {@code host} is a vault host. */
  public Optional<String> vaultOf(String host) {
    String tail = "." + vaultSuffix;
    if (host.endsWith(tail) && host.length() > tail.length()) {
      String name = host.substring(0, host.length() - tail.length());
      return name.contains(".") ? Optional.empty() : Optional.of(name);
    }
    return Optional.empty();
  }

  public String vaultHost(String vault) {
    return vault + "." + vaultSuffix;
  }
}
