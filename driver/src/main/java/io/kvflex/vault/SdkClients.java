package io.kvflex.vault;

import com.azure.core.http.HttpPipeline;
import com.azure.core.util.Configuration;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.CertificateServiceVersion;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.KeyServiceVersion;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.SecretServiceVersion;
import java.util.Objects;

/**
 * The SDK clients of one token generation, all over one {@link HttpPipeline} (built by {@link
 * VaultClients}: one token cache, one retry policy). Each client is built on first use: a mount of
 * secrets only never loads or initialises the key and certificate clients (cold start, see
 * docs/benchmarks.md). Safe to call from several threads.
 */
final class SdkClients {
  private final HttpPipeline pipeline;
  private final String vaultUrl;
  private SecretClient secrets;
  private KeyClient keys;
  private CertificateClient certificates;

  SdkClients(HttpPipeline pipeline, String vaultUrl) {
    this.pipeline = Objects.requireNonNull(pipeline);
    this.vaultUrl = Objects.requireNonNull(vaultUrl);
  }

  synchronized SecretClient secrets() {
    if (secrets == null) {
      secrets =
          new SecretClientBuilder()
              .pipeline(pipeline)
              .configuration(Configuration.NONE)
              .vaultUrl(vaultUrl)
              .serviceVersion(SecretServiceVersion.V7_4)
              .buildClient();
    }
    return secrets;
  }

  synchronized KeyClient keys() {
    if (keys == null) {
      keys =
          new KeyClientBuilder()
              .pipeline(pipeline)
              .configuration(Configuration.NONE)
              .vaultUrl(vaultUrl)
              .serviceVersion(KeyServiceVersion.V7_4)
              .buildClient();
    }
    return keys;
  }

  synchronized CertificateClient certificates() {
    if (certificates == null) {
      certificates =
          new CertificateClientBuilder()
              .pipeline(pipeline)
              .configuration(Configuration.NONE)
              .vaultUrl(vaultUrl)
              .serviceVersion(CertificateServiceVersion.V7_4)
              .buildClient();
    }
    return certificates;
  }
}
