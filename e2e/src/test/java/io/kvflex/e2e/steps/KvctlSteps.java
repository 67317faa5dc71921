package io.kvflex.e2e.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.ArmGraphStubs;
import io.kvflex.e2e.framework.Kvctl;
import io.kvflex.e2e.framework.PodManifests;
import io.kvflex.e2e.framework.PodSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** kvctl as a developer runs it before deploying: lint, a dry-run fetch, check-access. */
public final class KvctlSteps {
  private final World world;
  private final Pods pods;
  private final KvctlContext kvctl;

  public KvctlSteps(World world, Pods pods, KvctlContext kvctl) {
    this.world = world;
    this.pods = pods;
    this.kvctl = kvctl;
  }

  @Given("a manifest {string} whose azure\\/kv volume has tenantid {string}")
  public void badManifest(String file, String tenant) throws IOException {
    PodSpec pod =
        pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app")
            .withOptions(Pods.secretObject("db-password"));
    pod = pod.withOptions(java.util.Map.of("tenantid", tenant));
    kvctl.manifest = Optional.of(write(file, PodManifests.both(pod)));
  }

  @Given("a pod manifest mounting secret {string} from the vault with its credentials Secret")
  public void podManifest(String secret) throws IOException {
    PodSpec pod =
        pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app")
            .withOptions(Pods.secretObject(secret));
    kvctl.manifest = Optional.of(write("pod.yaml", PodManifests.both(pod)));
  }

  @When("kvctl lints {string}")
  public void lints(String path) {
    // Repository paths (deployment/examples) resolve from the root, scenario files from the
    // scenario.
    Path dir =
        Files.exists(world.scenarioDir().resolve(path)) ? world.scenarioDir() : world.repoRoot();
    kvctl.result = Optional.of(Kvctl.run(dir, "lint", path));
  }

  @When("kvctl fetches that manifest as a dry run")
  public void fetchDryRun() {
    Path manifest = kvctl.manifest.orElseThrow();
    kvctl.result =
        Optional.of(
            Kvctl.run(world.scenarioDir(), "fetch", "-f", manifest.getFileName().toString()));
  }

  /**
   * localvault's own ARM and Graph (one seed with its vault), the caller being the node's
   * system-assigned identity through localvault's IMDS; the vault is found by listing the caller's
   * subscriptions, in localvault's default subscription and resource group.
   */
  @When("kvctl checks that manifest's access against localvault's own ARM with --probe")
  public void checkAccessLocally() {
    checkAccess(
        new KvctlContext.VaultLocation("00000000-0000-0000-0000-000000000000", "localvault"),
        world.vault().cloudEnvFile().toString());
  }

  /** The verdict from the ARM/Graph stubs, the probe against localvault: one cloud file. */
  @When("kvctl checks that manifest's access with --probe")
  public void checkAccessWithProbe() {
    Path cloudEnv =
        world
            .run()
            .armGraph()
            .writeCloudEnvironment(
                world.vault().cloudEnvFile(), world.scenarioDir().resolve("cloud-env.json"));
    checkAccess(
        new KvctlContext.VaultLocation(ArmGraphStubs.SUBSCRIPTION, ArmGraphStubs.RESOURCE_GROUP),
        cloudEnv.getFileName().toString(),
        "--subscription",
        ArmGraphStubs.SUBSCRIPTION,
        "--resource-group",
        ArmGraphStubs.RESOURCE_GROUP);
  }

  private void checkAccess(KvctlContext.VaultLocation where, String cloudEnv, String... more) {
    String manifest = kvctl.manifest.orElseThrow().getFileName().toString();
    kvctl.vaultLocation = Optional.of(where);
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "check-access",
                "-f",
                manifest,
                "--secret-file",
                manifest,
                "--cloud-env",
                cloudEnv));
    args.addAll(java.util.List.of(more));
    args.add("--probe");
    kvctl.result = Optional.of(Kvctl.run(world.scenarioDir(), args.toArray(String[]::new)));
  }

  private Path write(String name, String text) throws IOException {
    Files.createDirectories(world.scenarioDir());
    return Files.writeString(world.scenarioDir().resolve(name), text, StandardCharsets.UTF_8);
  }
}
