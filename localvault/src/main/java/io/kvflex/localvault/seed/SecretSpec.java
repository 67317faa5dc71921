package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Map;

/** A secret with its versions, oldest first (the last one is the latest). */
public record SecretSpec(String name, List<Version> versions) {

  /** One secret version. */
  public record Version(
      SecretText value, String contentType, boolean enabled, Map<String, String> tags) {}
}
