package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.e2e.framework.NodeFaults;
import io.kvflex.e2e.framework.PodSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** The node under stress: the driver killed, raced, starved, and pod directories tampered with. */
public final class NodeSteps {
  private final World world;
  private final Pods pods;
  private final MountContext mounts;
  private Optional<String> expectedContent = Optional.empty();
  private int files;

  public NodeSteps(World world, Pods pods, MountContext mounts) {
    this.world = world;
    this.pods = pods;
    this.mounts = mounts;
  }

  private NodeFaults node() {
    return node(world);
  }

  /** The backend's node, or the scenario is skipped where the backend cannot act on it (k3s). */
  static NodeFaults node(World world) {
    if (world.backend() instanceof NodeFaults node) {
      return node;
    }
    Assumptions.abort("the " + world.backend().name() + " backend cannot act on the node itself");
    throw new IllegalStateException("unreachable");
  }

  /** A pod volume with {@code count} files, all the value of secret {@code secret}. */
  private PodSpec manyFiles(int count, String secret) {
    this.files = count;
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(secret);
      types.add("secret");
      aliases.add(file(i));
    }
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", String.join(";", names));
    o.put("keyvaultobjecttypes", String.join(";", types));
    o.put("keyvaultobjectaliases", String.join(";", aliases));
    return pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app").withOptions(o);
  }

  private static String file(int i) {
    return String.format("files/f%02d", i);
  }

  @When("a pod mounts {int} files of secret {string} and the driver is killed at step {string}")
  public void killedAt(int count, String secret, String step) {
    mounts.recordMount(node().mountKilledAt(manyFiles(count, secret), step));
  }

  @When(
      "a pod mounts {int} files of secret {string} {int} times, the driver killed at a random"
          + " instant each time, and the kubelet retries")
  public void killedAtRandom(int count, String secret, int rounds) {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 1; round <= rounds; round++) {
      String when = "round " + round + " of " + rounds + " (random seed " + seed + ")";
      Mount killed =
          node()
              .mountKilledAfter(manyFiles(count, secret), Duration.ofMillis(random.nextInt(3000)));
      mounts.recordMount(killed);
      assertCompleteOrAbsent(when);
      mounts.recordMountAgain(world.backend().mountAgain(killed));
      assertThat(mounts.lastMountReply().succeeded()).as(when + ": the retry").isTrue();
      assertComplete(when);
      DriverReply off = world.backend().unmount(killed);
      mounts.recordOther(off);
      assertThat(off.succeeded()).as(when + ": unmount " + off.describe()).isTrue();
      assertThat(node().runDirLeftovers()).as(when + ": left on the node").isEmpty();
    }
  }

  @When("{int} kubelet workers mount the same volume of one pod at the same instant")
  public void atOnce(int times) {
    PodSpec pod =
        pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app")
            .withOptions(Pods.secretObject("db-password"));
    node().mountAtOnce(pod, times).forEach(mounts::recordMount);
  }

  @Given("a pod volume directory that is {stray}")
  public void plant(NodeFaults.Stray stray) {
    mounts.recordMount(
        node().plant(pods.pod("planted-" + stray.name().toLowerCase(Locale.ROOT)), stray));
  }

  @Given("the driver log path is a symbolic link to a file holding {string}")
  public void logThroughSymlink(String content) {
    node().logThroughSymlinkTo(content);
  }

  @Given("the node gives the driver too little memory for a JVM")
  public void starved() {
    node().limitDriverMemoryKib(300_000);
  }

  @Then("the driver answered one Failure naming signal {int}")
  public void killedBySignal(int signal) {
    DriverReply r = mounts.lastMountReply();
    assertThat(r.protocolError()).as(r.describe()).isEmpty();
    assertThat(r.status()).isEqualTo("Failure");
    List<String> routes = world.backend().routes();
    if (!routes.isEmpty() && routes.get(routes.size() - 1).equals("agent")) {
      // The node agent was the one killed: its launcher sees the channel end, not the signal.
      assertThat(r.message()).contains("node agent stopped while it handled this call");
    } else {
      assertThat(r.message()).contains("killed by signal " + signal);
    }
  }

  @Then("the volume is {string}")
  public void volumeIs(String state) {
    switch (state) {
      case "complete" -> assertComplete(state);
      case "not mounted" -> {
        assertThat(node().layers(mounts.lastMount())).isEmpty();
        assertCompleteOrAbsent(state);
      }
      default -> throw new IllegalArgumentException("state is complete or not mounted: " + state);
    }
  }

  @Then("the pod sees all {int} files containing {string}")
  public void seesAll(int count, String content) {
    expectedContent = Optional.of(content);
    assertThat(count).isEqualTo(files);
    assertComplete("after the kubelet's retry");
  }

  @Then("the volume has exactly one mount layer")
  public void oneLayer() {
    assertThat(node().layers(mounts.lastMount())).hasSize(1);
  }

  @Then("what was planted there is untouched")
  public void plantedIntact() {
    assertThat(node().plantedIntact()).isTrue();
  }

  @Then("the link's target still holds only {string} with its mode unchanged")
  public void symlinkTarget(String content) {
    assertThat(node().symlinkTargetUntouched(content)).isTrue();
  }

  @Then("nothing is left on the node")
  public void nothingOnTheNode() {
    assertThat(world.backend().leftovers(List.of())).as("mounts under the kubelet root").isEmpty();
    assertThat(node().runDirLeftovers()).as("the driver's run directory").isEmpty();
  }

  /** One layer of the driver's tmpfs and every file present with the expected content. */
  private void assertComplete(String when) {
    Mount m = mounts.lastMount();
    assertThat(node().layers(m))
        .as(when + ": layers")
        .singleElement()
        .asString()
        .contains("kvflex-");
    for (int i = 1; i <= files; i++) {
      String name = file(i);
      Optional<byte[]> bytes = world.backend().read(m, name);
      assertThat(bytes).as(when + ": " + name).isPresent();
      if (expectedContent.isPresent()) {
        assertThat(new String(bytes.get(), StandardCharsets.UTF_8))
            .as(when + ": " + name)
            .isEqualTo(expectedContent.get());
      }
    }
  }

  /** Complete, or not a mount point with nothing in the directory: never in between. */
  private void assertCompleteOrAbsent(String when) {
    Mount m = mounts.lastMount();
    if (!node().layers(m).isEmpty()) {
      assertComplete(when);
    } else {
      assertThat(world.backend().leftovers(List.of(m)))
          .as(when + ": an unmounted volume leaves nothing")
          .isEmpty();
    }
  }
}
