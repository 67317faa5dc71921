package io.kvflex.options;

import java.util.Objects;
import java.util.Optional;

/**
 * One object a volume asks for, fully validated and defaulted.
 *
 * @param type object type
 * @param name object name in the vault
 * @param version pinned version, or empty for the latest
 * @param fileName safe relative path of the file inside the volume (the alias, or the name)
 * @param format how the bytes are rendered; always allowed for {@code type}
 */
public record VaultObjectSpec(
    ObjectType type, String name, Optional<String> version, String fileName, ObjectFormat format) {

  public VaultObjectSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(format, "format");
    if (!ObjectFormat.allowedFor(type).contains(format)) {
      throw new IllegalArgumentException(format + " is not a format of " + type);
    }
  }

  /** What is fetched from the vault; two specs with the same ref are fetched once. */
  public ObjectRef ref() {
    return new ObjectRef(type, name, version);
  }

  /** Type, name and version: the identity of a fetch. */
  public record ObjectRef(ObjectType type, String name, Optional<String> version) {
    /** e.g. {@code secret/db-password@3f2a...} or {@code key/signing (latest)}; never a value. */
    public String describe() {
      return type.optionValue() + "/" + name + version.map(v -> "@" + v).orElse(" (latest)");
    }
  }
}
