package io.kvflex.testsupport;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import com.azure.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Untyped JSON for tests, over azure-json (the parser the driver and localvault use): read what a
 * program printed or a server answered, write request bodies and kubelet options.
 */
public final class Json {
  private Json() {}

  /**
   * Parses exactly one JSON object: anything else (an array, a scalar, a second value or text after
   * the object) is an {@link IllegalArgumentException} that says what it got.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text) {
    try (JsonReader r = JsonProviders.createReader(text)) {
      Object v = r.readUntyped();
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException("not a JSON object: " + text);
      }
      JsonToken after = r.nextToken();
      if (after != null && after != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException("more than one JSON value: " + text);
      }
      return (Map<String, Object>) v;
    } catch (IOException | IllegalStateException e) {
      throw new IllegalArgumentException("not JSON (" + e.getMessage() + "): " + text, e);
    }
  }

  /** Writes maps, lists, strings, numbers, booleans and nulls as compact JSON. */
  public static String write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeUntyped(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code obj[key]} as an object (empty when absent). */
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
