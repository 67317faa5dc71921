package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.e2e.framework.NodeFaults;
import io.kvflex.e2e.framework.PodSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** A node upgraded from the legacy driver: the volumes it mounted, adopted and unmounted. */
public final class UpgradeSteps {
  private final World world;
  private final Pods pods;
  private final MountContext mounts;
  private String installerOutput = "";
  private String legacyContent = "";

  public UpgradeSteps(World world, Pods pods, MountContext mounts) {
    this.world = world;
    this.pods = pods;
    this.mounts = mounts;
  }

  private NodeFaults node() {
    return NodeSteps.node(world);
  }

  @Given("the legacy driver is installed on the node")
  public void legacyInstalled() {
    node().installLegacyDriver();
  }

  @Given("the legacy driver has mounted secret {string} for pod {string}")
  public void legacyMounted(String secret, String pod) {
    PodSpec spec =
        pods.asServicePrincipal(pods.pod(Pods.DEFAULT_NAMESPACE, pod, Pods.DEFAULT_VOLUME), "app")
            .withOptions(Pods.secretObject(secret));
    legacyContent = "legacy value of " + secret;
    mounts.recordMount(node().mountByLegacyDriver(spec, Map.of(secret, legacyContent)));
  }

  @When(
      "someone mounts a tmpfs named \"tmpfs\" holding secret {string} at the volume of pod {string}")
  public void mountedLikeTheLegacyDriver(String secret, String pod) {
    legacyMounted(secret, pod);
  }

  @When("the installer replaces the legacy driver")
  public void upgrade() {
    installerOutput = node().upgradeFromLegacyDriver();
  }

  @Then("the installer adopted the volume before switching the kubelet to the new driver")
  public void adoptedBeforeTheSwitch() {
    assertThat(node().adoptedMountPoints()).contains(realPath(mounts.lastMount()));
    int adoption = installerOutput.indexOf("adoption: {\"status\":\"Success\"");
    assertThat(adoption).as(installerOutput).isNotNegative();
    assertThat(adoption)
        .as("adopted before the switch: " + installerOutput)
        .isLessThan(installerOutput.indexOf("(replaced a driver not installed by kvflex)"));
  }

  @Then("the driver log has event {string}")
  public void logHasEvent(String event) {
    assertThat(world.backend().driverLog()).contains("event=" + event + " ");
  }

  @Then("the volume is still mounted with the legacy driver's file {string}")
  public void stillMounted(String file) {
    Mount m = mounts.lastMount();
    assertThat(node().layers(m)).containsExactly("tmpfs from \"tmpfs\"");
    assertThat(world.backend().read(m, file))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(legacyContent));
  }

  private static String realPath(Mount m) {
    try {
      return Path.of(m.dir()).toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
