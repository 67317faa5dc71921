package io.kvflex.localvault.json;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import com.azure.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON in and out through azure-json; values are maps, lists, strings, numbers, booleans, null. */
public final class Json {
  private Json() {}

  /** Serialises maps/lists/scalars; map order is kept. */
  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeUntyped(value);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String writeString(Object value) {
    return new String(write(value), StandardCharsets.UTF_8);
  }

  /** Parses a JSON object; anything else (or malformed text) is an IllegalArgumentException. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(byte[] body) {
    try (JsonReader r = JsonProviders.createReader(body)) {
      JsonToken t = r.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      Object v = r.readUntyped();
      if (r.nextToken() != JsonToken.END_DOCUMENT && r.currentToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON object");
      }
      return (Map<String, Object>) v;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the body is not valid JSON", e);
    }
  }
}
