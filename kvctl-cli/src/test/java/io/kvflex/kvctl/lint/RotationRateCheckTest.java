package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request-rate arithmetic of rotating volumes against Key Vault's per-vault limit. */
class RotationRateCheckTest {

  private static List<Finding> lint(String... documents) {
    String text = String.join("---\n", documents);
    return new Linter()
        .lint(new ManifestReader().read(List.of(new ManifestInput("t.yaml", text)))).stream()
            .filter(f -> f.rule() == ManifestRules.ROTATION_REQUEST_RATE)
            .toList();
  }

  private static String workload(
      String kind, String name, String replicas, String vault, String objects, String interval) {
    String versions = objects.replaceAll("[^;]", "");
    return """
        apiVersion: apps/v1
        kind: %s
        metadata: {name: %s, namespace: shop}
        spec:
          %s
          template:
            metadata: {labels: {aadpodidbinding: web}}
            spec:
              containers:
                - name: app
                  image: app
                  volumeMounts: [{name: kv, mountPath: /kv, readOnly: true}]
              volumes:
                - name: kv
                  flexVolume:
                    driver: azure/kv
                    options:
                      keyvaultname: "%s"
                      keyvaultobjectnames: "%s"
                      keyvaultobjecttypes: "%s"
                      keyvaultobjectversions: "%s"
                      tenantid: "72f988bf-86f1-41af-91ab-2d7cd011db47"
                      usepodidentity: "true"
                      rotationpollinterval: "%s"
        """
        .formatted(
            kind,
            name,
            replicas,
            vault,
            objects,
            objects.replaceAll("[^;]+", "secret"),
            versions,
            interval);
  }

  @Test
  void manyReplicasPollingEveryFiveSecondsAreFlaggedWithTheArithmetic() {
    List<Finding> f =
        lint(workload("Deployment", "web", "replicas: 200", "shopvault", "a;b;c", "5s"));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message())
        .isEqualTo(
            "volume \"kv\" of Deployment shop/web re-fetches 3 objects every 5s in each of 200"
                + " pods: 1200 requests per 10 s to vault shopvault, 30% of Key Vault's documented"
                + " limit of 4000 requests per 10 s per vault; poll less often (at"
                + " rotationpollinterval: \"1m\" this volume makes 100 per 10 s) or spread the"
                + " objects over more vaults");
    assertThat(f.get(0).location().line()).as("at the option's key").isEqualTo(24);
  }

  @Test
  void belowAQuarterOfTheLimitOrAtOneMinuteNothingIsSaid() {
    assertThat(lint(workload("Deployment", "web", "replicas: 100", "vault1", "a;b;c", "5s")))
        .as("600 per 10 s is 15%")
        .isEmpty();
    assertThat(lint(workload("Deployment", "web", "replicas: 5000", "vault1", "a;b;c", "1m")))
        .as("intervals of a minute or more are never flagged")
        .isEmpty();
    assertThat(lint(workload("Deployment", "web", "", "vault1", "a;b;c", "5s")))
        .as("no replicas written: 1 pod")
        .isEmpty();
  }

  @Test
  void pinnedObjectsAreNotCounted() {
    String pinned =
        workload("Deployment", "web", "replicas: 300", "vault1", "a;b;c", "5s")
            .replace(
                "keyvaultobjectversions: \";;\"",
                "keyvaultobjectversions: \"3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b;;\"");
    List<Finding> f = lint(pinned);
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message()).contains("re-fetches 2 objects").contains("1200 requests");
  }

  @Test
  void volumesOfOneVaultAddUpAndOtherVaultsDoNot() {
    List<Finding> f =
        lint(
            workload("Deployment", "web", "replicas: 100", "shared", "a;b;c", "5s"),
            workload("StatefulSet", "db", "replicas: 100", "shared", "a;b;c", "5s"),
            workload("Deployment", "other", "replicas: 100", "elsewhere", "a;b;c", "5s"));
    assertThat(f).hasSize(2);
    assertThat(f)
        .allSatisfy(
            x ->
                assertThat(x.message())
                    .contains(
                        "600 requests per 10 s; with the other rotating volumes of vault shared in"
                            + " these manifests, 1200 per 10 s, 30%"));
  }

  @Test
  void aDaemonSetCountsAsAHundredNodesAndSaysSo() {
    List<Finding> f = lint(workload("DaemonSet", "agent", "", "vault1", "a;b;c;d;e", "5s"));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).message())
        .contains("in each of 100 pods (a DaemonSet runs one per node; 100 nodes assumed)")
        .contains("1000 requests per 10 s");
  }
}
