package io.kvflex.e2e.steps;

import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.kvflex.e2e.framework.ArmGraphStubs;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import java.util.List;

/**
 * Arranges what ARM and Microsoft Graph say about the vault for {@code kvctl check-access}; the
 * vault itself (its real access policies) is localvault's, arranged by {@link VaultSteps}.
 */
public final class AccessSteps {
  private final World world;

  public AccessSteps(World world) {
    this.world = world;
  }

  @Before("@check-access")
  public void freshArmAndGraph() {
    world.run().armGraph().reset();
  }

  @Given(
      "ARM describes the vault with an access policy giving service principal {string} secret"
          + " permissions {permissions}")
  public void accessPolicyVault(String sp, List<String> secretPermissions) {
    LocalVaultFixture lv = world.vault();
    ServicePrincipalSpec spec = lv.servicePrincipal(sp);
    ArmGraphStubs stubs = world.run().armGraph();
    // Graph resolves the Secret's clientid to the object id localvault knows the identity by.
    stubs.servicePrincipal(spec.clientId(), spec.objectId(), sp);
    stubs.accessPolicyVault(
        LocalVaultFixture.VAULT,
        lv.tenantId(),
        List.of(
            new ArmGraphStubs.Policy(spec.objectId(), secretPermissions, List.of(), List.of())));
  }
}
