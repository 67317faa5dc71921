package io.kvflex.localvault.store;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/** One key version; only the public half is kept (localvault performs no key operations). */
public record KeyVersion(
    String name,
    String version,
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
    return new KeyVersion(name, version, publicKey, keyOps, tags, a, managed, exportable);
  }

  public KeyVersion withTags(Map<String, String> t) {
    return new KeyVersion(name, version, publicKey, keyOps, t, attributes, managed, exportable);
  }
}
