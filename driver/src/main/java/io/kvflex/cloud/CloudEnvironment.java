package io.kvflex.cloud;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every endpoint one cloud needs, built in for the named clouds and loaded from the cloud
 * environment file for {@code AzureStackCloud} (README "Cloud environment file").
 *
 * @param name cloud name, e.g. {@code AzurePublicCloud}
 * @param authorityHost Entra ID / AD FS authority host, ending in {@code /}
 * @param keyVaultDnsSuffix vault host suffix, may carry {@code :port} (vault host = name + "." +
 *     suffix)
 * @param vaultResource token resource of Key Vault, e.g. {@code https://vault.azure.net}
 * @param resourceManagerEndpoint ARM endpoint (kvctl check-access), when known
 * @param graphEndpoint Azure AD Graph endpoint, when known
 * @param microsoftGraphEndpoint Microsoft Graph endpoint, when known
 * @param imdsEndpoint Instance Metadata Service base URI (VM managed identity)
 * @param nmiEndpoint aad-pod-identity NMI base URI (pod identity)
 * @param caCertificates certificates trusted in addition to the JDK defaults (never instead)
 */
public record CloudEnvironment(
    String name,
    URI authorityHost,
    String keyVaultDnsSuffix,
    String vaultResource,
    Optional<URI> resourceManagerEndpoint,
    Optional<URI> graphEndpoint,
    Optional<URI> microsoftGraphEndpoint,
    URI imdsEndpoint,
    URI nmiEndpoint,
    List<X509Certificate> caCertificates) {

  /** IMDS on every Azure VM. */
  public static final URI DEFAULT_IMDS = URI.create("http://169.254.169.254");

  public CloudEnvironment {
    Objects.requireNonNull(name);
    Objects.requireNonNull(authorityHost);
    Objects.requireNonNull(keyVaultDnsSuffix);
    Objects.requireNonNull(vaultResource);
    Objects.requireNonNull(resourceManagerEndpoint);
    Objects.requireNonNull(graphEndpoint);
    Objects.requireNonNull(microsoftGraphEndpoint);
    Objects.requireNonNull(imdsEndpoint);
    Objects.requireNonNull(nmiEndpoint);
    caCertificates = List.copyOf(caCertificates);
  }

  /** The default NMI endpoint on the node for {@code nmiport}. */
  public static URI defaultNmi(int nmiPort) {
    return URI.create("http://127.0.0.1:" + nmiPort);
  }

  /**
   * {@code https://<vault>.<suffix>} (no trailing slash), e.g. {@code
   * https://myvault.vault.azure.net}.
   */
  public String vaultUrl(String vaultName) {
    return "https://" + vaultName + "." + keyVaultDnsSuffix;
  }

  /** The OAuth2 v2 scope for Key Vault: resource + {@code /.default}. */
  public String vaultScope() {
    return vaultResource + "/.default";
  }

  /** Short, certificate-free form for logs. */
  @Override
  public String toString() {
    return "CloudEnvironment[name="
        + name
        + ", authorityHost="
        + authorityHost
        + ", keyVaultDnsSuffix="
        + keyVaultDnsSuffix
        + ", vaultResource="
        + vaultResource
        + ", imds="
        + imdsEndpoint
        + ", nmi="
        + nmiEndpoint
        + ", extraCaCertificates="
        + caCertificates.size()
        + "]";
  }
}
