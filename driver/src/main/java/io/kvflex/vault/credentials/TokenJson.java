package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the token JSON of IMDS ({@code access_token}, {@code expires_on}, numbers often as strings)
 * and of NMI (the same object under {@code token}, plus {@code clientid}). Values are kept only as
 * an {@link AccessToken}, whose toString does not show the token.
 */
final class TokenJson {
  private TokenJson() {}

  /** Top-level string/number fields; nested objects are returned flattened as "outer.inner". */
  static Map<String, String> fields(String json) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (JsonReader reader = JsonProviders.createReader(json)) {
      if (reader.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      readObject(reader, "", out);
    }
    return out;
  }

  private static void readObject(JsonReader reader, String prefix, Map<String, String> out)
      throws IOException {
    while (reader.nextToken() != JsonToken.END_OBJECT) {
      String name = reader.getFieldName();
      JsonToken value = reader.nextToken();
      if (value == JsonToken.START_OBJECT) {
        readObject(reader, prefix + name + ".", out);
      } else if (value == JsonToken.START_ARRAY) {
        reader.skipChildren();
      } else if (value != JsonToken.NULL) {
        out.put(prefix + name, reader.getText());
      }
    }
  }

  /** An AccessToken from {@code prefix + access_token} and the expiry fields, if present. */
  static Optional<AccessToken> token(Map<String, String> f, String prefix, Instant now) {
    String access = f.get(prefix + "access_token");
    if (access == null || access.isBlank()) {
      return Optional.empty();
    }
    Instant expires = now.plusSeconds(300);
    try {
      if (f.containsKey(prefix + "expires_on")) {
        expires = Instant.ofEpochSecond(Long.parseLong(f.get(prefix + "expires_on").trim()));
      } else if (f.containsKey(prefix + "expires_in")) {
        expires = now.plusSeconds(Long.parseLong(f.get(prefix + "expires_in").trim()));
      }
    } catch (NumberFormatException e) {
      // Keep the short default: the mount needs the token only for seconds.
    }
    return Optional.of(new AccessToken(access, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)));
  }
}
