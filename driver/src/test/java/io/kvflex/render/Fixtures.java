package io.kvflex.render;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultObject;
import io.kvflex.vault.VaultObject.PublicJwk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The openssl-made inputs under {@code fixtures/} (see {@code fixtures/generate.sh}) and the
 * producer matrix under {@code producers/} (see {@code producers/regenerate.sh}).
 */
final class Fixtures {
  static final String VERSION = "0123456789abcdef0123456789abcdef";

  private Fixtures() {}

  static byte[] bytes(String name) {
    return resource("fixtures/" + name);
  }

  /** A file of the producer matrix under {@code producers/} (see its {@code regenerate.sh}). */
  static byte[] producer(String name) {
    return resource("producers/" + name);
  }

  private static byte[] resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.US_ASCII);
  }

  static X509Certificate certificate(String name) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(bytes(name)));
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWK fixture as the vault adapter hands it over (fields base64url-decoded). */
  static PublicJwk jwk(String name) {
    Map<String, String> fields = new HashMap<>();
    try (JsonReader json = JsonProviders.createReader(bytes(name))) {
      json.nextToken();
      while (json.nextToken() != JsonToken.END_OBJECT) {
        String field = json.getFieldName();
        json.nextToken();
        fields.put(field, json.getString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PublicJwk(
        fields.get("kid"),
        fields.get("kty"),
        fields.getOrDefault("crv", ""),
        b64url(fields.get("n")),
        b64url(fields.get("e")),
        b64url(fields.get("x")),
        b64url(fields.get("y")));
  }

  private static byte[] b64url(String value) {
    return value == null ? null : Base64.getUrlDecoder().decode(value);
  }

  static VaultObjectSpec spec(ObjectType type, String name, ObjectFormat format) {
    return new VaultObjectSpec(
        type, name, Optional.empty(), name + "." + format.optionValue(), format);
  }

  static ObjectRef ref(ObjectType type, String name) {
    return new ObjectRef(type, name, Optional.empty());
  }

  static VaultObject.Secret secret(String name, String value, String contentType) {
    return new VaultObject.Secret(
        ref(ObjectType.SECRET, name),
        VERSION,
        Sensitive.ofUtf8(value),
        Optional.ofNullable(contentType));
  }

  static VaultObject.Key key(String name, PublicJwk jwk) {
    return new VaultObject.Key(ref(ObjectType.KEY, name), VERSION, jwk);
  }

  static VaultObject.Certificate cert(String name, byte[] der) {
    return new VaultObject.Certificate(ref(ObjectType.CERT, name), VERSION, der);
  }
}
