package io.kvflex.engine;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.kvflex.options.KnownOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod claims of a projected service-account token (a JWT the API server signed for one pod):
 * {@code "kubernetes.io": {"namespace", "pod": {"name", "uid"}, "serviceaccount": {"name"}}}. The
 * payload is decoded WITHOUT verifying the signature: the token is read from the kubelet's own
 * directory, where only the kubelet writes, and serves only as a consistency check of the kubelet's
 * {@code kubernetes.io/pod.*} keys. The token itself is never kept, logged or quoted.
 */
final class ServiceAccountTokenClaims {
  /** Bounded: real tokens are about 1 KB. */
  static final int MAX_TOKEN_BYTES = 16 * 1024;

  private ServiceAccountTokenClaims() {}

  /** Option key and claimed value pairs; empty when the token has no pod claims or is malformed. */
  static List<Map.Entry<String, String>> podClaims(byte[] token) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    // Only the payload (between the two dots) is decoded: the signature never becomes a String.
    int first = indexOf(token, 0);
    int second = first < 0 ? -1 : indexOf(token, first + 1);
    if (second < 0 || indexOf(token, second + 1) >= 0 || token.length > MAX_TOKEN_BYTES) {
      return out;
    }
    byte[] encoded = java.util.Arrays.copyOfRange(token, first + 1, second);
    Map<String, Object> payload;
    try (JsonReader reader = JsonProviders.createReader(Base64.getUrlDecoder().decode(encoded))) {
      Object value = reader.readUntyped();
      if (!(value instanceof Map<?, ?> m)) {
        return out;
      }
      payload = cast(m);
    } catch (IOException | RuntimeException e) {
      // Not a JWT we understand: no evidence (never a reason to fail a mount by itself).
      return out;
    }
    Optional<Map<String, Object>> k8s = object(payload.get("kubernetes.io"));
    if (k8s.isEmpty()) {
      return out;
    }
    text(k8s.get().get("namespace"))
        .ifPresent(v -> out.add(Map.entry(KnownOptions.POD_NAMESPACE, v)));
    Optional<Map<String, Object>> pod = object(k8s.get().get("pod"));
    pod.flatMap(p -> text(p.get("name")))
        .ifPresent(v -> out.add(Map.entry(KnownOptions.POD_NAME, v)));
    pod.flatMap(p -> text(p.get("uid")))
        .ifPresent(v -> out.add(Map.entry(KnownOptions.POD_UID, v)));
    object(k8s.get().get("serviceaccount"))
        .flatMap(sa -> text(sa.get("name")))
        .ifPresent(v -> out.add(Map.entry(KnownOptions.SERVICE_ACCOUNT_NAME, v)));
    return out;
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '.') {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Map<String, Object>> object(Object value) {
    return value instanceof Map<?, ?> m ? Optional.of(cast(m)) : Optional.empty();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() && s.length() <= 253
        ? Optional.of(s)
        : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
