package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** kvctl fetch's use of the engine: every object reported, each failure with its exit code. */
class FetchReportTest {
  private final List<ObjectRef> asked = new CopyOnWriteArrayList<>();

  private MountRequest request(String names, String types, String formats) {
    var result =
        new OptionsParser()
            .parse(
                Map.of(
                    "keyvaultname", "demo-vault",
                    "tenantid", "72f988bf-86f1-41af-91ab-2d7cd0110001",
                    "keyvaultobjectnames", names,
                    "keyvaultobjecttypes", types,
                    "keyvaultobjectformats", formats,
                    "keyvaultobjectaliases", "a;b;c",
                    "kubernetes.io/secret/clientid",
                        "MGQxZjNhNWUtN2I5Yy00ZTJmLThhMWItM2M1ZDdlOWYxYTJi",
                    "kubernetes.io/secret/clientsecret", "c2VjcmV0"),
                Optional.empty());
    assertThat(result.problems()).isEmpty();
    return result.request().orElseThrow(() -> new AssertionError("options rejected"));
  }

  private List<ObjectOutcome> fetch(MountRequest request) {
    MountEngine engine =
        MountEngine.create(
            EngineWorld.offNode(Map.of(), Clock.systemUTC()),
            (req, deadline) ->
                ref -> {
                  asked.add(ref);
                  if (ref.name().equals("missing")) {
                    throw new RemoteException(
                        "secret missing was not found in vault demo-vault (404); check the name");
                  }
                  return new VaultObject.Secret(
                      ref, "v1", Sensitive.ofUtf8("hello"), Optional.of("text/plain"));
                });
    return engine
        .project(request, Instant.now().plus(request.timeout()), FailurePolicy.EVERY_OBJECT)
        .outcomes();
  }

  @Test
  void fetchesEachObjectOnceAndRendersEveryFile() {
    List<ObjectOutcome> files =
        fetch(request("greeting;greeting;greeting", "secret;secret;secret", "raw;raw;raw"));

    assertThat(asked).hasSize(1);
    assertThat(files).allMatch(ObjectOutcome::ok);
    assertThat(files.get(0).file().orElseThrow().bytes()).asString().isEqualTo("hello");
    assertThat(files.get(0).version()).contains("v1");
    assertThat(files.get(2).file().orElseThrow().relativePath()).isEqualTo("c");
    assertThat(FetchReport.exitCode(files)).isZero();
  }

  @Test
  void reportsEveryFailureAndTheWorstExitCode() {
    List<ObjectOutcome> files =
        fetch(request("greeting;missing;greeting", "secret;secret;secret", "raw;raw;pfx"));

    assertThat(files.get(0).ok()).isTrue();
    assertThat(files.get(1).failure().orElseThrow())
        .hasMessage("secret missing was not found in vault demo-vault (404); check the name");
    // "hello" is not a base64 PKCS#12: a content/format finding (1), not a vault failure (3).
    assertThat(files.get(2).ok()).isFalse();
    assertThat(files.get(2).failure().orElseThrow()).hasMessageNotContaining("hello");
    assertThat(FetchReport.exitCode(files.subList(2, 3))).isEqualTo(1);
    assertThat(FetchReport.exitCode(files)).isEqualTo(3);
  }
}
