package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.KnownOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What lint feeds the driver's parser in place of the kubelet (see OptionsCheck). */
class OptionsCheckTest {

  private static Manifests read(String text) {
    return new ManifestReader().read(List.of(new ManifestInput("t.yaml", text)));
  }

  private static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: creds, namespace: ns}
      type: azure/kv
      stringData: {clientid: real-client-id-value, clientcert: real-cert-value, other: x}
      ---
      """;

  private static String pod(String flex) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns}
        spec:
          volumes:
            - name: kv
              flexVolume:
        """
        + flex.indent(8);
  }

  private static Map<String, String> view(Manifests m) {
    Workload w = m.workloads().get(0);
    return OptionsCheck.kubeletView(w, w.kvVolumes().get(0), m);
  }

  @Test
  void userKubeletKeysAreReplacedByTheKubeletsOwnAndPodKeysComeFromTheObject() {
    Map<String, String> v =
        view(
            read(
                pod(
                    """
                    driver: azure/kv
                    readOnly: true
                    options:
                      keyvaultname: "v1"
                      kubernetes.io/pod.name: "victim"
                      nmiport: 2579
                    """)));
    assertThat(v)
        .containsEntry("keyvaultname", "v1")
        .containsEntry("nmiport", "2579")
        .containsEntry(KnownOptions.POD_NAME, "p")
        .containsEntry(KnownOptions.POD_NAMESPACE, "ns")
        .containsEntry(KnownOptions.PV_OR_VOLUME_NAME, "kv")
        .containsEntry(KnownOptions.READ_WRITE, "ro");
    assertThat(v.keySet()).noneMatch(k -> k.startsWith(KnownOptions.SECRET_PREFIX));
  }

  @Test
  void secretRefKeysFollowTheSecretInTheInputWithPlaceholdersNeverItsValues() {
    Map<String, String> v =
        view(read(SECRET + pod("driver: azure/kv\nsecretRef: {name: creds}\noptions: {}\n")));
    assertThat(v).containsKeys(KnownOptions.SECRET_CLIENT_ID, KnownOptions.SECRET_CLIENT_CERT);
    assertThat(v)
        .doesNotContainKeys(KnownOptions.SECRET_CLIENT_SECRET, "kubernetes.io/secret/other");
    String decoded =
        new String(
            Base64.getDecoder().decode(v.get(KnownOptions.SECRET_CLIENT_ID)),
            StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo(OptionsCheck.PLACEHOLDER_UID);
    assertThat(v.values()).noneMatch(s -> s.contains("real-"));
  }

  @Test
  void aSecretRefToASecretNotInTheInputAssumesClientIdAndSecret() {
    Map<String, String> v =
        view(read(pod("driver: azure/kv\nsecretRef: {name: elsewhere}\noptions: {}\n")));
    assertThat(v).containsKeys(KnownOptions.SECRET_CLIENT_ID, KnownOptions.SECRET_CLIENT_SECRET);
  }

  @Test
  void aValidServicePrincipalVolumeParsesCleanly() {
    Manifests m =
        read(
            SECRET.replace("clientcert", "clientsecret")
                + pod(
                    """
                    driver: azure/kv
                    secretRef: {name: creds}
                    options:
                      keyvaultname: "vault1"
                      keyvaultobjectnames: "a"
                      keyvaultobjecttypes: "secret"
                      tenantid: "72f988bf-86f1-41af-91ab-2d7cd011db47"
                    """));
    List<Finding> out = new java.util.ArrayList<>();
    Workload w = m.workloads().get(0);
    VolumeContext ctx = new OptionsCheck().check(w, w.kvVolumes().get(0), m, out);
    assertThat(out).isEmpty();
    assertThat(ctx.parse().request()).isPresent();
  }
}
