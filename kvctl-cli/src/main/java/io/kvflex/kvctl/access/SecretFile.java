package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.Sensitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The {@code secretRef} Secret of a volume, read from a {@code kind: Secret} YAML file ({@code
 * --secret-file}): {@code data} (base64) and {@code stringData} keys. Values stay {@link
 * Sensitive}; messages name keys and the file, never values.
 */
final class SecretFile {
  private final Map<String, Sensitive> keys;

  private SecretFile(Map<String, Sensitive> keys) {
    this.keys = Map.copyOf(keys);
  }

  /**
   * Reads the Secret from a (possibly multi-document) YAML file: the one named {@code name} when
   * given, else the only {@code kind: Secret} in it.
   */
  static SecretFile read(Path file, Optional<String> name) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException(
          "cannot read --secret-file " + file + ": " + e.getClass().getSimpleName());
    }
    List<Map<String, Object>> secrets = new ArrayList<>();
    try {
      for (Object doc :
          new Load(
                  LoadSettings.builder()
                      .setAllowDuplicateKeys(false)
                      .setCodePointLimit(1 << 20)
                      .build())
              .loadAllFromString(text)) {
        Map<String, Object> m = Json.obj(doc);
        if ("Secret".equals(m.get("kind"))
            && name.map(n -> n.equals(Json.obj(m, "metadata").get("name"))).orElse(true)) {
          secrets.add(m);
        }
      }
    } catch (YamlEngineException e) {
      // The parser's message may quote the document (a secret): name the file only.
      throw new UserInputException(
          "--secret-file " + file + " is not valid YAML; give a kind: Secret manifest");
    }
    if (secrets.size() != 1) {
      throw new UserInputException(
          "--secret-file "
              + file
              + (secrets.isEmpty() ? " has no kind: Secret" : " has several Secrets")
              + name.map(n -> " named " + n).orElse("")
              + "; give the file holding the volume's secretRef Secret");
    }
    Map<String, Sensitive> keys = new LinkedHashMap<>();
    Json.obj(secrets.get(0), "data")
        .forEach(
            (k, v) -> {
              try {
                keys.put(k, Sensitive.of(Base64.getMimeDecoder().decode(String.valueOf(v))));
              } catch (IllegalArgumentException e) {
                throw new UserInputException(
                    "data." + k + " in --secret-file " + file + " is not base64");
              }
            });
    Json.obj(secrets.get(0), "stringData")
        .forEach((k, v) -> keys.put(k, Sensitive.ofUtf8(String.valueOf(v))));
    return new SecretFile(keys);
  }

  Optional<Sensitive> get(String key) {
    return Optional.ofNullable(keys.get(key));
  }

  /**
   * The keys as the kubelet passes them to the driver ({@code kubernetes.io/secret/KEY}, base64).
   */
  Map<String, String> asKubeletOptions() {
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(
        (k, v) ->
            out.put("kubernetes.io/secret/" + k, Base64.getEncoder().encodeToString(v.reveal())));
    return out;
  }

  /** The {@code clientid} key (trimmed), or a user error naming the file. */
  String clientId(Path file) {
    return get("clientid")
        .map(s -> s.revealUtf8().trim())
        .filter(s -> !s.isEmpty())
        .orElseThrow(
            () -> new UserInputException("--secret-file " + file + " has no clientid key"));
  }

  @Override
  public String toString() {
    return "SecretFile" + keys.keySet();
  }
}
