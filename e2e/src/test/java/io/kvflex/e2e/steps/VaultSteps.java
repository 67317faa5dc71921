package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.e2e.framework.VaultRest;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.Pem;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Arranges the vault: access policies, objects and faults. */
public final class VaultSteps {
  private static final List<String> READ = List.of("get");

  private final World world;
  private final VaultContext vault;

  public VaultSteps(World world, VaultContext vault) {
    this.world = world;
    this.vault = vault;
  }

  @Given(
      "a Key Vault {string} whose service principal {string} may read secrets, keys and certificates")
  public void aVaultReadableBy(String vaultName, String sp) {
    assertThat(vaultName).as("the e2e seed's vault").isEqualTo(LocalVaultFixture.VAULT);
    world.vault().grant(sp, READ, READ, READ);
  }

  @Given("the driver is installed in the node's plugin directory")
  public void driverInstalled() {
    world.backend().installDriver();
  }

  @Given("service principal {string} may read only secrets")
  public void readsOnlySecrets(String sp) {
    world.vault().grant(sp, READ, List.of(), List.of());
  }

  @Given("service principal {string} may read nothing in the vault")
  public void readsNothing(String sp) {
    world.vault().grant(sp, List.of(), List.of(), List.of());
  }

  @Given("the vault holds secret {string} with value {string}")
  public void holdsSecret(String name, String value) {
    putSecret(name, value, true);
  }

  @Given("the vault holds disabled secret {string} with value {string}")
  public void holdsDisabledSecret(String name, String value) {
    putSecret(name, value, false);
  }

  @Given("the vault holds secret {string} with versions {string} then {string}")
  public void holdsVersions(String name, String first, String second) {
    putSecret(name, first, true);
    putSecret(name, second, true);
  }

  @Given("the vault holds {keyKind} key {string}")
  public void holdsKey(ParameterTypes.KeyKind kind, String name) {
    Map<String, Object> bundle =
        rest().createKey(world.vault().vaultUrl(), name, kind.kty(), kind.curve());
    vault.keys.put(name, Json.map(bundle, "key"));
  }

  @Given("the vault holds certificate {string} issued by an intermediate and a root CA")
  public void holdsChainCertificate(String name) {
    String url = world.vault().vaultUrl();
    Map<String, Object> bundle =
        rest().createChainCertificate(url, name, "CN=" + name + ".e2e.local");
    vault.certificates.put(
        name, Pem.certificate(Base64.getDecoder().decode(Json.text(bundle, "cer"))));
    vault.keys.put(name, Json.map(rest().getKey(url, name), "key"));
    vault.secretValues.put(name, Json.text(rest().getSecret(url, name, ""), "value"));
  }

  @Given("the vault throttles the next {int} requests")
  public void throttlesNext(int n) {
    world.vault().setFaults(new FaultSpec(0, 0, n, -1, 0, 503, 0, 0));
  }

  @Given("the vault throttles every request")
  public void throttlesAll() {
    world.vault().setFaults(new FaultSpec(0, 1.0, 0, -1, 0, 503, 0, 0));
  }

  @When("the vault stops throttling")
  public void stopsThrottling() {
    world.vault().setFaults(FaultSpec.NONE);
  }

  @Given("the vault's next {int} answers break off mid-body")
  public void answersBreakOff(int n) {
    world.vault().setFaults(FaultSpec.NONE.withTruncateNext(n));
  }

  @Given("the vault's answers carry only half their JSON")
  public void answersMalformed() {
    world.vault().setFaults(FaultSpec.NONE.withMalformedNext(1_000_000));
  }

  @Given("the vault's answers stall halfway for {int} seconds")
  public void answersStall(int seconds) {
    world.vault().setFaults(FaultSpec.NONE.withStallMs(seconds * 1000L));
  }

  @Given("the token endpoint answers after {int} seconds")
  public void tokenEndpointHangs(int seconds) {
    world.vault().setFaults(FaultSpec.NONE.withTokenLatencyMs(seconds * 1000L));
  }

  @Given("the token endpoint drops every connection")
  public void tokenEndpointDrops() {
    world.vault().setFaults(FaultSpec.NONE.withTokenResetRate(1.0));
  }

  @Given("the vault holds secret {string} of {int} bytes")
  public void holdsLargeSecret(String name, int bytes) {
    putSecret(name, "0123456789".repeat(bytes / 10 + 1).substring(0, bytes), true);
  }

  @Given("the vault's answers are padded to {int} bytes")
  public void answersOversized(int bytes) {
    world.vault().setFaults(FaultSpec.NONE.withOversizeBytes(bytes));
  }

  @When("the vault's answers are no longer padded")
  public void answersNormal() {
    world.vault().setFaults(FaultSpec.NONE);
  }

  @Given("the vault is unreachable")
  public void unreachable() {
    world.backend().makeVaultUnreachable(world.vault().vaultHost());
  }

  @When("the vault is reachable again")
  public void reachableAgain() {
    world.backend().makeVaultReachable();
  }

  private void putSecret(String name, String value, boolean enabled) {
    Map<String, Object> bundle =
        rest().setSecret(world.vault().vaultUrl(), name, value, null, enabled);
    String id = Json.text(bundle, "id");
    vault.versions(name).add(id.substring(id.lastIndexOf('/') + 1));
    vault.secretValues.put(name, value);
  }

  private VaultRest rest() {
    return world.vault().rest();
  }
}
