package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.Sensitive;
import java.util.Optional;

/** The credentials {@code --probe} fetches with: exactly what the driver would use. */
final class ProbeIdentity {
  private ProbeIdentity() {}

  static IdentityMode choose(
      Optional<IdentityFlags> flags, Optional<MountRequest> volume, Optional<SecretFile> secret) {
    if (volume.isPresent()) {
      return volume.get().identity();
    }
    if (secret.isPresent()) {
      Optional<Sensitive> clientSecret = secret.get().get("clientsecret").filter(s -> !s.isEmpty());
      Optional<String> clientId = secret.get().get("clientid").map(s -> s.revealUtf8().trim());
      if (clientSecret.isPresent() && clientId.isPresent()) {
        return new IdentityMode.ServicePrincipalSecret(clientId.get(), clientSecret.get());
      }
    }
    Optional<String> vm = flags.map(f -> f.vmIdentity).map(String::trim);
    if (vm.isPresent() && !vm.get().startsWith("/")) {
      return new IdentityMode.VmManagedIdentity(vm);
    }
    if (vm.isPresent()
        && !vm.get().toLowerCase(java.util.Locale.ROOT).contains("/userassignedidentities/")) {
      return new IdentityMode.VmManagedIdentity(Optional.empty());
    }
    throw new UserInputException(
        "--probe needs the identity's credentials: -f MANIFEST with --secret-file,"
            + " a --secret-file holding clientid and clientsecret, or --vm-identity CLIENT_ID on a node");
  }
}
