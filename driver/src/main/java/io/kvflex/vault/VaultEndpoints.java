package io.kvflex.vault;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoints one mount talks to, taken from the cloud environment: Entra ID authority host, Key
 * Vault DNS suffix (may carry {@code :port}), the token resource of Key Vault, optional IMDS and
 * NMI overrides, and extra CA certificates (PEM) trusted in addition to the JDK defaults.
 */
public record VaultEndpoints(
    URI authorityHost,
    String vaultDnsSuffix,
    String vaultResource,
    Optional<URI> imdsEndpoint,
    Optional<URI> nmiEndpoint,
    String extraCaCertificatesPem) {

  /** Where IMDS lives on every Azure VM. */
  public static final URI DEFAULT_IMDS = URI.create("http://169.254.169.254");

  /** Hosts for which Entra instance discovery is meaningful; elsewhere it is switched off. */
  private static final Set<String> MICROSOFT_LOGIN_HOSTS =
      Set.of(
          "login.microsoftonline.com",
          "login.windows.net",
          "login.microsoft.com",
          "sts.windows.net",
          "login.chinacloudapi.cn",
          "login-us.microsoftonline.com",
          "login.microsoftonline.de",
          "login.microsoftonline.us");

  public VaultEndpoints {
    Objects.requireNonNull(authorityHost);
    Objects.requireNonNull(vaultDnsSuffix);
    Objects.requireNonNull(vaultResource);
    Objects.requireNonNull(imdsEndpoint);
    Objects.requireNonNull(nmiEndpoint);
    Objects.requireNonNull(extraCaCertificatesPem);
  }

  /** {@code https://{vault}.{suffix}/}. */
  public String vaultUrl(String vaultName) {
    return "https://" + vaultName.toLowerCase(Locale.ROOT) + "." + vaultDnsSuffix + "/";
  }

  /** The OAuth2 scope of Key Vault ({@code resource/.default}). */
  public String vaultScope() {
    return trimSlash(vaultResource) + "/.default";
  }

  /** Authority host without trailing slash, e.g. {@code https://login.microsoftonline.com}. */
  public String authority() {
    return trimSlash(authorityHost.toString());
  }

  /** The v2 client-credentials token endpoint of {@code tenant} (named in messages). */
  public String tokenEndpoint(String tenant) {
    return authority() + "/" + tenant + "/oauth2/v2.0/token";
  }

  /** True when the authority host is a public Microsoft login host (instance discovery works). */
  public boolean isMicrosoftLoginHost() {
    String host = authorityHost.getHost();
    return host != null && MICROSOFT_LOGIN_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The IMDS base URL (override or the link-local default). */
  public URI imds() {
    return imdsEndpoint.orElse(DEFAULT_IMDS);
  }

  /** The NMI base URL: the override, else {@code http://127.0.0.1:<nmiPort>}. */
  public URI nmi(int nmiPort) {
    return nmiEndpoint.orElse(URI.create("http://127.0.0.1:" + nmiPort));
  }

  static String trimSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
