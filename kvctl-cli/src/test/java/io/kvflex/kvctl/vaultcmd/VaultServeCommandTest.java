package io.kvflex.kvctl.vaultcmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.kvctl.cli.CliContext;
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

  /** A context in the test directory on {@code streams}. */
  private CliContext context(CapturedStreams streams) {
    return new CliContext(streams.in(), streams.out(), streams.err(), Map.of(), dir, false);
  }

  @Test
  void servesTheDemoSeedAndWritesWhatClientsNeed() throws Exception {
    CapturedStreams streams = new CapturedStreams();
    CliContext ctx = context(streams);
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
        .contains("arm / graph  https://management.localvault.test:")
        .containsPattern("kvctl check-access -f \\S+ -f \\S+")
        .contains(dir.resolve("env.json") + "   cloud environment (--cloud-env")
        .contains("export KVFLEX_HOSTS_FILE=" + dir.resolve("hosts"))
        .doesNotContain("<")
        .doesNotContain("contoso");
    assertThat(Files.readString(dir.resolve("hosts")))
        .contains("127.0.0.1 demo-vault.vault.localvault.test");
    assertThat(Files.readString(dir.resolve("env.json")))
        .contains("\"keyVaultDNSSuffix\"")
        .contains("BEGIN CERTIFICATE");
    assertThat(streams.errText()).isEmpty();
  }

  /**
   * The printed commands run as printed: lint of the sample files is clean at error level and the
   * fetch gets every object, against the served vault, with nothing edited by hand.
   */
  @Test
  void theSampleFilesAndPrintedCommandsWorkAsTheyAre() throws Exception {
    CapturedStreams streams = new CapturedStreams();
    CliContext ctx = context(streams);
    List<KvctlRunner.Result> runs = new ArrayList<>();
    VaultServeCommand serve =
        new VaultServeCommand(
            ctx,
            vault -> {
              // The suite's JVM resolves names through its own hosts file (KVFLEX_HOSTS_FILE's
              // mechanism); the served one lists the same names.
              vault.writeHostsFile(
                  Path.of(System.getProperty("kvctl.testHosts", "target/test-hosts")));
              for (String line : streams.outText().lines().toList()) {
                if (line.startsWith("  kvctl ")) {
                  String[] argv = line.strip().substring("kvctl ".length()).split(" ");
                  runs.add(new KvctlRunner().in(dir).run(argv));
                }
              }
            });

    int exit = new CommandLine(serve).execute("--dir", "kv", "--quiet");

    assertThat(exit).isZero();
    Path kv = dir.resolve("kv");
    assertThat(streams.outText())
        .contains("Files (kept when it stops):")
        .containsPattern(
            java.util.regex.Pattern.quote(kv.resolve("pod.yaml") + "   a pod reading ")
                + "[1-9]\\d* object\\(s\\) of demo-vault as demo-app")
        .contains(kv.resolve("secret.yaml") + "   Secret kvcreds (type azure/kv)")
        .contains(
            "  kvctl fetch -f " + kv.resolve("pod.yaml") + " -f " + kv.resolve("secret.yaml"));
    assertThat(runs).hasSize(4);
    assertThat(runs.get(0).exit()).as(runs.get(0).out()).isZero();
    // check-access reads the served vault's own ARM and Graph (the caller: its IMDS identity).
    assertThat(runs.get(1).exit()).as(runs.get(1).err()).isZero();
    assertThat(runs.get(1).out()).contains("demo-vault (access policies)").contains("0 denied");
    assertThat(runs.get(2).exit()).as(runs.get(2).err()).isZero();
    assertThat(runs.get(2).out()).doesNotContain("FAILED").contains("(dry run, nothing written)");
    assertThat(Files.getPosixFilePermissions(kv.resolve("secret.yaml")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.exists(kv.resolve("cloud-env.json"))).isTrue();
  }

  @Test
  void withoutDirTheFilesAreRemovedWhenItStops() throws Exception {
    List<Path> files = new ArrayList<>();
    CapturedStreams streams = new CapturedStreams();
    CliContext ctx = context(streams);
    VaultServeCommand serve =
        new VaultServeCommand(
            ctx,
            vault ->
                streams
                    .outText()
                    .lines()
                    .filter(l -> l.contains("pod.yaml   a pod"))
                    .forEach(l -> files.add(Path.of(l.strip().split(" ")[0]))));

    assertThat(new CommandLine(serve).execute("--quiet")).isZero();
    assertThat(files).singleElement().satisfies(f -> assertThat(f.getParent()).doesNotExist());
    assertThat(streams.outText()).contains("Files (removed when it stops; --dir DIR keeps them):");
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
  void aDirThatCannotBeWrittenIsALocalWriteFailure() throws Exception {
    Files.writeString(dir.resolve("a-file"), "not a directory");

    KvctlRunner.Result r =
        new KvctlRunner().in(dir).run("vault", "serve", "--quiet", "--dir", "a-file/kv");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).startsWith("kvctl: cannot create --dir a-file/kv: ").hasLineCount(1);
  }

  @Test
  void vaultWithoutSubcommandIsAUsageError() {
    KvctlRunner.Result r = new KvctlRunner().in(dir).run("vault");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "kvctl vault: missing command: serve ('kvctl vault serve --help')\n"
                + "See 'kvctl vault --help' for usage.\n");
  }
}
