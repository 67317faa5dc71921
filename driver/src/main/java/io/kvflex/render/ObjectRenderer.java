package io.kvflex.render;

import io.kvflex.errors.BugException;
import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.vault.VaultObject;
import io.kvflex.vault.VaultObject.Certificate;
import io.kvflex.vault.VaultObject.Key;
import io.kvflex.vault.VaultObject.Secret;

/**
 * Turns one fetched vault object into the file its spec asks for (README "File formats"). Pure: no
 * I/O, no state, safe to call from many threads. Failures are {@link UserInputException}s that name
 * the object, the format and a fix, and never contain the object's value.
 */
public final class ObjectRenderer {

  /**
   * @param spec what the volume asked for (file name, format)
   * @param fetched what the vault returned for {@code spec.ref()}
   * @param fileMode POSIX permission bits of the file, e.g. {@code 0644}
   */
  public FileProjection render(VaultObjectSpec spec, VaultObject fetched, int fileMode) {
    String label = label(fetched);
    byte[] bytes;
    try {
      bytes =
          switch (spec.type()) {
            case SECRET -> SecretRenderer.render(as(Secret.class, spec, fetched), spec.format());
            case KEY -> KeyRenderer.render(as(Key.class, spec, fetched), spec.format());
            case CERT -> CertRenderer.render(as(Certificate.class, spec, fetched), spec.format());
          };
    } catch (BadContentException e) {
      throw new UserInputException(
          label
              + ": keyvaultobjectformats "
              + spec.format().optionValue()
              + " does not fit this "
              + noun(spec.type())
              + ": the "
              + (spec.type() == ObjectType.SECRET ? "value " : "key ")
              + e.getMessage()
              + ". "
              + e.fix().orElseGet(() -> fix(spec.type(), spec.format())));
    }
    return new FileProjection(
        spec.fileName(), bytes, fileMode, label + " as " + spec.format().optionValue());
  }

  /** e.g. {@code secret/db-password@3f2a...}: type, name and the version actually served. */
  static String label(VaultObject fetched) {
    return fetched.ref().type().optionValue()
        + "/"
        + fetched.ref().name()
        + "@"
        + fetched.version();
  }

  private static <T extends VaultObject> T as(
      Class<T> expected, VaultObjectSpec spec, VaultObject fetched) {
    if (!expected.isInstance(fetched) || !fetched.ref().equals(spec.ref())) {
      throw new BugException(
          "the vault client returned "
              + fetched.getClass().getSimpleName()
              + " "
              + label(fetched)
              + " for "
              + spec.ref().describe());
    }
    return expected.cast(fetched);
  }

  private static String noun(ObjectType type) {
    return switch (type) {
      case SECRET -> "secret";
      case KEY -> "key";
      case CERT -> "certificate";
    };
  }

  /** The one suggestion shown with each kind of misfit. */
  private static String fix(ObjectType type, ObjectFormat format) {
    return switch (format) {
      case BASE64 -> "Store the base64 text of the bytes, or use keyvaultobjectformats raw.";
      case HEX -> "Store the bytes as hex digits, or use keyvaultobjectformats raw.";
      case PEM ->
          type == ObjectType.KEY
              ? "Use keyvaultobjectformats jwk for this key."
              : "Use keyvaultobjectformats raw, or import the certificate and key as a Key Vault"
                  + " certificate and mount its secret.";
      case PFX ->
          "Use keyvaultobjectformats raw (or pem), or import the certificate and key as a Key"
              + " Vault certificate and mount its secret.";
      case MODULUS -> "Use keyvaultobjectformats pem or jwk for EC keys.";
      case JWK -> "kvflex renders RSA and EC keys only; mount another key.";
      case RAW, DER -> "Report this as a kvflex bug.";
    };
  }
}
