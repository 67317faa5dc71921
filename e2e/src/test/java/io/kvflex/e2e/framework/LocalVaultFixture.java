package io.kvflex.e2e.framework;

import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The localvault every scenario talks to, started once per JVM from {@code e2e-seed.yaml}: writes
 * the cloud environment file and hosts file the driver (and this JVM) use, seeds objects through
 * the Key Vault REST API, sets access policies through the admin API, and injects faults, NMI
 * bindings and reads request counts through the in-process API.
 */
public final class LocalVaultFixture implements AutoCloseable {
  /** The one vault of the e2e seed. */
  public static final String VAULT = "e2e-vault";

  static final String SEED_RESOURCE = "/io/kvflex/e2e/e2e-seed.yaml";

  /** The identity that seeds objects (the operator), never used by a pod. */
  public static final String SEEDER = "e2e-seeder";

  private final LocalVault server;
  private final Seed seed;
  private final Path cloudEnvFile;
  private final Path hostsFile;
  private final SSLContext tls;
  private final VaultRest rest;
  private final HttpClient admin = HttpClient.newHttpClient();

  private LocalVaultFixture(LocalVault server, Seed seed, Path dir, Path jvmHostsFile) {
    this.server = server;
    this.seed = seed;
    this.cloudEnvFile = dir.resolve("cloud-env.json");
    this.hostsFile = dir.resolve("hosts");
    server.writeCloudEnvironment(cloudEnvFile);
    server.writeHostsFile(hostsFile);
    // The test JVM resolves vault names through -Djdk.net.hosts.file (see the e2e pom).
    server.writeHostsFile(jvmHostsFile);
    this.tls = Tls.trusting(server.caPem());
    ServicePrincipalSpec seeder = servicePrincipal(SEEDER);
    this.rest =
        new VaultRest(
            tls,
            server.authorityHost(),
            server.tenantId(),
            seeder.clientId(),
            seeder.clientSecret().orElseThrow().reveal(),
            server.vaultScope());
  }

  /**
   * Starts localvault on free loopback ports (or {@code bindAddress}, for a cluster that must reach
   * it) and writes its files under {@code dir}.
   */
  public static LocalVaultFixture start(Path dir, Path jvmHostsFile, String bindAddress) {
    Seed seed = SeedLoader.parse(SEED_RESOURCE, resource(SEED_RESOURCE));
    LocalVault server = LocalVault.start(LocalVaultConfig.of(seed).withBindAddress(bindAddress));
    try {
      Files.createDirectories(dir);
      return new LocalVaultFixture(server, seed, dir, jvmHostsFile);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public LocalVault server() {
    return server;
  }

  /** The cloud environment file (format: README "Cloud environment file"). */
  public Path cloudEnvFile() {
    return cloudEnvFile;
  }

  /** A hosts file mapping every localvault name to 127.0.0.1. */
  public Path hostsFile() {
    return hostsFile;
  }

  public String tenantId() {
    return server.tenantId();
  }

  public String vaultUrl() {
    return server.vaultUrl(VAULT);
  }

  /** {@code e2e-vault.vault.localvault.test}. */
  public String vaultHost() {
    return server.hosts().vaultHost(VAULT);
  }

  /** The operator's REST client (identity {@code e2e-seeder}). */
  public VaultRest rest() {
    return rest;
  }

  /** TLS trusting localvault's CA (and nothing else). */
  public SSLContext tls() {
    return tls;
  }

  public ServicePrincipalSpec servicePrincipal(String name) {
    return seed.servicePrincipals().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("no service principal " + name + " in the e2e seed"));
  }

  /** Client id of a managed identity of the seed. */
  public String managedIdentityClientId(String name) {
    return seed.managedIdentities().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no managed identity " + name + " in the e2e seed"))
        .clientId();
  }

  /** PEM private key + certificate of a service principal with a generated client certificate. */
  public String clientCertificatePem(String servicePrincipal) {
    return server
        .clientCertificatePem(servicePrincipal)
        .orElseThrow(
            () -> new IllegalArgumentException(servicePrincipal + " has no client certificate"));
  }

  /**
   * Replaces {@code identity}'s access policy on the vault with these permissions (admin API {@code
   * PUT /admin/access/{vault}}).
   */
  public void grant(
      String identity, List<String> secrets, List<String> keys, List<String> certificates) {
    String body =
        Json.write(
            Map.of(
                "identity", identity,
                "secrets", secrets,
                "keys", keys,
                "certificates", certificates));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort() + "/admin/access/" + VAULT))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> r = admin.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "admin access answered " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every scenario starts without faults, with counts at zero and no pod bindings it made. */
  public void reset() {
    server.clearFaults();
    server.resetRequestCounts();
  }

  public void setFaults(FaultSpec faults) {
    server.setFaults(faults);
  }

  public RequestCounts counts() {
    return server.requestCounts();
  }

  /** Binds a pod to a managed identity; NMI refuses its first {@code refusals} requests. */
  public void bindPod(String namespace, String pod, String identity, int refusals) {
    server.bindPodIdentity(new PodIdentitySpec(namespace, pod, identity, refusals, Duration.ZERO));
  }

  public void unbindPod(String namespace, String pod) {
    server.unbindPodIdentity(namespace, pod);
  }

  @Override
  public void close() {
    server.close();
  }

  private static String resource(String name) {
    try (InputStream in = LocalVaultFixture.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
