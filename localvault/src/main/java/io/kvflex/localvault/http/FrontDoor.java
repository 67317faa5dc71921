package io.kvflex.localvault.http;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The HTTPS port: picks the vault, login, ARM or Graph API by the Host header. */
final class FrontDoor {
  private final ServerState state;
  private final VaultRoutes vaults;
  private final EntraRoutes entra;
  private final ArmRoutes arm;
  private final GraphRoutes graph;

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
            httpsPort,
            new DataPlaneAccess(state.controlPlane()));
    this.entra =
        new EntraRoutes(
            state.directory(),
            state.tokens(),
            state.assertions(),
            state.hosts(),
            state.faults(),
            httpsPort);
    this.arm = new ArmRoutes(state, httpsPort);
    this.graph = new GraphRoutes(state);
  }

  void handle(Exchange ex) throws IOException {
    String host = ex.host();
    Optional<String> vault = state.hosts().vaultOf(host);
    if (vault.isPresent()) {
      vaults.handle(ex, vault.get());
    } else if (host.equals(state.hosts().loginHost())) {
      entra.handle(ex);
    } else if (host.equals(state.hosts().managementHost())) {
      arm.handle(ex);
    } else if (host.equals(state.hosts().graphHost())) {
      graph.handle(ex);
    } else {
      ex.describe("unknown.host", "", "");
      ex.sendJson(
          404,
          KvErrors.body(
              "UnknownHost",
              "localvault serves vaults at {vault}."
                  + state.hosts().vaultSuffix()
                  + ", tokens at "
                  + state.hosts().loginHost()
                  + ", ARM at "
                  + state.hosts().managementHost()
                  + " and Microsoft Graph at "
                  + state.hosts().graphHost()
                  + "; '"
                  + host
                  + "' is none of them.",
              Optional.empty()));
    }
  }
}
