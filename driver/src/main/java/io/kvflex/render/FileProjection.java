package io.kvflex.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file the engine wants in the volume: a safe relative path, its bytes and its mode. The writer
 * ({@code io.kvflex.mount}) puts a list of these on disk atomically; {@code kvctl fetch} prints the
 * same list. {@link #toString()} never shows the bytes.
 *
 * @param relativePath validated relative path (no absolute path, no {@code ..}, no empty segment)
 * @param bytes file content
 * @param mode POSIX permission bits, e.g. {@code 0644}
 * @param description what produced it, e.g. {@code key/signing@v1 as pem}; never a value
 */
public record FileProjection(String relativePath, byte[] bytes, int mode, String description) {

  public FileProjection {
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(description, "description");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Lower-case hex SHA-256 of the content (dry-run output shows a prefix of it). */
  public String sha256Hex() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileProjection p
        && relativePath.equals(p.relativePath)
        && mode == p.mode
        && description.equals(p.description)
        && MessageDigest.isEqual(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(relativePath, mode, description, java.util.Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "FileProjection["
        + relativePath
        + ", "
        + bytes.length
        + " bytes, mode "
        + Integer.toOctalString(mode)
        + ", "
        + description
        + "]";
  }
}
