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

  @When("kvctl checks that manifest's access with --probe")
  public void checkAccessWithProbe() {
    String manifest = kvctl.manifest.orElseThrow().getFileName().toString();
    // localvault's endpoints for the probe, the ARM/Graph stubs for the verdict, in one file.
    Path cloudEnv =
        world
            .run()
            .armGraph()
            .writeCloudEnvironment(
                world.vault().cloudEnvFile(), world.scenarioDir().resolve("cloud-env.json"));
    kvctl.result =
        Optional.of(
            Kvctl.run(
                world.scenarioDir(),
                "check-access",
                "-f",
                manifest,
                "--secret-file",
                manifest,
                "--subscription",
                ArmGraphStubs.SUBSCRIPTION,
                "--resource-group",
                ArmGraphStubs.RESOURCE_GROUP,
                "--cloud-env",
                cloudEnv.getFileName().toString(),
                "--probe"));
  }

  private Path write(String name, String text) throws IOException {
    Files.createDirectories(world.scenarioDir());
    return Files.writeString(world.scenarioDir().resolve(name), text, StandardCharsets.UTF_8);
  }
}
