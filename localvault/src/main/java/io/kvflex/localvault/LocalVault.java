package io.kvflex.localvault;

import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.http.HostNames;
import io.kvflex.localvault.http.ServerState;
import io.kvflex.localvault.http.Servers;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.pki.Pkcs12;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.localvault.store.VaultState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    Startup.Started st = Startup.run(config);
    return new LocalVault(config, st.state(), st.servers(), st.caPem());
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
  /** The local ARM's root, e.g. {@code https://management.localvault.test:8443/}. */
  public String resourceManagerUrl() {
    return "https://" + config.hosts().managementHost() + ":" + httpsPort() + "/";
  }

  /** The local Microsoft Graph's root, e.g. {@code https://graph.localvault.test:8443/}. */
  public String microsoftGraphUrl() {
    return "https://" + config.hosts().graphHost() + ":" + httpsPort() + "/";
  }

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
    AtomicFiles.write(file, cloudEnvironmentJson() + "\n");
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
    AtomicFiles.write(file, sb.toString());
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
   * PKCS#12 (empty password) of a service principal's generated client certificate and key ({@code
   * generateCertificate: true} in the seed).
   */
  public Optional<byte[]> clientCertificatePkcs12(String servicePrincipal) {
    return state
        .directory()
        .find(servicePrincipal)
        .flatMap(Identity::certificate)
        .filter(c -> c.privateKey() != null)
        .map(c -> Pkcs12.write(c.privateKey(), List.of(c.certificate())));
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
