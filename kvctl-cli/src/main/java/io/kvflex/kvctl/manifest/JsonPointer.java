package io.kvflex.kvctl.manifest;

/** RFC 6901 helpers for the {@code path} of findings. */
public final class JsonPointer {
  private JsonPointer() {}

  /** Escapes one reference token: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
