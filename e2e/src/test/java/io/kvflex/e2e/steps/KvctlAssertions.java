package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.Kvctl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What kvctl printed and returned. */
public final class KvctlAssertions {
  private final World world;
  private final VaultContext vault;
  private final KvctlContext kvctl;

  public KvctlAssertions(World world, VaultContext vault, KvctlContext kvctl) {
    this.world = world;
    this.vault = vault;
    this.kvctl = kvctl;
  }

  @Then("kvctl exits with code {int}")
  public void exitsWith(int code) {
    Kvctl.Result r = kvctl.result();
    assertThat(r.exitCode()).as("kvctl exit code; output:\n" + r.both()).isEqualTo(code);
  }

  @Then("kvctl reports the tenant id problem at the line of {string} in {string}")
  public void reportsAtLine(String option, String file) throws IOException {
    List<String> lines =
        Files.readAllLines(world.scenarioDir().resolve(file), StandardCharsets.UTF_8);
    int line = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"" + option + "\":")) {
        line = i + 1;
      }
    }
    assertThat(line).as(option + " in " + file).isPositive();
    assertThat(kvctl.result().out())
        .contains(file + ":" + line + ":")
        .contains("tenantid")
        .contains("[invalid-tenant-id]");
  }

  @Then("kvctl lists file {string} with its size and SHA-256 prefix")
  public void listsFile(String file) throws NoSuchAlgorithmException {
    byte[] value = vault.secretValues.get(file).getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    String row =
        kvctl
            .result()
            .out()
            .lines()
            .filter(l -> l.startsWith(file + " "))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no row for " + file + " in:\n" + kvctl.result().out()));
    assertThat(row.split("\\s+")).contains(Integer.toString(value.length));
    assertThat(row).contains(sha.substring(0, 12));
  }

  @Then("kvctl's output does not contain {string}")
  public void outputLacks(String text) {
    assertThat(kvctl.result().both()).doesNotContain(text);
  }
}
