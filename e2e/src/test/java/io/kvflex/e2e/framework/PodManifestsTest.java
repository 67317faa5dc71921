package io.kvflex.e2e.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The manifests the suite writes read back, through kvctl's kubelet builder, as the kubelet would.
 */
class PodManifestsTest {

  @Test
  void optionsJsonCarriesVolumeOptionsPodKeysAndTheSecretAsBase64() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("keyvaultname", "e2e-vault");
    options.put("keyvaultobjectnames", "one ;  two");
    options.put("keyvaultobjectaliases", "a \"quoted\"\\path: x");
    Map<String, byte[]> creds = new LinkedHashMap<>();
    creds.put("clientid", "id-1".getBytes(StandardCharsets.UTF_8));
    creds.put("clientsecret", new byte[] {0, (byte) 0xff, '\n'});
    PodSpec pod =
        new PodSpec("shop", "web", "kv", options, Optional.of(creds), OptionalLong.of(2000));

    KubeletView view = KubeletView.of(pod, "pod.yaml", PodManifests.both(pod));
    Map<String, Object> json = Json.object(view.optionsJson().revealUtf8());

    assertThat(json)
        .containsEntry("keyvaultname", "e2e-vault")
        .containsEntry("keyvaultobjectnames", "one ;  two")
        .containsEntry("keyvaultobjectaliases", "a \"quoted\"\\path: x")
        .containsEntry("kubernetes.io/pod.name", "web")
        .containsEntry("kubernetes.io/pod.namespace", "shop")
        .containsEntry("kubernetes.io/pvOrVolumeName", "kv")
        .containsEntry("kubernetes.io/readwrite", "rw")
        .containsEntry("kubernetes.io/mounterArgs.FsGroup", "2000")
        .containsEntry(
            "kubernetes.io/secret/clientsecret",
            Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, '\n'}));
    assertThat(json.get("kubernetes.io/pod.uid")).isEqualTo(view.podUid());
    assertThat(pod.toString()).doesNotContain("id-1");
  }
}
