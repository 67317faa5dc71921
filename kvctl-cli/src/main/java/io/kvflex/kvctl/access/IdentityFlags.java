package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The identity the pod will use, as flags; at most one (picocli exclusive group). */
final class IdentityFlags {
  @Option(
      names = "--client-id",
      paramLabel = "APP_ID",
      description = "Application (client) id of the service principal or managed identity.")
  String clientId;

  @Option(
      names = "--object-id",
      paramLabel = "OBJECT_ID",
      description = "The identity's object (principal) id: skips the Graph lookup.")
  String objectId;

  @Option(
      names = "--pod-identity",
      paramLabel = "RESOURCE_ID|CLIENT_ID",
      description = "aad-pod-identity: the AzureIdentity's resourceID or clientID.")
  String podIdentity;

  @Option(
      names = "--vm-identity",
      paramLabel = "RESOURCE_ID|CLIENT_ID",
      description =
          "The node's managed identity: a user-assigned identity's client id or resource id,"
              + " or the VM/VMSS resource id for its system-assigned identity.")
  String vmIdentity;

  /** The flags' identity, else the manifest volume's, else the Secret file's {@code clientid}. */
  static IdentityInput choose(
      Optional<IdentityFlags> flags, Optional<MountRequest> volume, Optional<SecretFile> secret) {
    Optional<IdentityInput> fromFlags = flags.flatMap(IdentityFlags::input);
    if (fromFlags.isPresent()) {
      return fromFlags.get();
    }
    if (volume.isPresent()) {
      IdentityMode mode = volume.get().identity();
      if (mode instanceof IdentityMode.ServicePrincipalSecret sp) {
        return new IdentityInput.ClientId(sp.clientId());
      }
      if (mode instanceof IdentityMode.ServicePrincipalCertificate sp) {
        return new IdentityInput.ClientId(sp.clientId());
      }
      if (mode instanceof IdentityMode.VmManagedIdentity vm && vm.clientId().isPresent()) {
        return new IdentityInput.ClientId(vm.clientId().get());
      }
      if (mode instanceof IdentityMode.VmManagedIdentity) {
        throw new UserInputException(
            "the volume uses the nodes' system-assigned identity; pass"
                + " --vm-identity with the VM or VMSS resource id (or --object-id)");
      }
      throw new UserInputException(
          "the volume uses pod identity ("
              + mode.describe()
              + "); pass --pod-identity"
              + " with the AzureIdentity's resourceID or clientID (or --object-id)");
    }
    if (secret.isPresent()) {
      return new IdentityInput.ClientId(secret.get().clientId());
    }
    throw new UserInputException(
        "name the identity to check: --client-id, --object-id, --secret-file,"
            + " --pod-identity or --vm-identity (or -f MANIFEST)");
  }

  Optional<IdentityInput> input() {
    if (clientId != null) {
      return Optional.of(new IdentityInput.ClientId(clientId.trim()));
    }
    if (objectId != null) {
      return Optional.of(new IdentityInput.ObjectId(objectId.trim()));
    }
    String either = podIdentity != null ? podIdentity : vmIdentity;
    if (either == null) {
      return Optional.empty();
    }
    String v = either.trim();
    return Optional.of(
        v.startsWith("/") ? new IdentityInput.ResourceId(v) : new IdentityInput.ClientId(v));
  }
}
