package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.SecretText;
import java.util.Map;

/**
 * One secret version. {@code managed} secrets back a certificate ({@code kid} is then the key of
 * the same name and version).
 */
public record SecretVersion(
    String name,
    String version,
    SecretText value,
    String contentType,
    Map<String, String> tags,
    Attributes attributes,
    boolean managed) {

  public SecretVersion {
    tags = Map.copyOf(tags);
  }

  public SecretVersion withAttributes(Attributes a) {
    return new SecretVersion(name, version, value, contentType, tags, a, managed);
  }

  public SecretVersion withTags(Map<String, String> t) {
    return new SecretVersion(name, version, value, contentType, t, attributes, managed);
  }

  public SecretVersion withContentType(String ct) {
    return new SecretVersion(name, version, value, ct, tags, attributes, managed);
  }
}
