package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone entry point: options, ready line, files, request log without values. */
class MainTest {

  @Test
  void startsFromASeedWritesFilesAndLogsWithoutValues(@TempDir Path dir) throws Exception {
    // This JVM resolves the vault/login names through the hosts file the shared vault writes
    // (surefire argLine). Run first in a fresh clone, this test would look them up before that
    // file exists (UnknownHostException, and a negatively cached name): make sure it is written.
    TestVaults.shared();
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(seed, TestVaults.seedText());
    CapturedStreams streams = new CapturedStreams();
    LocalVault[] started = new LocalVault[1];
    int code =
        Main.start(
            new String[] {
              "--seed",
              seed.toString(),
              "--env-out",
              dir.resolve("env.json").toString(),
              "--hosts-out=" + dir.resolve("hosts")
            },
            streams.out(),
            streams.err(),
            started);
    assertThat(code).isZero();
    try (LocalVault lv = started[0]) {
      String ready = streams.outText();
      assertThat(ready.lines())
          .singleElement()
          .asString()
          .startsWith("localvault ready https=" + lv.httpsPort() + " imds=")
          .contains("vaults=kvflex-it,kvflex-other");
      String env = Files.readString(dir.resolve("env.json"));
      assertThat(env)
          .contains("\"keyVaultDNSSuffix\":\"vault.localvault.test:" + lv.httpsPort() + "\"")
          .contains(
              "\"activeDirectoryEndpoint\":\"https://login.localvault.test:"
                  + lv.httpsPort()
                  + "/\"")
          .contains("\"keyVault\":\"https://vault.localvault.test\"")
          .contains("\"imdsEndpoint\":\"http://127.0.0.1:" + lv.imdsPort() + "\"")
          .contains("\"nmiEndpoint\":\"http://127.0.0.1:" + lv.nmiPort() + "\"")
          .contains("-----BEGIN CERTIFICATE-----");
      assertThat(Files.readAllLines(dir.resolve("hosts")))
          .contains("127.0.0.1 login.localvault.test", "127.0.0.1 kvflex-it.vault.localvault.test");

      Raw raw = new Raw(lv);
      String token = raw.token("it-reader", "reader-secret-value");
      assertThat(raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", token).body())
          .contains("s3cr3t-value");
      String log = streams.errText();
      assertThat(log)
          .contains(
              "GET kvflex-it.vault.localvault.test /secrets/db-password -> 200 op=secrets.get");
      assertThat(log).doesNotContain("s3cr3t-value", "reader-secret-value", token);
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    CapturedStreams streams = new CapturedStreams();
    int code =
        Main.start(
            new String[] {"--https-port", "70000"},
            streams.out(),
            streams.err(),
            new LocalVault[1]);
    assertThat(code).isEqualTo(2);
    assertThat(streams.errText()).contains("--https-port must be a port number");
  }

  @Test
  void badSeedNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path seed = dir.resolve("bad.yaml");
    Files.writeString(seed, "vaults:\n  - name: v\n");
    CapturedStreams streams = new CapturedStreams();
    int code =
        Main.start(
            new String[] {"--seed", seed.toString()},
            streams.out(),
            streams.err(),
            new LocalVault[1]);
    assertThat(code).isEqualTo(3);
    assertThat(streams.errText()).contains(seed + ":2: vaults[0].name");
  }
}
