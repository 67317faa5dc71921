package io.kvflex.kvctl.vaultcmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.CliContext;
import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VaultServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesTheDemoSeedAndWritesWhatClientsNeed() throws Exception {
    CapturedStreams streams = new CapturedStreams();
    CliContext ctx =
        new CliContext(streams.in(), streams.out(), streams.err(), Map.of(), dir, false);
    List<String> seen = new ArrayList<>();
    VaultServeCommand serve =
        new VaultServeCommand(
            ctx,
            vault -> {
              seen.add(vault.vaultNames().toString());
              seen.add(String.valueOf(Files.exists(dir.resolve("env.json"))));
            });

    int exit =
        new CommandLine(serve).execute("--env-out", "env.json", "--hosts-out", "hosts", "--quiet");

    assertThat(exit).isZero();
    assertThat(seen).containsExactly("[demo-vault]", "true");
    String ready = streams.outText();
    assertThat(ready)
        .startsWith("localvault is serving (Ctrl-C to stop)\n")
        .containsPattern("vault +demo-vault  https://demo-vault\\.vault\\.localvault\\.test:\\d+/")
        .contains("tenant       72f988bf-86f1-41af-91ab-2d7cd0110001")
        .contains("cloud env    " + dir.resolve("env.json"))
        .contains("try: KVFLEX_HOSTS_FILE=" + dir.resolve("hosts") + " ./kvctl fetch");
    assertThat(Files.readString(dir.resolve("hosts")))
        .contains("127.0.0.1 demo-vault.vault.localvault.test");
    assertThat(Files.readString(dir.resolve("env.json")))
        .contains("\"keyVaultDNSSuffix\"")
        .contains("BEGIN CERTIFICATE");
    assertThat(streams.errText()).isEmpty();
  }

  @Test
  void aBadSeedFileExits3WithItsPosition() throws Exception {
    Files.writeString(dir.resolve("seed.yaml"), "vaults:\n  - name: [not, a, name]\n");

    KvctlRunner.Result r = new KvctlRunner().in(dir).run("vault", "serve", "--seed", "seed.yaml");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("kvctl vault serve: ").contains("seed.yaml");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void vaultWithoutSubcommandIsAUsageError() {
    KvctlRunner.Result r = new KvctlRunner().in(dir).run("vault");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing subcommand: try 'kvctl vault serve --help'");
  }
}
