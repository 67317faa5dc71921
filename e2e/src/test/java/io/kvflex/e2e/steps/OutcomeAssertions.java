package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.localvault.stats.RequestCounts;
import java.time.Duration;

/** What the kubelet got back, what the vault saw, and what must never leak. */
public final class OutcomeAssertions {
  /** A signed JWT: base64url header and claims, each a JSON object ("{" is "eyJ"), dot-joined. */
  private static final String JWT = "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.";

  private final World world;
  private final VaultContext vault;
  private final MountContext mounts;

  public OutcomeAssertions(World world, VaultContext vault, MountContext mounts) {
    this.world = world;
    this.vault = vault;
    this.mounts = mounts;
  }

  @Then("the mount succeeds")
  public void mountSucceeds() {
    assertSuccess(mounts.lastMountReply());
  }

  @Then("every mount succeeds")
  public void everyMountSucceeds() {
    assertThat(mounts.mounts).isNotEmpty();
    mounts.mounts.forEach(m -> assertSuccess(m.reply()));
  }

  @Then("the unmount succeeds")
  public void unmountSucceeds() {
    assertSuccess(mounts.lastReply.orElseThrow());
  }

  @Then("the mount fails with a message containing {string}")
  public void mountFails(String text) {
    DriverReply r = mounts.lastMountReply();
    wellFormed(r);
    assertThat(r.status()).as("status; " + r.describe()).isEqualTo("Failure");
    assertThat(r.exitCode()).as("exit code; " + r.describe()).isEqualTo(1);
    assertThat(r.message()).as("message").contains(text);
  }

  @Then("the unmount fails with a message containing {string}")
  public void unmountFails(String text) {
    DriverReply r = mounts.lastReply.orElseThrow();
    wellFormed(r);
    assertThat(r.status()).as("status; " + r.describe()).isEqualTo("Failure");
    assertThat(r.exitCode()).as("exit code; " + r.describe()).isEqualTo(1);
    assertThat(r.message()).as("message").contains(text);
  }

  @Then("the message mentions {string}")
  public void messageMentions(String text) {
    assertThat(mounts.lastMountReply().message()).containsIgnoringCase(text);
  }

  @Then("the message does not mention {string}")
  public void messageDoesNotMention(String text) {
    assertThat(mounts.lastMountReply().message()).doesNotContainIgnoringCase(text);
  }

  @Then("the driver log records the mount's result")
  public void logRecordsTheResult() {
    String log = world.backend().driverLog();
    int start = log.lastIndexOf("event=mount.start");
    assertThat(start).as("the mount's start in the driver log").isNotNegative();
    assertThat(log.substring(start))
        .as("the driver log after the mount started")
        .contains("event=verb.failed")
        .contains("event=verb.result");
  }

  @Then("the message names the client id of {string}")
  public void messageNamesClientId(String sp) {
    assertThat(mounts.lastMountReply().message())
        .contains(world.vault().servicePrincipal(sp).clientId());
  }

  @Then("the driver answers exactly {string}")
  public void answersExactly(String json) {
    DriverReply r = mounts.lastReply.orElseThrow();
    assertThat(r.output()).as("combined stdout+stderr").isEqualTo(json + "\n");
    assertThat(r.exitCode()).isZero();
  }

  @Then("nothing is left mounted")
  public void nothingLeft() {
    assertThat(world.backend().leftovers(mounts.failedMounts()))
        .as("mounts and files left after a failed mount")
        .isEmpty();
  }

  @Then("the mount took less than {int} seconds")
  public void tookLessThan(int seconds) {
    assertThat(mounts.lastMountReply().took()).isLessThan(Duration.ofSeconds(seconds));
  }

  @Then("the vault received no request")
  public void noRequest() {
    // Only what the mount could have caused: the seeding identity's and admin requests are not.
    RequestCounts before = mounts.countsBefore.orElseThrow();
    RequestCounts after = world.vault().counts();
    assertThat(byTheMount(after) - byTheMount(before))
        .as("Key Vault and token requests made by the mount: " + after.entries())
        .isZero();
  }

  private static long byTheMount(RequestCounts counts) {
    return counts.count(
        e -> !e.operation().equals("admin") && !e.identity().equals(LocalVaultFixture.SEEDER));
  }

  @Then("the vault served {string} once")
  public void servedOnce(String secret) {
    assertThat(world.vault().counts().successful("secrets.get", LocalVaultFixture.VAULT, secret))
        .as("successful GETs of secret " + secret)
        .isEqualTo(1);
  }

  @Then("NMI was asked {int} times")
  public void nmiAsked(int times) {
    assertThat(world.vault().counts().count("nmi.token")).isEqualTo(times);
  }

  @Then("neither the driver output nor the driver log contains {string}")
  public void noLeak(String text) {
    assertThat(mounts.allOutput()).as("driver output").doesNotContain(text);
    assertThat(world.backend().driverLog()).as("driver log").isNotEmpty().doesNotContain(text);
  }

  @Then("neither the driver output nor the driver log contains the client secrets used")
  public void noClientSecretLeak() {
    assertThat(vault.clientSecretsUsed).isNotEmpty();
    for (String s : vault.clientSecretsUsed) {
      noLeak(s);
    }
  }

  @Then("no secret reaches the driver output or log")
  public void noSecretAtAll() {
    String output = mounts.allOutput();
    String log = world.backend().driverLog();
    assertThat(log).as("driver log").isNotEmpty();
    for (String secret : vault.clientSecretsUsed) {
      assertThat(output).as("driver output").doesNotContain(secret);
      assertThat(log).as("driver log").doesNotContain(secret);
    }
    for (String value : vault.secretValues.values()) {
      assertThat(output).as("driver output").doesNotContain(value);
      assertThat(log).as("driver log").doesNotContain(value);
    }
    // Access tokens (localvault issues JWTs, as Entra ID, NMI and IMDS do): none in either,
    // also none that a long-lived node agent kept between calls.
    assertThat(output).as("driver output").doesNotContainPattern(JWT);
    assertThat(log).as("driver log").doesNotContainPattern(JWT);
  }

  private static void assertSuccess(DriverReply r) {
    wellFormed(r);
    assertThat(r.status()).as(r.describe()).isEqualTo("Success");
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  /** The kubelet's rule: the combined output is exactly one JSON object. */
  private static void wellFormed(DriverReply r) {
    assertThat(r.protocolError())
        .as("the kubelet parses the combined output as one JSON object")
        .isEmpty();
  }
}
