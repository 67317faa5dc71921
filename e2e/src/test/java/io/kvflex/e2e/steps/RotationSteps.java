package io.kvflex.e2e.steps;

import io.cucumber.java.After;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.e2e.framework.PodSpec;
import io.kvflex.localvault.seed.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rotating volumes: mounts with {@code rotationpollinterval}, new versions, an agent restart. */
public final class RotationSteps {
  private final World world;
  private final Pods pods;
  private final MountContext mounts;
  private final RotationContext rotation;
  private final VaultContext vault;
  private final VaultSteps vaultSteps;

  public RotationSteps(
      World world,
      Pods pods,
      MountContext mounts,
      RotationContext rotation,
      VaultContext vault,
      VaultSteps vaultSteps) {
    this.world = world;
    this.pods = pods;
    this.mounts = mounts;
    this.rotation = rotation;
    this.vault = vault;
    this.vaultSteps = vaultSteps;
  }

  @When("a pod mounts secret {string} polled every {string}")
  public void mountsPolled(String secret, String interval) {
    mount(Pods.secretObject(secret), interval, "service principal");
  }

  @When("a pod mounts secret {string} as {int} files polled every {string}")
  public void mountsCopiesPolled(String secret, int files, String interval) {
    List<String> names = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 1; i <= files; i++) {
      names.add(secret);
      aliases.add(secret + "-" + i);
    }
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", String.join(";", names));
    o.put("keyvaultobjecttypes", String.join(";", names.stream().map(n -> "secret").toList()));
    o.put("keyvaultobjectaliases", String.join(";", aliases));
    mount(o, interval, "service principal");
  }

  @When(
      "a pod mounts the backing secret of certificate {string} as {string} and {string} polled"
          + " every {string}")
  public void mountsPemAndPfx(String cert, String pem, String pfx, String interval) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", cert + ";" + cert);
    o.put("keyvaultobjecttypes", "secret;secret");
    o.put("keyvaultobjectaliases", pem + ";" + pfx);
    o.put("keyvaultobjectformats", "pem;pfx");
    mount(o, interval, "service principal");
  }

  @When(
      "a pod mounts secret {string} and secret {string} pinned to its first version, polled every"
          + " {string}")
  public void mountsWithPinned(String polled, String pinned, String interval) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", polled + ";" + pinned);
    o.put("keyvaultobjecttypes", "secret;secret");
    o.put("keyvaultobjectversions", ";" + vault.versions(pinned).get(0));
    mount(o, interval, "service principal");
  }

  @When(
      "a pod mounts secret {string} with the node's system-assigned managed identity, polled every"
          + " {string}")
  public void mountsWithNodeIdentity(String secret, String interval) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("usevmmanagedidentity", "true");
    o.put("rotationpollinterval", interval);
    rotation.interval = seconds(interval);
    rotation.byRole.put(
        "managed identity", pods.mount(pods.pod(Pods.DEFAULT_VOLUME).withOptions(o)));
  }

  @When("another pod mounts secret {string} as service principal {string}, polled every {string}")
  public void anotherPodPolled(String secret, String sp, String interval) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("rotationpollinterval", interval);
    rotation.interval = seconds(interval);
    PodSpec pod =
        pods.asServicePrincipal(
            pods.pod(Pods.DEFAULT_NAMESPACE, mounts.anotherPodName(), Pods.DEFAULT_VOLUME), sp);
    rotation.byRole.put("service principal", pods.mount(pod.withOptions(o)));
  }

  @When("the vault gets a new version of secret {string} with value {string}")
  public void newSecretVersion(String secret, String value) {
    vaultSteps.holdsSecret(secret, value);
  }

  @When(
      "the vault gets a new version of secret {string} with value {string} while the pod reads its"
          + " files")
  public void newVersionWhileRead(String secret, String value) {
    Mount m = mounts.lastMount();
    List<String> files = List.of(m.pod().options().get("keyvaultobjectaliases").split(";"));
    rotation.reader = java.util.Optional.of(VolumeReader.start(world.backend(), m, files));
    newSecretVersion(secret, value);
  }

  @When(
      "the vault gets a new version of certificate {string} issued by an intermediate and a root CA")
  public void newCertificateVersion(String cert) {
    vaultSteps.holdsChainCertificate(cert);
  }

  @When("the vault fails every request with status {int}")
  public void vaultFails(int status) {
    world.vault().setFaults(new FaultSpec(0, 0, 0, -1, 1.0, status, 0, 0));
  }

  @When("the vault recovers")
  public void vaultRecovers() {
    world.vault().setFaults(FaultSpec.NONE);
  }

  @When("the node agent is restarted")
  public void agentRestarted() {
    // SIGTERM, then a new agent: what a DaemonSet rollout or a container restart does.
    world.backend().startAgent(Map.of());
  }

  @After("@rotation")
  public void stopReader() {
    rotation.reader.ifPresent(VolumeReader::stop);
  }

  private void mount(Map<String, String> objects, String interval, String role) {
    Map<String, String> o = new LinkedHashMap<>(objects);
    o.put("rotationpollinterval", interval);
    rotation.interval = seconds(interval);
    rotation.byRole.put(
        role,
        pods.mount(pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app").withOptions(o)));
  }

  /** The scenarios' intervals are whole seconds ("5s"). */
  private static Duration seconds(String interval) {
    if (!interval.matches("[0-9]+s")) {
      throw new IllegalArgumentException("write the scenario's interval in seconds, like 5s");
    }
    return Duration.ofSeconds(Long.parseLong(interval.substring(0, interval.length() - 1)));
  }
}
