package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod claims of a projected service-account token, decoded without the signature. */
class ServiceAccountTokenClaimsTest {
  static byte[] jwt(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return (b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + ".c2lnbmF0dXJl")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsNamespacePodAndServiceAccount() {
    var claims =
        ServiceAccountTokenClaims.podClaims(
            jwt(
                "{\"kubernetes.io\":{\"namespace\":\"shop\",\"pod\":{\"name\":\"web-0\",\"uid\":\"u-1\"},"
                    + "\"serviceaccount\":{\"name\":\"default\",\"uid\":\"s\"}}}"));
    assertThat(claims)
        .containsExactly(
            Map.entry("kubernetes.io/pod.namespace", "shop"),
            Map.entry("kubernetes.io/pod.name", "web-0"),
            Map.entry("kubernetes.io/pod.uid", "u-1"),
            Map.entry("kubernetes.io/serviceAccount.name", "default"));
  }

  @Test
  void anythingElseGivesNoClaim() {
    assertThat(ServiceAccountTokenClaims.podClaims("a.b".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(ServiceAccountTokenClaims.podClaims("a.%%%.c".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(ServiceAccountTokenClaims.podClaims("a.b.c.d".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(ServiceAccountTokenClaims.podClaims(jwt("{\"sub\":\"x\"}"))).isEmpty();
    assertThat(ServiceAccountTokenClaims.podClaims(jwt("[1]"))).isEmpty();
    assertThat(ServiceAccountTokenClaims.podClaims(new byte[20_000])).isEmpty();
  }
}
