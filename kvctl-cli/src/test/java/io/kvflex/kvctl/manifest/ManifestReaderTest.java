package io.kvflex.kvctl.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private static Manifests read(String name, String text) {
    return new ManifestReader().read(List.of(new ManifestInput(name, text)));
  }

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: shop
        labels:
          aadpodidbinding: web-id
      spec:
        containers:
          - name: app
            volumeMounts:
              - name: kv
                mountPath: /kv
                readOnly: true
              - name: kv
                mountPath: /etc/x
                subPath: tls.crt
        volumes:
          - name: scratch
            emptyDir: {}
          - name: kv
            flexVolume:
              driver: azure/kv
              secretRef:
                name: kvcreds
              options:
                keyvaultname: "myvault"
                usepodidentity: true
                nmiport: 2579
                keyvaultobjectnames: a;b
      """;

  @Test
  void extractsPodVolumesOptionsAndMountsWithPositions() {
    Manifests m = read("pod.yaml", POD);
    assertThat(m.problems()).isEmpty();
    assertThat(m.workloads()).hasSize(1);
    Workload w = m.workloads().get(0);
    assertThat(w.owner().describe()).isEqualTo("Pod shop/web");
    assertThat(w.podLabels()).containsEntry("aadpodidbinding", "web-id");
    assertThat(w.podSpecPointer()).isEqualTo("/spec");
    assertThat(w.volumeNames()).containsExactly("scratch", "kv");
    FlexVolume v = w.kvVolumes().get(0);
    assertThat(v.name()).isEqualTo("kv");
    assertThat(v.secretRef()).contains("kvcreds");
    assertThat(v.pointer()).isEqualTo("/spec/volumes/1");
    assertThat(v.location().line()).isEqualTo(21);
    OptionEntry name = v.options().get("keyvaultname");
    assertThat(name.keyLocation()).isEqualTo(Location.of("pod.yaml", 27, 11));
    assertThat(name.valueLocation().column()).isEqualTo(25);
    assertThat(name.isString()).isTrue();
    assertThat(name.pointer()).isEqualTo("/spec/volumes/1/flexVolume/options/keyvaultname");
    assertThat(v.options().get("usepodidentity").type()).isEqualTo(YNode.ScalarType.BOOLEAN);
    assertThat(v.options().get("nmiport").type()).isEqualTo(YNode.ScalarType.INTEGER);
    assertThat(v.optionValues()).containsEntry("keyvaultobjectnames", "a;b");
    assertThat(w.mounts()).hasSize(2);
    assertThat(w.mounts().get(0).readOnly()).contains(true);
    assertThat(w.mounts().get(1).subPath()).contains("tls.crt");
    assertThat(w.mounts().get(1).pointer()).isEqualTo("/spec/containers/0/volumeMounts/1");
  }

  @Test
  void multiDocumentStreamKeepsGoingAfterABrokenDocumentAndHonoursHelmSource() {
    String text =
        """
        ---
        # Source: shop/templates/secret.yaml
        apiVersion: v1
        kind: Secret
        metadata: {name: kvcreds, namespace: shop}
        type: azure/kv
        data: {clientid: eA==, clientsecret: eA==}
        ---
        # Source: shop/templates/broken.yaml
        apiVersion: v1
        kind: ConfigMap
        data: [unclosed
        ---
        just a string
        ---
        # Source: shop/templates/job.yaml
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: n}}
                spec:
                  volumes:
                    - name: kv
                      flexVolume: {driver: azure/kv, options: {keyvaultname: v}}
        """;
    Manifests m = read("<stdin>", text);
    assertThat(m.documentCount()).isEqualTo(4);
    assertThat(m.secrets()).hasSize(1);
    assertThat(m.secrets().get(0).type()).contains("azure/kv");
    assertThat(m.secrets().get(0).keys()).containsExactlyInAnyOrder("clientid", "clientsecret");
    assertThat(m.secret("shop", "kvcreds")).isPresent();
    assertThat(m.problems()).hasSize(2);
    DocumentProblem broken = m.problems().get(0);
    assertThat(broken.kind()).isEqualTo(DocumentProblem.Kind.UNPARSABLE);
    assertThat(broken.location().template()).contains("shop/templates/broken.yaml");
    assertThat(broken.location().line()).isBetween(12, 13);
    assertThat(m.problems().get(1).kind()).isEqualTo(DocumentProblem.Kind.NOT_KUBERNETES);
    assertThat(m.problems().get(1).location().line()).isEqualTo(14);
    Workload cron = m.workloads().get(0);
    assertThat(cron.podSpecPointer()).isEqualTo("/spec/jobTemplate/spec/template/spec");
    assertThat(cron.podLabels()).containsEntry("app", "n");
    FlexVolume v = cron.kvVolumes().get(0);
    assertThat(v.location().template()).contains("shop/templates/job.yaml");
    assertThat(v.options().get("keyvaultname").keyLocation().line()).isEqualTo(28);
  }

  @Test
  void readsJsonManifestsAndListsOfEveryPodTemplateKind() {
    String json =
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
           "spec": {"template": {"spec": {"volumes": [
             {"name": "kv", "flexVolume": {"driver": "azure/kv",
               "options": {"usepodidentity": true, "keyvaultname": "v"}}}]}}}},
          {"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "t"},
           "template": {"spec": {"containers": []}}},
          {"kind": "Nameless"}
        ]}
        """;
    Manifests m = read("list.json", json);
    assertThat(m.objects())
        .extracting(KubeObject::kind)
        .containsExactly("Deployment", "PodTemplate");
    assertThat(m.objects().get(0).pointer()).isEqualTo("/items/0");
    assertThat(m.workloads()).hasSize(2);
    FlexVolume v = m.workloads().get(0).kvVolumes().get(0);
    assertThat(v.pointer()).isEqualTo("/items/0/spec/template/spec/volumes/0");
    assertThat(v.options().get("usepodidentity").type()).isEqualTo(YNode.ScalarType.BOOLEAN);
    assertThat(v.options().get("keyvaultname").keyLocation().line()).isEqualTo(5);
    assertThat(m.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("/items/2"));
  }

  @Test
  void everyPodTemplateKindIsRecognised() {
    for (String kind :
        List.of(
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "Job",
            "ReplicationController")) {
      String text =
          "apiVersion: x/v1\nkind: "
              + kind
              + "\nmetadata: {name: a}\nspec:\n  template:\n"
              + "    spec:\n      volumes: [{name: kv, flexVolume: {driver: azure/kv}}]\n";
      assertThat(read("a.yaml", text).workloads()).as(kind).hasSize(1);
    }
    assertThat(WorkloadExtractor.carriesPodSpec("Service")).isFalse();
  }

  @Test
  void duplicateKeysAndNonMappingRootsAreProblemsNotCrashes() {
    Manifests m =
        read("d.yaml", "apiVersion: v1\nkind: Pod\nkind: Pod\n---\n- a\n---\n# only a comment\n");
    assertThat(m.problems())
        .extracting(DocumentProblem::kind)
        .containsExactly(DocumentProblem.Kind.UNPARSABLE, DocumentProblem.Kind.NOT_KUBERNETES);
    assertThat(m.documentCount()).isEqualTo(2);
    assertThat(m.problems().get(0).location().line()).isEqualTo(3);
    assertThat(m.problems().get(0).message()).contains("duplicate key \"kind\" (first at line 2)");
  }

  @Test
  void scalarTypesFollowKubernetesYaml11Resolution() {
    assertThat(YNode.ScalarType.resolve("yes", true)).isEqualTo(YNode.ScalarType.BOOLEAN);
    assertThat(YNode.ScalarType.resolve("yes", false)).isEqualTo(YNode.ScalarType.STRING);
    assertThat(YNode.ScalarType.resolve("0644", true)).isEqualTo(YNode.ScalarType.INTEGER);
    assertThat(YNode.ScalarType.resolve("1.5", true)).isEqualTo(YNode.ScalarType.FLOAT);
    assertThat(YNode.ScalarType.resolve("~", true)).isEqualTo(YNode.ScalarType.NULL);
    assertThat(YNode.ScalarType.resolve("myvault", true)).isEqualTo(YNode.ScalarType.STRING);
    assertThat(YNode.ScalarType.resolve("secret;key", true)).isEqualTo(YNode.ScalarType.STRING);
  }
}
