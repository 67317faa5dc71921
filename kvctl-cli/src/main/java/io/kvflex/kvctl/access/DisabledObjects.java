package io.kvflex.kvctl.access;

import io.kvflex.options.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A disabled object never reaches a pod whatever the permissions: Key Vault refuses to serve a
 * disabled secret (403 SecretDisabled), and serves disabled keys and certificates marked disabled,
 * which the driver refuses to mount. ARM reports {@code attributes.enabled} of secrets and keys (a
 * certificate's is that of its backing secret), so the verdict is denied when it is false; an
 * object ARM does not know will fail with 404.
 */
final class DisabledObjects {
  private DisabledObjects() {}

  /** Where ARM shows the object's attributes: {@code secrets}, or {@code keys} for a key. */
  static String armCollection(ObjectType type) {
    return type == ObjectType.KEY ? "keys" : "secrets";
  }

  static Evaluation apply(
      Evaluation e, ArmReader.ObjectState state, VaultInfo vault, ObjectType type, String name) {
    String word = RequiredAccess.forType(type).objectWord();
    if (!state.exists()) {
      if (type == ObjectType.CERT) {
        return e; // ARM may not list a certificate's backing secret: nothing to conclude.
      }
      List<String> notes = new ArrayList<>(e.notes());
      notes.add(
          "ARM knows no "
              + word
              + " "
              + name
              + " in vault "
              + vault.name()
              + ": the mount will fail with 404 until it exists");
      return new Evaluation(e.verdict(), e.evidence(), e.fix(), notes);
    }
    if (state.enabled()) {
      return e;
    }
    String enable =
        "az keyvault "
            + word
            + " set-attributes --vault-name "
            + vault.name()
            + " --name "
            + name
            + " --enabled true";
    List<String> evidence = new ArrayList<>();
    evidence.add(
        word
            + " "
            + name
            + " is disabled (ARM attributes.enabled false): "
            + (type == ObjectType.SECRET
                ? "Key Vault refuses every read of it (403 SecretDisabled)"
                : "Key Vault serves it marked disabled and the driver refuses to mount it")
            + ", whatever the permissions");
    evidence.addAll(e.evidence());
    List<String> notes = new ArrayList<>(e.notes());
    Optional<String> fix;
    if (e.verdict() == Verdict.DENIED && e.fix().isPresent()) {
      fix = e.fix();
      notes.add("then enable the " + word + ": " + enable);
    } else {
      fix = Optional.of(enable);
    }
    return new Evaluation(Verdict.DENIED, evidence, fix, notes);
  }
}
