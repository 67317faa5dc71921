package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rotating volume mounted in-process through the BUILT {@code kv}: its marker keeps what a node
 * agent needs to find it again, never a secret, and {@code kv status} without an agent lists it as
 * not polled.
 */
class RotationStatusIT extends LocalVaultMountTest {

  @Test
  void theMarkerKeepsTheRotationRecordWithoutASecretAndStatusListsTheVolume() throws Exception {
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames", "db-password",
                "keyvaultobjecttypes", "secret",
                "rotationpollinterval", "30s"));
    assertThat(run.json).as(run.output).containsEntry("status", "Success");

    List<String> marker =
        Files.readAllLines(dir.resolve("..kvflex.volume"), StandardCharsets.US_ASCII);
    assertThat(marker).contains("rotation 30", "identity service-principal");
    String options =
        new String(
            Base64.getUrlDecoder()
                .decode(
                    marker.stream()
                        .filter(l -> l.startsWith("options "))
                        .findFirst()
                        .orElseThrow()
                        .substring("options ".length())),
            StandardCharsets.UTF_8);
    assertThat(options)
        .contains("\"rotationpollinterval\":\"30s\"")
        .doesNotContain("kubernetes.io/secret/")
        .doesNotContain(LocalVaultFixture.CLIENT_SECRET)
        .doesNotContain(LocalVaultFixture.b64(LocalVaultFixture.CLIENT_SECRET));

    String real = dir.toRealPath().toString();
    KvRun status = KvRun.run(KvRun.kv(), lv.env(), "status");
    outputs.add(status.output);
    assertThat(status.exitCode).as(status.output + KvRun.read(lv.log)).isZero();
    assertThat(status.output).startsWith("{\"status\":\"Success\",").endsWith("}\n");
    assertThat(status.json).containsKey("agent").containsKey("volumes");
    assertThat(status.output)
        .contains("\"running\":false")
        .contains("\"dir\":\"" + real + "\"")
        .contains("no node agent answered");

    assertThat(unmount().status()).isEqualTo("Success");
    KvRun after = KvRun.run(KvRun.kv(), lv.env(), "status");
    assertThat(after.output).startsWith("{\"status\":\"Success\",").doesNotContain(real);
  }
}
