package io.kvflex.kvctl.kubelet;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.manifest.KubeObject;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.kvctl.manifest.YNode;
import io.kvflex.options.Sensitive;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Secret as the API server stores it: every key's raw bytes. Built from a manifest the way the
 * API server does: {@code data} values are base64 (decoded here), {@code stringData} values are
 * text, and a {@code stringData} key wins over the same {@code data} key. {@link #toString()} never
 * shows values.
 *
 * @param namespace where it lives (written, or {@code default})
 * @param name {@code metadata.name}
 * @param type {@code type}, {@code Opaque} when not written
 * @param data key → bytes
 */
public record KubeletSecret(
    String namespace, String name, String type, Map<String, Sensitive> data) {

  public KubeletSecret {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** Reads the values of a Secret found in a manifest; a bad {@code data} value names its key. */
  public static KubeletSecret from(SecretObject secret) {
    KubeObject o = secret.object();
    Map<String, Sensitive> data = new LinkedHashMap<>();
    o.root()
        .map("data")
        .ifPresent(
            m ->
                m.entries()
                    .forEach(
                        (key, entry) ->
                            text(entry.value())
                                .ifPresent(v -> data.put(key, decode(o, key, v, entry)))));
    o.root()
        .map("stringData")
        .ifPresent(
            m ->
                m.entries()
                    .forEach(
                        (key, entry) ->
                            text(entry.value())
                                .ifPresent(
                                    v ->
                                        data.put(
                                            key,
                                            Sensitive.of(v.getBytes(StandardCharsets.UTF_8))))));
    return new KubeletSecret(
        o.effectiveNamespace(), o.name(), secret.type().orElse("Opaque"), data);
  }

  private static Optional<String> text(YNode node) {
    return node instanceof YNode.YScalar s && !s.isNull()
        ? Optional.of(s.value())
        : Optional.empty();
  }

  private static Sensitive decode(KubeObject o, String key, String value, YNode.Entry entry) {
    try {
      // The API server accepts standard base64 and ignores line breaks in YAML block scalars.
      return Sensitive.of(Base64.getMimeDecoder().decode(value.strip()));
    } catch (IllegalArgumentException e) {
      // The JDK's message may quote a character of the value: never pass it on.
      throw new UserInputException(
          entry.keyLocation().describe()
              + ": "
              + o.describe()
              + " data."
              + key
              + " is not base64; put plain text under stringData instead, or encode it with"
              + " base64 -w0");
    }
  }

  @Override
  public String toString() {
    return "KubeletSecret["
        + namespace
        + "/"
        + name
        + ", type="
        + type
        + ", keys="
        + data.keySet()
        + "]";
  }
}
