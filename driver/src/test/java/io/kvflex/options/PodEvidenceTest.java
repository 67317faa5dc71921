package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.POD_UID;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.engine.KubeletPodEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The impersonation guard against the kubelet's own records on the node. */
class PodEvidenceTest {
  @TempDir Path tmp;
  private Path kubelet;
  private Path logs;
  private Path mountDir;
  private OptionsParser parser;

  @BeforeEach
  void layout() throws IOException {
    kubelet = tmp.resolve("var/lib/kubelet");
    logs = Files.createDirectories(tmp.resolve("var/log/pods"));
    mountDir =
        Files.createDirectories(
            kubelet.resolve("pods").resolve(POD_UID).resolve("volumes/azure~kv/secrets"));
    parser = new OptionsParser(new KubeletPodEvidence(logs));
  }

  private void podLogDir(String ns, String name, String uid) throws IOException {
    Files.createDirectories(logs.resolve(ns + "_" + name + "_" + uid));
  }

  /** The pod's projected service-account volume, as the kubelet lays it out. */
  private Path serviceAccountDir() throws IOException {
    return Files.createDirectories(
        kubelet
            .resolve("pods")
            .resolve(POD_UID)
            .resolve("volumes/kubernetes.io~projected/kube-api-access-x7k2p"));
  }

  private void serviceAccountVolume(String namespace) throws IOException {
    Files.writeString(serviceAccountDir().resolve("namespace"), namespace);
  }

  /** A projected service-account token whose payload names the pod (signature not checked). */
  private void serviceAccountToken(String payloadJson) throws IOException {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String jwt =
        b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payloadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + ".c2lnbmF0dXJlLW5ldmVyLWNoZWNrZWQ";
    Files.writeString(serviceAccountDir().resolve("token"), jwt);
  }

  static String claims(String ns, String pod, String uid, String sa) {
    return "{\"aud\":[\"https://kubernetes.default.svc\"],\"exp\":1,\"iss\":\"k8s\","
        + "\"kubernetes.io\":{\"namespace\":\""
        + ns
        + "\",\"pod\":{\"name\":\""
        + pod
        + "\",\"uid\":\""
        + uid
        + "\"},\"serviceaccount\":{\"name\":\""
        + sa
        + "\",\"uid\":\"s-1\"}},\"sub\":\"system:serviceaccount:"
        + ns
        + ":"
        + sa
        + "\"}";
  }

  private ParseResult parse(Map<String, String> m) {
    return parser.parse(m, Optional.of(mountDir));
  }

  @Test
  void noEvidenceYetPasses() {
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
  }

  @Test
  void matchingEvidencePasses() throws IOException {
    podLogDir("shop", "web-0", POD_UID);
    podLogDir("other", "web-0", "another-uid");
    serviceAccountVolume("shop\n");
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
  }

  @Test
  void spoofedNameIsCaughtByThePodLogDirectory() throws IOException {
    podLogDir("shop", "web-0", POD_UID);
    Map<String, String> m = OptionsFixtures.podIdentity();
    m.put("kubernetes.io/pod.name", "payments-0");
    ParseResult r = parse(m);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ruleId()).isEqualTo("pod-impersonation");
              assertThat(p.option()).isEqualTo("kubernetes.io/pod.name");
              assertThat(p.message())
                  .isEqualTo(
                      "kubernetes.io/pod.name is \"payments-0\" but the kubelet's own record "
                          + logs.resolve("shop_web-0_" + POD_UID)
                          + " says \"web-0\" for pod uid \""
                          + POD_UID
                          + "\": the volume options override the kubelet's kubernetes.io/pod.*"
                          + " keys; remove every kubernetes.io/* key from flexVolume.options");
            });
  }

  @Test
  void spoofedNamespaceIsCaughtByTheServiceAccountVolume() throws IOException {
    serviceAccountVolume("shop");
    Map<String, String> m = OptionsFixtures.podIdentity();
    m.put("kubernetes.io/pod.namespace", "payments");
    ParseResult r = parse(m);
    assertThat(r.problems())
        .singleElement()
        .extracting(OptionProblem::option)
        .isEqualTo("kubernetes.io/pod.namespace");
    assertThat(r.problems().get(0).message())
        .contains("kube-api-access-x7k2p/namespace says \"shop\"");
  }

  @Test
  void spoofedPodNameIsCaughtByTheServiceAccountTokensPodClaim() throws IOException {
    serviceAccountToken(claims("shop", "web-0", POD_UID, "default"));
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
    Map<String, String> m = OptionsFixtures.podIdentity();
    m.put("kubernetes.io/pod.name", "payments-0");
    ParseResult r = parse(m);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ruleId()).isEqualTo("pod-impersonation");
              assertThat(p.option()).isEqualTo("kubernetes.io/pod.name");
              assertThat(p.message())
                  .contains("kubernetes.io/pod.name is \"payments-0\"")
                  .contains("the pod's service-account token ")
                  .contains("kube-api-access-x7k2p/token (claim kubernetes.io) says \"web-0\"")
                  .doesNotContain("c2lnbmF0dXJl");
            });
  }

  @Test
  void theTokenAlsoVouchesForNamespaceAndServiceAccount() throws IOException {
    serviceAccountToken(claims("shop", "web-0", POD_UID, "builder"));
    ParseResult r = parse(OptionsFixtures.podIdentity());
    assertThat(r.problems())
        .singleElement()
        .extracting(OptionProblem::option)
        .isEqualTo("kubernetes.io/serviceAccount.name");
  }

  @Test
  void aTokenWithoutPodClaimsOrNotAJwtIsNoEvidence() throws IOException {
    serviceAccountToken("{\"sub\":\"system:serviceaccount:shop:default\"}");
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
    serviceAccountVolume("shop");
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
  }

  @Test
  void garbageInTheNamespaceFileIsNoEvidence() throws IOException {
    serviceAccountVolume("not a namespace!");
    assertThat(parse(OptionsFixtures.podIdentity()).ok()).isTrue();
  }

  @Test
  void evidenceIsNotConsultedOutsideTheKubeletLayout() throws IOException {
    podLogDir("shop", "someone-else", POD_UID);
    Map<String, String> m = OptionsFixtures.podIdentity();
    assertThat(parser.parse(m, Optional.of(tmp.resolve("plain/mnt"))).ok()).isTrue();
    assertThat(parser.parse(m, Optional.empty()).ok()).isTrue();
    assertThat(parse(m).ok()).isFalse();
  }
}
