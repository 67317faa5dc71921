package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.LocalVaultFixture;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kvctl check-access} printed per object (README "kvctl check-access"): the row {@code
 * OBJECT VERDICT REQUIRES}, then indented {@code evidence:}, {@code fix:}, {@code note:} and {@code
 * probe:} lines.
 */
public final class AccessAssertions {
  private final World world;
  private final VaultContext vault;
  private final KvctlContext kvctl;

  public AccessAssertions(World world, VaultContext vault, KvctlContext kvctl) {
    this.world = world;
    this.vault = vault;
    this.kvctl = kvctl;
  }

  @Then("kvctl's verdict for {string} is {string}")
  public void verdict(String object, String verdict) {
    String row = section(object).get(0);
    assertThat(row.substring(object.length()).trim()).startsWith(verdict + " ");
  }

  @Then("the probe read the latest version of secret {string} and {agreement} with the verdict")
  public void probeRead(String secret, boolean agrees) {
    List<String> versions = vault.versions(secret);
    assertThat(detail("secret/" + secret, "probe"))
        .isEqualTo(
            "read: read version " + versions.get(versions.size() - 1) + agreementText(agrees));
  }

  @Then("the probe was refused {string} with HTTP 403 and {agreement} with the verdict")
  public void probeRefused(String object, boolean agrees) {
    assertThat(detail(object, "probe"))
        .startsWith("denied: ")
        .contains(object)
        .contains("[HTTP 403]")
        .endsWith(agreementText(agrees));
  }

  @Then(
      "kvctl's fix for {string} is az keyvault set-policy giving service principal {string} secret"
          + " permissions {permissions}")
  public void setPolicyFix(String object, String sp, List<String> permissions) {
    KvctlContext.VaultLocation where = kvctl.vaultLocation.orElseThrow();
    String expected =
        "az keyvault set-policy --name "
            + LocalVaultFixture.VAULT
            + " --resource-group "
            + where.resourceGroup()
            + " --subscription "
            + where.subscription()
            + " --object-id "
            + world.vault().servicePrincipal(sp).objectId()
            + " --secret-permissions "
            + String.join(" ", permissions);
    assertThat(detail(object, "fix")).isEqualTo(expected);
  }

  @Then("kvctl's output shows no secret value and no client secret")
  public void noSecrets() {
    String all = kvctl.result().both();
    vault.secretValues.values().forEach(v -> assertThat(all).doesNotContain(v));
    assertThat(vault.clientSecretsUsed).isNotEmpty();
    vault.clientSecretsUsed.forEach(s -> assertThat(all).doesNotContain(s));
  }

  private static String agreementText(boolean agrees) {
    return agrees ? " (agrees)" : " (DISAGREES with the verdict)";
  }

  /** The text after {@code " label:"} in the object's section (exactly one such line). */
  private String detail(String object, String label) {
    List<String> lines =
        section(object).stream()
            .skip(1)
            .map(String::trim)
            .filter(l -> l.startsWith(label + ":"))
            .map(l -> l.substring(label.length() + 1).trim())
            .toList();
    assertThat(lines).as(label + " lines of " + object + " in:\n" + out()).hasSize(1);
    return lines.get(0);
  }

  /** The object's row and the indented lines below it. */
  private List<String> section(String object) {
    List<String> section = new ArrayList<>();
    for (String line : out().lines().toList()) {
      if (section.isEmpty()) {
        if (line.startsWith(object + " ")) {
          section.add(line);
        }
      } else if (line.startsWith("  ")) {
        section.add(line);
      } else {
        break;
      }
    }
    assertThat(section).as("row of " + object + " in:\n" + out()).isNotEmpty();
    return section;
  }

  private String out() {
    return kvctl.result().out();
  }
}
