package io.kvflex.e2e.steps;

import io.cucumber.java.ParameterType;
import java.util.Arrays;
import java.util.List;

/** Every custom parameter type of the glue, in one place. */
public final class ParameterTypes {

  /**
   * A key the vault creates: {@code RSA} or {@code RSA-HSM} (2048 bit), or {@code EC|EC-HSM
   * P-256|P-384|P-521}.
   */
  public record KeyKind(String kty, String curve) {}

  @ParameterType("(RSA|RSA-HSM|EC|EC-HSM)(?: (P-256|P-384|P-521))?")
  public KeyKind keyKind(String kty, String curve) {
    return new KeyKind(kty, curve == null ? "" : curve);
  }

  /** How a client certificate is handed to the driver in the secretRef Secret. */
  @ParameterType("PEM|PKCS#12")
  public String certMaterial(String text) {
    return text;
  }

  /** The node's managed identity kind. */
  public enum ManagedIdentityKind {
    SYSTEM_ASSIGNED,
    USER_ASSIGNED
  }

  @ParameterType("system-assigned|user-assigned")
  public ManagedIdentityKind managedIdentityKind(String text) {
    return text.equals("system-assigned")
        ? ManagedIdentityKind.SYSTEM_ASSIGNED
        : ManagedIdentityKind.USER_ASSIGNED;
  }

  /**
   * Access-policy permission names as ARM lists them, quoted and space-separated ({@code "get
   * list"}); {@code ""} is none.
   */
  @ParameterType("\"([a-z ]*)\"")
  public List<String> permissions(String text) {
    return Arrays.stream(text.trim().split(" +")).filter(p -> !p.isEmpty()).toList();
  }

  /** Whether kvctl's probe agrees with the verdict it derived from ARM. */
  @ParameterType("agrees|disagrees")
  public boolean agreement(String text) {
    return text.equals("agrees");
  }

  /** What a scenario plants at a pod's volume directory before the kubelet unmounts it. */
  @ParameterType(
      "a regular file|a symbolic link to a tmpfs mounted elsewhere|a tmpfs mounted by someone else")
  public io.kvflex.e2e.framework.NodeFaults.Stray stray(String text) {
    return switch (text) {
      case "a regular file" -> io.kvflex.e2e.framework.NodeFaults.Stray.REGULAR_FILE;
      case "a symbolic link to a tmpfs mounted elsewhere" ->
          io.kvflex.e2e.framework.NodeFaults.Stray.SYMLINK_TO_FOREIGN_TMPFS;
      default -> io.kvflex.e2e.framework.NodeFaults.Stray.FOREIGN_TMPFS;
    };
  }
}
