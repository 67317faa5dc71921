package io.kvflex.kvctl.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeletMountsTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: shop
      spec:
        serviceAccountName: web-sa
        securityContext:
          fsGroup: 2000
        containers:
          - name: c
            image: nginx
        volumes:
          - name: kv
            flexVolume:
              driver: azure/kv
              fsType: ext4
              readOnly: true
              secretRef:
                name: kvcreds
              options:
                keyvaultname: contoso-kv
                keyvaultobjectnames: "a<b>&c"
                kubernetes.io/pod.name: spoofed
      """;

  private static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: kvcreds
      type: azure/kv
      data:
        clientid: aWQ=
        raw: |
          AAEC
          /w==
      stringData:
        clientsecret: "s3cr\\u00e9t"
        clientid: id-from-stringData
      """;

  private static Manifests read(String... docs) {
    return new ManifestReader()
        .read(
            java.util.stream.IntStream.range(0, docs.length)
                .mapToObj(i -> new ManifestInput("in" + i + ".yaml", docs[i]))
                .toList());
  }

  private static List<KubeletMount> select(String manifest, String secret) {
    Manifests m = read(manifest);
    return new KubeletMounts()
        .select(m, read(secret).secrets(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void buildsTheOptionsJsonByteForByteAsTheKubelet() {
    List<KubeletMount> mounts = select(POD, SECRET);

    assertThat(mounts).hasSize(1);
    // Sorted keys, no spaces, Go's HTML escaping, stringData over data, data bytes re-encoded
    // canonically, spec options merged last (they override the pod name), fsGroup from the pod.
    assertThat(mounts.get(0).options().json().revealUtf8())
        .isEqualTo(
            "{\"keyvaultname\":\"contoso-kv\","
                + "\"keyvaultobjectnames\":\"a\\u003cb\\u003e\\u0026c\","
                + "\"kubernetes.io/fsType\":\"ext4\","
                + "\"kubernetes.io/mounterArgs.FsGroup\":\"2000\","
                + "\"kubernetes.io/pod.name\":\"spoofed\","
                + "\"kubernetes.io/pod.namespace\":\"shop\","
                + "\"kubernetes.io/pod.uid\":\""
                + mounts.get(0).pod().uid()
                + "\","
                + "\"kubernetes.io/pvOrVolumeName\":\"kv\","
                + "\"kubernetes.io/readwrite\":\"ro\","
                + "\"kubernetes.io/secret/clientid\":\"aWQtZnJvbS1zdHJpbmdEYXRh\","
                + "\"kubernetes.io/secret/clientsecret\":\"czNjcsOpdA==\","
                + "\"kubernetes.io/secret/raw\":\"AAEC/w==\","
                + "\"kubernetes.io/serviceAccount.name\":\"web-sa\"}");
    assertThat(mounts.get(0).describe()).isEqualTo("Pod shop/web volume kv");
  }

  @Test
  void defaultsMatchAPodWithNothingSpecial() {
    String pod =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers: [{name: c, image: nginx}]
              volumes:
                - name: v
                  flexVolume: {driver: azure/kv, options: {keyvaultname: kv1}}
        """;
    KubeletMount m = select(pod, "").get(0);

    assertThat(m.options().reveal())
        .containsEntry("kubernetes.io/fsType", "")
        .containsEntry("kubernetes.io/readwrite", "rw")
        .containsEntry("kubernetes.io/pod.name", "app")
        .containsEntry("kubernetes.io/pod.namespace", "default")
        .containsEntry("kubernetes.io/serviceAccount.name", "default")
        .doesNotContainKey("kubernetes.io/mounterArgs.FsGroup");
    assertThat(m.pod().uid())
        .matches("[0-9a-f-]{36}")
        .isEqualTo(select(pod, "").get(0).pod().uid());
  }

  @Test
  void neverShowsSecretValuesInToString() {
    KubeletMount m = select(POD, SECRET).get(0);

    assertThat(m.options().toString())
        .contains("kubernetes.io/secret/clientsecret=****")
        .doesNotContain("czNjcsOpdA==")
        .doesNotContain("s3cr");
    assertThat(m.options().json().toString()).doesNotContain("czNjcsOpdA==");
    assertThat(KubeletSecret.from(read(SECRET).secrets().get(0)).toString())
        .isEqualTo(
            "KubeletSecret[default/kvcreds, type=azure/kv, keys=[clientid, raw, clientsecret]]");
  }

  @Test
  void refusesASecretOfAnotherTypeLikeTheKubelet() {
    assertThatThrownBy(() -> select(POD, SECRET.replace("type: azure/kv", "type: Opaque")))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "Secret shop/kvcreds has type Opaque; the kubelet passes only Secrets of type azure/kv"
                + " (the driver name) and fails the mount with \"Cannot get secret of type"
                + " azure/kv\"; recreate it with type: azure/kv");
  }

  @Test
  void refusesASecretInAnotherNamespace() {
    assertThatThrownBy(
            () -> select(POD, SECRET.replace("name: kvcreds", "name: kvcreds\n  namespace: dev")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(
            "needs Secret shop/kvcreds (the kubelet looks in the pod's namespace)")
        .hasMessageContaining("the Secret given is dev/kvcreds");
  }

  @Test
  void saysHowToProvideAMissingSecret() {
    assertThatThrownBy(() -> select(POD, ""))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(
            "volume kv uses secretRef kvcreds, but no Secret shop/kvcreds was given; pass the"
                + " Secret manifest (--secret-file)");
  }

  @Test
  void namesTheBadKeyOfUndecodableDataWithoutItsValue() {
    assertThatThrownBy(
            () -> select(POD, SECRET.replace("clientid: aWQ=", "clientid: 'not*base64'")))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "in0.yaml:7:3: Secret kvcreds data.clientid is not base64; put plain text under"
                + " stringData instead, or encode it with base64 -w0")
        .message()
        .doesNotContain("not*base64");
  }

  @Test
  void selectsByPodAndVolumeAndListsWhatExistsOtherwise() {
    Manifests m = read(POD);
    KubeletMounts mounts = new KubeletMounts();
    List<io.kvflex.kvctl.manifest.SecretObject> secrets = read(SECRET).secrets();

    assertThat(mounts.select(m, secrets, Optional.of("web"), Optional.of("kv"), Optional.empty()))
        .hasSize(1);
    assertThat(
            mounts
                .select(m, secrets, Optional.empty(), Optional.empty(), Optional.of("shop"))
                .get(0)
                .pod()
                .namespace())
        .isEqualTo("shop");
    assertThatThrownBy(
            () ->
                mounts.select(m, secrets, Optional.empty(), Optional.of("nope"), Optional.empty()))
        .hasMessage(
            "no azure/kv volume matches --volume nope; the manifests have: Pod web volume kv");
    assertThatThrownBy(
            () ->
                mounts.select(
                    read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"),
                    secrets,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessage("no pod in in0.yaml has an azure/kv volume");
  }
}
