package io.kvflex.localvault;

import io.kvflex.localvault.auth.ClientAssertions;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.auth.PodBindings;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.http.FaultInjector;
import io.kvflex.localvault.http.HostNames;
import io.kvflex.localvault.http.RequestLog;
import io.kvflex.localvault.http.ServerState;
import io.kvflex.localvault.http.Servers;
import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.IssuingChain;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.pki.ServerTls;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.stats.RequestCounter;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.VaultState;
import io.kvflex.localvault.store.Vaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A running localvault: Key Vault data plane for every seeded vault plus Entra ID (on one HTTPS
 * port, chosen by Host header), IMDS and NMI (HTTP ports of their own) and the admin API.
 *
 * <pre>{@code
 * try (LocalVault lv = LocalVault.start(LocalVaultConfig.fromSeedFile(seed))) {
 *   lv.writeHostsFile(hostsFile);        // then -Djdk.net.hosts.file=hostsFile
 *   lv.writeCloudEnvironment(envFile);   // for the driver / kvctl
 *   String url = lv.vaultUrl("demo-vault");
 * }
 * }</pre>
 */
public final class LocalVault implements AutoCloseable {
  private final LocalVaultConfig config;
  private final ServerState state;
  private final Servers servers;
  private final String caPem;

  private LocalVault(LocalVaultConfig config, ServerState state, Servers servers, String caPem) {
    this.config = config;
    this.state = state;
    this.servers = servers;
    this.caPem = caPem;
  }

  /** Generates keys and certificates, seeds the vaults and listens; returns when ready. */
  public static LocalVault start(LocalVaultConfig config) {
    Seed seed = config.seed();
    Instant now = config.clock().instant();
    // The token signing key (RSA) is the slowest single step: make it while the vaults are seeded.
    CompletableFuture<TokenService> tokens =
        CompletableFuture.supplyAsync(() -> TokenService.generate(config.clock()));
    CertificateAuthority ca =
        config.caCertificatePem().isPresent()
            ? CertificateAuthority.fromPem(config.caCertificatePem().get(), config.caKeyPem().get())
            : CertificateAuthority.generateRoot(
                "CN=localvault TLS CA,O=kvflex",
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(3650));
    HostNames hosts = config.hosts();
    SSLContext ssl = ServerTls.create(ca, tlsNames(hosts), now);
    ObjectFactory factory =
        new ObjectFactory(config.clock(), memoize(() -> IssuingChain.generate(now)));
    CompletableFuture<Directory> directory =
        CompletableFuture.supplyAsync(() -> Directory.fromSeed(seed, now));
    Vaults vaults = Vaults.seed(seed.vaults(), factory);
    PodBindings bindings = new PodBindings(config.clock());
    seed.podIdentities().forEach(bindings::bind);
    ServerState state =
        new ServerState(
            vaults,
            directory.join(),
            tokens.join(),
            new ClientAssertions(config.clock()),
            bindings,
            new FaultInjector(seed.faults(), new Random()),
            new RequestCounter(),
            hosts,
            factory,
            config.clock());
    RequestLog log =
        config.requestLog().map(out -> RequestLog.to(out, config.clock())).orElse(RequestLog.NONE);
    Servers servers =
        Servers.start(
            state,
            ssl,
            new Servers.Ports(
                config.bindAddress(),
                config.httpsPort(),
                config.imdsPort(),
                config.nmiPort(),
                config.adminPort()),
            log);
    return new LocalVault(config, state, servers, Pem.certificate(ca.certificate()));
  }

