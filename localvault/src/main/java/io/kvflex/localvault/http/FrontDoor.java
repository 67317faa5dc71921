package io.kvflex.localvault.http;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The HTTPS port: picks the vault, login or management API by the Host header. */
final class FrontDoor {
  private final ServerState state;
  private final VaultRoutes vaults;
  private final EntraRoutes entra;

  FrontDoor(ServerState state, IntSupplier httpsPort) {
    this.state = state;
    this.vaults =
        new VaultRoutes(
            state.vaults(),
            state.directory(),
            state.tokens(),
            state.hosts(),
            state.faults(),
            state.factory(),
            httpsPort);
    this.entra =
        new EntraRoutes(
            state.directory(),
            state.tokens(),
            state.assertions(),
            state.hosts(),
            state.faults(),
            httpsPort);
  }

  void handle(Exchange ex) throws IOException {
    String host = ex.host();
    Optional<String> vault = state.hosts().vaultOf(host);
    if (vault.isPresent()) {
      vaults.handle(ex, vault.get());
    } else if (host.equals(state.hosts().loginHost())) {
      entra.handle(ex);
    } else {
      ex.describe("unknown.host", "", "");
      ex.sendJson(
          404,
          KvErrors.body(
              "UnknownHost",
              "localvault serves vaults at {vault}."
                  + state.hosts().vaultSuffix()
                  + " and tokens at "
                  + state.hosts().loginHost()
                  + "; '"
                  + host
                  + "' is neither.",
              Optional.empty()));
    }
  }
}
