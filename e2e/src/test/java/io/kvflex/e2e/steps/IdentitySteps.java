package io.kvflex.e2e.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.KubeletView;
import io.kvflex.e2e.framework.PodManifests;
import io.kvflex.e2e.framework.PodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Identities other than the default service principal: certificates, pod identity, node MSI. */
public final class IdentitySteps {
  private static final List<String> READ = List.of("get");

  private final World world;
  private final Pods pods;
  private final MountContext mounts;

  public IdentitySteps(World world, Pods pods, MountContext mounts) {
    this.world = world;
    this.pods = pods;
    this.mounts = mounts;
  }

  @Given("service principal {string} authenticates with a client certificate and may read secrets")
  public void certificateServicePrincipal(String sp) {
    world.vault().clientCertificatePem(sp);
    world.vault().grant(sp, READ, List.of(), List.of());
  }

  @When(
      "a pod mounts secret {string} as service principal {string} using its certificate as {certMaterial}")
  public void mountsWithCertificate(String secret, String sp, String material) {
    PodSpec pod = pods.withClientCertificate(pods.pod(Pods.DEFAULT_VOLUME), sp, material);
    pods.mount(pod.withOptions(Pods.secretObject(secret)));
  }

  @Given(
      "pod {string} in namespace {string} is bound to managed identity {string} which may read secrets")
  public void boundPod(String pod, String namespace, String identity) {
    world.vault().grant(identity, READ, List.of(), List.of());
    world.vault().bindPod(namespace, pod, identity, 0);
  }

  @Given(
      "pod {string} in namespace {string} will be bound to managed identity {string} after {int} refused requests")
  public void lateBinding(String pod, String namespace, String identity, int refusals) {
    world.vault().grant(identity, READ, List.of(), List.of());
    world.vault().bindPod(namespace, pod, identity, refusals);
  }

  @Given("pod {string} in namespace {string} has no identity binding")
  public void noBinding(String pod, String namespace) {
    world.vault().unbindPod(namespace, pod);
  }

  @When("pod {string} in namespace {string} mounts secret {string} with pod identity")
  public void podIdentityMount(String pod, String namespace, String secret) {
    pods.mount(podIdentity(namespace, pod, secret, Map.of()));
  }

  @When(
      "pod {string} in namespace {string} mounts secret {string} with pod identity and timeout {string}")
  public void podIdentityMountWithTimeout(
      String pod, String namespace, String secret, String timeout) {
    pods.mount(podIdentity(namespace, pod, secret, Map.of("timeout", timeout)));
  }

  @When(
      "pod {string} in namespace {string} mounts secret {string} with pod identity, claiming the kubelet's pod keys of pod {string}")
  public void impersonation(String pod, String namespace, String secret, String victim) {
    // The pod author writes the victim's kubernetes.io/pod.* values into flexVolume.options; the
    // kubelet merges options last, so they replace its own (the victim's UID is visible via the
    // API).
    PodSpec victimPod = pods.pod(namespace, victim, Pods.DEFAULT_VOLUME);
    String victimUid =
        KubeletView.of(victimPod, "victim.yaml", PodManifests.both(victimPod)).podUid();
    Map<String, String> claimed = new LinkedHashMap<>();
    claimed.put("kubernetes.io/pod.name", victim);
    claimed.put("kubernetes.io/pod.namespace", namespace);
    claimed.put("kubernetes.io/pod.uid", victimUid);
    pods.mount(podIdentity(namespace, pod, secret, claimed));
  }

  @Given("the node has a {managedIdentityKind} managed identity which may read secrets")
  public void nodeIdentity(ParameterTypes.ManagedIdentityKind kind) {
    world.vault().grant(identityName(kind), READ, List.of(), List.of());
  }

  @When("a pod mounts secret {string} with the node's {managedIdentityKind} managed identity")
  public void nodeIdentityMount(String secret, ParameterTypes.ManagedIdentityKind kind) {
    pods.mount(pods.pod(Pods.DEFAULT_VOLUME).withOptions(nodeIdentity(secret, kind)));
  }

  @When("another pod mounts secret {string} with the node's {managedIdentityKind} managed identity")
  public void anotherPodNodeIdentityMount(String secret, ParameterTypes.ManagedIdentityKind kind) {
    pods.mount(
        pods.pod(Pods.DEFAULT_NAMESPACE, mounts.anotherPodName(), Pods.DEFAULT_VOLUME)
            .withOptions(nodeIdentity(secret, kind)));
  }

  @When(
      "pod {string} in namespace {string} mounts secret {string} with pod identity into another"
          + " volume")
  public void podIdentityMountAnotherVolume(String pod, String namespace, String secret) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("usepodidentity", "true");
    pods.mount(pods.pod(namespace, pod, "kv-2").withOptions(o));
  }

  private Map<String, String> nodeIdentity(String secret, ParameterTypes.ManagedIdentityKind kind) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("usevmmanagedidentity", "true");
    if (kind == ParameterTypes.ManagedIdentityKind.USER_ASSIGNED) {
      o.put("vmmanagedidentityclientid", world.vault().managedIdentityClientId(identityName(kind)));
    }
    return o;
  }

  private PodSpec podIdentity(
      String namespace, String pod, String secret, Map<String, String> more) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("usepodidentity", "true");
    o.putAll(more);
    return pods.pod(namespace, pod, Pods.DEFAULT_VOLUME).withOptions(o);
  }

  private static String identityName(ParameterTypes.ManagedIdentityKind kind) {
    return kind == ParameterTypes.ManagedIdentityKind.SYSTEM_ASSIGNED ? "node-system" : "node-user";
  }
}
