package io.kvflex.kvctl.demo;

import io.kvflex.kvctl.vaultcmd.SampleFiles;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import java.nio.file.Path;

/**
 * localvault with its built-in demo seed, plus what a node would need to reach it: the cloud
 * environment file, a hosts file for the vault names, and the demo service principal's credentials
 * (throwaway values from the seed, valid only against this local server).
 */
final class DemoVault implements AutoCloseable {
  /** The demo seed's application with read access to the demo vault. */
  private static final String DEMO_APP = "demo-app";

  private final LocalVault vault;
  private final LocalVaultConfig config;
  private final ServicePrincipalSpec app;
  final Path cloudEnv;
  final Path hosts;

  private DemoVault(
      LocalVault vault,
      LocalVaultConfig config,
      ServicePrincipalSpec app,
      Path cloudEnv,
      Path hosts) {
    this.vault = vault;
    this.config = config;
    this.app = app;
    this.cloudEnv = cloudEnv;
    this.hosts = hosts;
  }

  static DemoVault start(Path workspace) {
    LocalVaultConfig config = LocalVaultConfig.demo();
    ServicePrincipalSpec app =
        config.seed().servicePrincipals().stream()
            .filter(sp -> sp.name().equals(DEMO_APP) && sp.clientSecret().isPresent())
            .findFirst()
            .orElseThrow(
                () -> new DemoException("the demo seed has no service principal " + DEMO_APP));
    LocalVault vault = LocalVault.start(config);
    Path env = workspace.resolve("cloud-env.json");
    Path hosts = workspace.resolve("hosts");
    vault.writeCloudEnvironment(env);
    vault.writeHostsFile(hosts);
    return new DemoVault(vault, config, app, env, hosts);
  }

  String vaultName() {
    return vault.vaultNames().get(0);
  }

  String vaultUrl() {
    return vault.vaultUrl(vaultName());
  }

  String tenantId() {
    return vault.tenantId();
  }

  String clientId() {
    return app.clientId();
  }

  /** The client id of a service principal of the demo seed. */
  String clientIdOf(String servicePrincipal) {
    return config.seed().servicePrincipals().stream()
        .filter(sp -> sp.name().equals(servicePrincipal))
        .map(ServicePrincipalSpec::clientId)
        .findFirst()
        .orElseThrow(
            () -> new DemoException("the demo seed has no service principal " + servicePrincipal));
  }

  /** The Secret manifest (type azure/kv) with the demo application's throwaway credentials. */
  String secretYaml() {
    return SampleFiles.secretYaml(app);
  }

  /**
   * {@code kvctl demo --keep DIR}: the sample pod and Secret in DIR, pointing at DIR's cloud
   * environment file, which {@code kvctl vault serve --dir DIR} (same built-in seed) rewrites.
   */
  void keepSamples(Path dir) {
    SampleFiles.write(
        dir, config.seed(), tenantId(), dir.resolve("cloud-env.json").toAbsolutePath());
  }

  @Override
  public void close() {
    vault.close();
  }
}
