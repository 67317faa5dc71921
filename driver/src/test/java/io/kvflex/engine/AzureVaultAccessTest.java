package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kvflex.errors.UserInputException;
import io.kvflex.flexvolume.Fixtures;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.options.PodEvidence;
import io.kvflex.vault.WarmState;
import io.kvflex.vault.http.ProxyLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine reads the proxy variables from the injected environment and logs routes. */
class AzureVaultAccessTest {
  @TempDir Path tmp;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);

  @Test
  void routesAndProblemsBecomeLogEvents() throws Exception {
    Path file = tmp.resolve("kv-driver.log");
    FileEventLog log = new FileEventLog(file, 1 << 20, 3, clock, 7);
    ProxyLog proxyLog = AzureVaultAccess.proxyLog(log);
    proxyLog.route("https", "kv1.vault.azure.net", 443, "http://proxy.corp:3128 (HTTPS_PROXY)");
    proxyLog.warn("refused");
    log.close();
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "time=2026-11-28T18:00:00Z level=info pid=7 event=http.route scheme=https"
                + " host=kv1.vault.azure.net port=443 via=\"http://proxy.corp:3128 (HTTPS_PROXY)\"",
            "time=2026-11-28T18:00:00Z level=warn pid=7 event=http.proxy problem=refused");
  }

  @Test
  void aBadProxyVariableFailsTheMountNamingItWithoutTheValue() throws Exception {
    FileEventLog log = new FileEventLog(tmp.resolve("kv-driver.log"), 1 << 20, 3, clock, 7);
    EngineWorld world =
        new EngineWorld(
            Map.of("HTTPS_PROXY", "socks5://u:pw-SENTINEL-e1@proxy.corp:1080"),
            Clock.systemUTC(),
            log,
            PodEvidence.NONE);
    Throwable e =
        catchThrowable(
            () ->
                new AzureVaultAccess(
                        world,
                        WarmState.create(world.clock(), ProxyLog.NONE),
                        io.kvflex.vault.http.MemoryBudget.unbounded().open())
                    .open(
                        Fixtures.request(List.of(Fixtures.secret("a")), Duration.ofSeconds(5)),
                        Instant.now().plusSeconds(5)));
    log.close();
    assertThat(e)
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("environment variable HTTPS_PROXY")
        .hasMessageNotContaining("SENTINEL");
  }
}
