package io.kvflex.e2e.framework;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small JSON helpers over azure-json (already on the driver's classpath). */
public final class Json {
  private Json() {}

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text) {
    try (JsonReader r = JsonProviders.createReader(text)) {
      Object v = r.readUntyped();
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException("not a JSON object: " + text);
      }
      return (Map<String, Object>) v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes maps, lists, strings, numbers and booleans as compact JSON. */
  public static String write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeUntyped(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code obj[key]} as a map (empty when absent). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> obj, String key) {
    Object v = obj.get(key);
    return v instanceof Map ? (Map<String, Object>) v : Map.of();
  }

  /** {@code obj[key]} as text (empty when absent). */
  public static String text(Map<String, Object> obj, String key) {
    Object v = obj.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  /** {@code obj[key]} as a list (empty when absent). */
  public static List<?> list(Map<String, Object> obj, String key) {
    Object v = obj.get(key);
    return v instanceof List<?> l ? l : List.of();
  }
}
