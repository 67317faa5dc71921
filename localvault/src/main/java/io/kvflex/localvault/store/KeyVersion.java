package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.KeyKind;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * One key version; only the public half is kept (localvault performs no key operations).
 *
 * @param kind the {@code kty} it is served with ({@code RSA-HSM}/{@code EC-HSM} for HSM keys)
 */
public record KeyVersion(
    String name,
    String version,
    KeyKind kind,
    PublicKey publicKey,
    List<String> keyOps,
    Map<String, String> tags,
    Attributes attributes,
    boolean managed,
    boolean exportable) {

  public KeyVersion {
    keyOps = List.copyOf(keyOps);
    tags = Map.copyOf(tags);
  }

  public KeyVersion withAttributes(Attributes a) {
    return new KeyVersion(name, version, kind, publicKey, keyOps, tags, a, managed, exportable);
  }

  public KeyVersion withTags(Map<String, String> t) {
    return new KeyVersion(
        name, version, kind, publicKey, keyOps, t, attributes, managed, exportable);
  }
}
