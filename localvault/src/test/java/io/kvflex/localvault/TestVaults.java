package io.kvflex.localvault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.testsupport.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One localvault per test JVM, seeded from {@code test-seed.yaml}, plus clients configured the way
 * the driver configures them (CA trust, no instance discovery, authority host).
 */
final class TestVaults {
  static final String VAULT = "kvflex-it";
  static final String TENANT = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

  /** The shared vault's clock: system time that tests may step forward (never back). */
  static final SteppingClock CLOCK = new SteppingClock();

  private static LocalVault shared;

  private TestVaults() {}

  static synchronized LocalVault shared() {
    if (shared == null) {
      shared =
          LocalVault.start(
              withClock(LocalVaultConfig.of(SeedLoader.parse("test-seed.yaml", seedText()))));
      // The JDK hosts-file resolver reads this file on lookup; no name was looked up before.
      shared.writeHostsFile(
          Path.of(System.getProperty("localvault.testHosts", "target/test-hosts")));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  private static LocalVaultConfig withClock(LocalVaultConfig c) {
    return new LocalVaultConfig(
        c.seed(),
        c.httpsPort(),
        c.imdsPort(),
        c.nmiPort(),
        c.adminPort(),
        c.hosts(),
        c.caCertificatePem(),
        c.caKeyPem(),
        c.bindAddress(),
        CLOCK,
        c.requestLog());
  }

  static String seedText() {
    try (InputStream in = TestVaults.class.getResourceAsStream("/test-seed.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static java.net.http.HttpClient rawClient(LocalVault lv) {
    return Tls.httpClient(lv.caPem());
  }

  /** An azure-core HTTP client (JDK HttpClient) that trusts the localvault CA. */
  static HttpClient azureHttpClient(LocalVault lv) {
    return new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(Tls.trusting(lv.caPem())))
        .build();
  }

  static ClientSecretCredential credential(
      LocalVault lv, HttpClient http, String clientId, String secret) {
    return new ClientSecretCredentialBuilder()
        .tenantId(TENANT)
        .clientId(clientId)
        .clientSecret(secret)
        .authorityHost(lv.authorityHost())
        .disableInstanceDiscovery()
        .httpClient(http)
        .build();
  }

  static String clientId(String name) {
    return SeedLoader.parse("test-seed.yaml", seedText()).servicePrincipals().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .clientId();
  }

  static SecretClient secrets(LocalVault lv, String spName, String secret) {
    HttpClient http = azureHttpClient(lv);
    return new SecretClientBuilder()
        .vaultUrl(lv.vaultUrl(VAULT))
        .credential(credential(lv, http, clientId(spName), secret))
        .httpClient(http)
        .buildClient();
  }
}
