package io.kvflex.kvctl.kubelet;

import io.kvflex.options.Sensitive;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options JSON the kubelet would pass as argv[2] of {@code kv mount}. It carries the secretRef
 * Secret's values, so it is only ever handed out as {@link Sensitive} and {@link #toString()} lists
 * keys only.
 */
public final class KubeletOptions {
  /** Prefix of the keys carrying the secretRef Secret's values. */
  public static final String SECRET_PREFIX = "kubernetes.io/secret/";

  private final Map<String, String> values;

  KubeletOptions(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The compact JSON, byte for byte as the kubelet's {@code json.Marshal} writes it. */
  public Sensitive json() {
    return Sensitive.ofUtf8(GoJson.marshal(values));
  }

  /**
   * These options with {@code overrides} merged last, as if the volume's {@code options} held them
   * (kvctl flags and the demo's vault rewrite).
   */
  public KubeletOptions with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new KubeletOptions(merged);
  }

  /** Every key with its value, Secret values included: for the driver's own parser only. */
  public Map<String, String> reveal() {
    return values;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("KubeletOptions{");
    values.forEach(
        (k, v) ->
            sb.append(k).append('=').append(k.startsWith(SECRET_PREFIX) ? "****" : v).append(", "));
    if (!values.isEmpty()) {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }
}
