package io.kvflex.options;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Path safety for file names inside a volume (aliases, or object names used as file names). A safe
 * name is a relative path of one or more {@code /}-separated segments that stays inside the volume.
 * Segments starting with {@code ..} are reserved for the mount's own atomic-update layout, so user
 * files never collide with it.
 */
public final class AliasPaths {
  /** Linux NAME_MAX. */
  static final int MAX_SEGMENT_BYTES = 255;

  static final int MAX_PATH_BYTES = 1024;

  private AliasPaths() {}

  /** Why {@code path} is not a safe relative file path, or empty when it is safe. */
  public static Optional<String> whyUnsafe(String path) {
    if (path.isEmpty()) {
      return Optional.of("is empty");
    }
    if (path.startsWith("/")) {
      return Optional.of(
          "is an absolute path; give a path relative to the volume, e.g. \"tls/cert.pem\"");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("contains a control character");
      }
      if (c == '\\') {
        return Optional.of("contains a backslash; separate directories with '/'");
      }
    }
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      return Optional.of("is longer than " + MAX_PATH_BYTES + " bytes");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty path segment (\"//\" or a trailing '/'); name a file");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of(
            "contains a \"" + segment + "\" segment; files must stay inside the volume");
      }
      if (segment.startsWith("..")) {
        return Optional.of(
            "has a segment starting with \"..\", which is reserved for the driver's atomic"
                + " update; rename it");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        return Optional.of("has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
    }
    return Optional.empty();
  }
}
