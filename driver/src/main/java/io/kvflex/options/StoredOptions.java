package io.kvflex.options;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import io.kvflex.errors.BugException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a volume's options that may be kept on the node to mount it again later (a rotating
 * volume resumed after a node agent restart): the volume options users write and the kubelet's own
 * non-secret keys, nothing else. Every {@code kubernetes.io/secret/*} key (the secretRef Secret),
 * unknown keys (a misspelt credential among them) and inline credentials are left out, so the
 * result never holds a secret; parsing it again with {@link OptionsParser} gives the same request,
 * except that a service principal's credentials are missing.
 */
public final class StoredOptions {
  private StoredOptions() {}

  /**
   * The kept options of {@code optionsJson} as one compact JSON object, keys sorted.
   *
   * @throws io.kvflex.errors.UserInputException when the JSON is not a flat object of strings
   */
  public static String withoutSecrets(String optionsJson) {
    OptionsJson.Result read = OptionsJson.read(optionsJson);
    if (read.options().isEmpty()) {
      throw new io.kvflex.errors.UserInputException(read.problem().orElseThrow().message());
    }
    Map<String, String> kept = new TreeMap<>();
    read.options()
        .get()
        .forEach(
            (k, v) -> {
              if (KnownOptions.isVolumeOption(k) || KnownOptions.KUBELET_OPTIONS.contains(k)) {
                kept.put(k, v);
              }
            });
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeStartObject();
      for (Map.Entry<String, String> e : kept.entrySet()) {
        w.writeStringField(e.getKey(), e.getValue());
      }
      w.writeEndObject();
      w.flush();
    } catch (IOException e) {
      throw new BugException("could not write JSON to memory", e);
    }
    return out.toString();
  }
}
