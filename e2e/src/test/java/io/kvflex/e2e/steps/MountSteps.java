package io.kvflex.e2e.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Pods mount volumes (as service principal {@code app} unless a step says otherwise). */
public final class MountSteps {
  private final World world;
  private final Pods pods;
  private final VaultContext vault;
  private final MountContext mounts;

  public MountSteps(World world, Pods pods, VaultContext vault, MountContext mounts) {
    this.world = world;
    this.pods = pods;
    this.vault = vault;
    this.mounts = mounts;
  }

  @When("a pod mounts volume {string} with options:")
  public void mountsWithOptions(String volume, DataTable options) {
    pods.mount(pods.asServicePrincipal(pods.pod(volume), "app").withOptions(rows(options)));
  }

  @When("a pod with fsGroup {long} mounts volume {string} with options:")
  public void mountsWithFsGroup(long fsGroup, String volume, DataTable options) {
    pods.mount(
        pods.asServicePrincipal(pods.pod(volume), "app")
            .withOptions(rows(options))
            .withFsGroup(fsGroup));
  }

  @When("a pod mounts volume {string} pinning {string} to its first version")
  public void mountsPinned(String volume, String secret) {
    Map<String, String> o = Pods.secretObject(secret);
    o.put("keyvaultobjectversions", vault.versions(secret).get(0));
    pods.mount(pods.asServicePrincipal(pods.pod(volume), "app").withOptions(o));
  }

  @When("a pod mounts secret {string} as service principal {string}")
  public void mountsSecretAs(String secret, String sp) {
    pods.mount(
        pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), sp)
            .withOptions(Pods.secretObject(secret)));
  }

  @When("another pod mounts secret {string} as service principal {string}")
  public void anotherPodMountsSecretAs(String secret, String sp) {
    pods.mount(
        pods.asServicePrincipal(
                pods.pod(Pods.DEFAULT_NAMESPACE, mounts.anotherPodName(), Pods.DEFAULT_VOLUME), sp)
            .withOptions(Pods.secretObject(secret)));
  }

  @When("a pod mounts key {string} as service principal {string}")
  public void mountsKeyAs(String key, String sp) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", key);
    o.put("keyvaultobjecttypes", "key");
    pods.mount(pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), sp).withOptions(o));
  }

  @When("a pod mounts secret {string} as service principal {string} with a wrong client secret")
  public void mountsWithWrongSecret(String secret, String sp) {
    String clientId = world.vault().servicePrincipal(sp).clientId();
    PodSpec pod =
        pods.withCredentials(pods.pod(Pods.DEFAULT_VOLUME), clientId, "WRONG-CLIENT-SECRET-5e1f");
    pods.mount(
        pod.named(Pods.DEFAULT_NAMESPACE, "wrong-secret").withOptions(Pods.secretObject(secret)));
  }

  @When(
      "{int} pods mount secret {string} as service principal {string} at the same time, each with"
          + " timeout {string}")
  public void manyPods(int count, String secret, String sp, String timeout) throws Exception {
    List<PodSpec> specs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      specs.add(
          pods.asServicePrincipal(
                  pods.pod(Pods.DEFAULT_NAMESPACE, "pod-" + i, Pods.DEFAULT_VOLUME), sp)
              .withOptions(Pods.secretObject(secret))
              .withOptions(Map.of("timeout", timeout)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (PodSpec p : specs) {
        all.add(CompletableFuture.runAsync(() -> pods.mountConcurrently(p), pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdownNow();
    }
  }

  @When("a pod mounts secret {string} as {int} files in a volume with tmpfssize {string}")
  public void mountsManyCopies(String secret, int files, String tmpfsSize) {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 1; i <= files; i++) {
      names.add(secret);
      types.add("secret");
      aliases.add(secret + "-" + i);
    }
    Map<String, String> o = new LinkedHashMap<>();
    o.put("keyvaultobjectnames", String.join(";", names));
    o.put("keyvaultobjecttypes", String.join(";", types));
    o.put("keyvaultobjectaliases", String.join(";", aliases));
    o.put("tmpfssize", tmpfsSize);
    pods.mount(pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), "app").withOptions(o));
  }

  @When("the kubelet calls mount again for the same directory")
  public void mountAgain() {
    mounts.recordMountAgain(world.backend().mountAgain(mounts.lastMount()));
  }

  @When("the kubelet unmounts the volume")
  public void unmount() {
    mounts.recordOther(world.backend().unmount(mounts.lastMount()));
  }

  @When("the kubelet initialises the driver")
  public void init() {
    mounts.recordOther(world.backend().call("init"));
  }

  @When("the kubelet calls the driver with verb {string}")
  public void otherVerb(String verb) {
    mounts.recordOther(world.backend().call(verb, "{}"));
  }

  /** A two-column table without header: option name | value. */
  static Map<String, String> rows(DataTable table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> row : table.asLists()) {
      out.put(row.get(0), row.size() > 1 && row.get(1) != null ? row.get(1) : "");
    }
    return out;
  }
}
