package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.RemoteException;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FetcherTest {
  private final List<ObjectRef> asked = new ArrayList<>();

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

  private Fetcher fetcher() {
    return new Fetcher(
        Clock.systemUTC(),
        req ->
            ref -> {
              asked.add(ref);
              if (ref.name().equals("missing")) {
                throw new RemoteException(
                    "secret missing was not found in vault demo-vault (404); check the name");
              }
              return new VaultObject.Secret(
                  ref, "v1", Sensitive.ofUtf8("hello"), Optional.of("text/plain"));
            });
  }

  @Test
  void fetchesEachObjectOnceAndRendersEveryFile() {
    List<FetchedFile> files =
        fetcher()
            .fetch(request("greeting;greeting;greeting", "secret;secret;secret", "raw;raw;raw"));

    assertThat(asked).hasSize(1);
    assertThat(files).allMatch(FetchedFile::ok);
    assertThat(files.get(0).file().orElseThrow().bytes()).asString().isEqualTo("hello");
    assertThat(files.get(0).version()).contains("v1");
    assertThat(files.get(2).file().orElseThrow().relativePath()).isEqualTo("c");
  }

  @Test
  void reportsEveryFailureWithItsExitCodeAndGoesOn() {
    FetchReportCodes codes = new FetchReportCodes();
    List<FetchedFile> files =
        fetcher()
            .fetch(request("greeting;missing;greeting", "secret;secret;secret", "raw;raw;pfx"));

    assertThat(files.get(0).ok()).isTrue();
    assertThat(files.get(1).failure())
        .contains("secret missing was not found in vault demo-vault (404); check the name");
    assertThat(files.get(1).exitCode()).isEqualTo(3);
    // "hello" is not a base64 PKCS#12: a content/format finding, not a vault failure.
    assertThat(files.get(2).ok()).isFalse();
    assertThat(files.get(2).exitCode()).isEqualTo(1);
    assertThat(files.get(2).failure().orElseThrow()).doesNotContain("hello");
    assertThat(codes.worst(files)).isEqualTo(3);
  }

  /** The exit code rule of a report: the worst file wins. */
  private static final class FetchReportCodes {
    int worst(List<FetchedFile> files) {
      return files.stream().mapToInt(FetchedFile::exitCode).max().orElse(0);
    }
  }
}