  private static List<String> tlsNames(HostNames h) {
    return List.of(
        "*." + h.vaultSuffix(),
        h.vaultSuffix(),
        h.loginHost(),
        h.managementHost(),
        h.graphHost(),
        "localhost");
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  public int httpsPort() {
    return servers.httpsPort();
  }

  public int imdsPort() {
    return servers.imdsPort();
  }

  public int nmiPort() {
    return servers.nmiPort();
  }

  /** Admin API: {@code http://127.0.0.1:<adminPort>/admin/...}. */
  public int adminPort() {
    return servers.adminPort();
  }

  public HostNames hosts() {
    return config.hosts();
  }

  /** {@code https://{vault}.vault.localvault.test:<port>/}. */
  public String vaultUrl(String vault) {
    return "https://" + config.hosts().vaultHost(vault) + ":" + httpsPort() + "/";
  }

  /** Authority host for azure-identity: {@code https://login.localvault.test:<port>/}. */
  public String authorityHost() {
    return "https://" + config.hosts().loginHost() + ":" + httpsPort() + "/";
  }

  /** Token scope of the vaults: {@code https://vault.localvault.test/.default}. */
  public String vaultScope() {
    return config.hosts().vaultResource() + "/.default";
  }

  public String imdsEndpoint() {
    return "http://127.0.0.1:" + imdsPort();
  }

  public String nmiEndpoint() {
    return "http://127.0.0.1:" + nmiPort();
  }

  /** The first tenant of the seed (the one identities and vaults default to). */
  public String tenantId() {
    return config.seed().tenants().get(0).id();
  }

  /** PEM certificate of the CA that issued the HTTPS certificate; trust it in clients. */
  public String caPem() {
    return caPem;
  }

  /** The cloud environment file contents (format: README "Cloud environment file"). */
  public String cloudEnvironmentJson() {
    return CloudEnvironment.json(config.hosts(), httpsPort(), imdsPort(), nmiPort(), caPem);
  }

  public void writeCloudEnvironment(Path file) {
    writeAtomically(file, cloudEnvironmentJson() + "\n");
  }

  /** Names of the vaults served. */
  public List<String> vaultNames() {
    return state.vaults().all().stream().map(VaultState::name).toList();
  }

  /** Every host name localvault answers to (login, management, graph, each vault) and localhost. */
  public List<String> hostNames() {
    HostNames h = config.hosts();
    List<String> names =
        new ArrayList<>(
            List.of(
                "localhost", h.loginHost(), h.managementHost(), h.graphHost(), h.vaultSuffix()));
    state.vaults().all().forEach(v -> names.add(h.vaultHost(v.name())));
    return names;
  }

  /** An {@code /etc/hosts}-format file mapping {@link #hostNames()} to 127.0.0.1. */
  public void writeHostsFile(Path file) {
    StringBuilder sb =
        new StringBuilder("# written by localvault; use with -Djdk.net.hosts.file\n");
    for (String n : hostNames()) {
      sb.append("127.0.0.1 ").append(n).append('\n');
    }
    writeAtomically(file, sb.toString());
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Path abs = file.toAbsolutePath();
      Files.createDirectories(abs.getParent());
      Path tmp = Files.createTempFile(abs.getParent(), ".localvault", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public RequestCounts requestCounts() {
    return state.counter().snapshot();
  }

  public void resetRequestCounts() {
    state.counter().reset();
  }

  /** Global faults (vaults without their own setting). */
  public void setFaults(FaultSpec faults) {
    state.faults().setGlobal(faults);
  }

  /** Faults of one vault, overriding the global ones; empty removes the override. */
  public void setVaultFaults(String vault, Optional<FaultSpec> faults) {
    vaultState(vault).setFaults(faults);
  }

  /** Removes every fault. */
  public void clearFaults() {
    state.faults().setGlobal(FaultSpec.NONE);
    state.vaults().all().forEach(v -> v.setFaults(Optional.empty()));
  }

  /** Adds or replaces a pod-identity binding; its delay starts now. */
  public void bindPodIdentity(PodIdentitySpec binding) {
    Identity id =
        state
            .directory()
            .find(binding.identity())
            .orElseThrow(() -> new IllegalArgumentException("no identity " + binding.identity()));
    state
        .bindings()
        .bind(
            new PodIdentitySpec(
                binding.namespace(),
                binding.pod(),
                id.name(),
                binding.activeAfterRequests(),
                binding.activeAfter()));
  }

  public boolean unbindPodIdentity(String namespace, String pod) {
    return state.bindings().unbind(namespace, pod);
  }

  /**
   * PEM (private key, then certificate) of a service principal's generated client certificate
   * ({@code generateCertificate: true} in the seed).
   */
  public Optional<String> clientCertificatePem(String servicePrincipal) {
    return state
        .directory()
        .find(servicePrincipal)
        .flatMap(Identity::certificate)
        .filter(c -> c.privateKey() != null)
        .map(c -> Pem.privateKey(c.privateKey()) + Pem.certificate(c.certificate()));
  }

  private VaultState vaultState(String vault) {
    return state
        .vaults()
        .find(vault)
        .orElseThrow(() -> new IllegalArgumentException("no vault named '" + vault + "'"));
  }

  @Override
  public void close() {
    servers.close();
  }
}
