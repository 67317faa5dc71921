package io.kvflex.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CauseTrailTest {
  private static final String SENTINEL = "secret-body-SENTINEL-41d2";

  @Test
  void namesEveryClassButQuotesOnlyTheJdksOwnNetworkMessages() throws Exception {
    // A message composed outside the JDK (a library quoting a body) is left out ...
    IOException library = new IOException("unexpected token in {\"value\":\"" + SENTINEL + "\"}");
    CauseTrail trail =
        CauseTrail.of(new IllegalStateException(SENTINEL, new UncheckedIOException(library)));
    assertThat(trail.getMessage())
        .isEqualTo(
            "java.lang.IllegalStateException > java.io.UncheckedIOException > java.io.IOException")
        .doesNotContain(SENTINEL);
    // ... while the JDK's own account of a network failure is kept.
    IOException refused = jdkConnectFailure();
    assertThat(CauseTrail.of(new UncheckedIOException(refused)).getMessage())
        .startsWith("java.io.UncheckedIOException > java.net.ConnectException");
    assertThat(trail.getStackTrace()).isEmpty();
    assertThat(trail.getCause()).isNull();
  }

  /** An exception of ours whose message is a detail (like vault.http.BodyFailure). */
  static final class OurDetail extends IOException {
    OurDetail(String message) {
      super(message);
    }
  }

  /** One of ours whose message is the whole user-facing explanation (like TokenFailure). */
  static final class OurExplanation extends RuntimeException implements Explained {
    OurExplanation(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void keepsKvflexsOwnDetailsNamesExplanationsByClassAndStopsAtAnEarlierTrail() {
    CauseTrail inner = CauseTrail.of(new IllegalArgumentException("whatever"));
    CauseTrail outer =
        CauseTrail.of(
            new RuntimeException(
                new OurExplanation(
                    "cannot fetch secret/x: the whole story; fix: retry",
                    new RemoteException(
                        "user words", new OurDetail("broke off after 3 of 9 bytes")))));
    assertThat(outer.getMessage())
        .isEqualTo(
            "java.lang.RuntimeException > io.kvflex.errors.CauseTrailTest$OurExplanation"
                + " > io.kvflex.errors.RemoteException"
                + " > io.kvflex.errors.CauseTrailTest$OurDetail: broke off after 3 of 9 bytes");
    assertThat(
            CauseTrail.of(new RuntimeException(new RemoteException("wrapped", inner))).getMessage())
        .isEqualTo(
            "java.lang.RuntimeException > io.kvflex.errors.RemoteException"
                + " > java.lang.IllegalArgumentException");
    assertThat(CauseTrail.find(new RemoteException("m", inner))).isEqualTo(inner.getMessage());
    assertThat(CauseTrail.find(new RemoteException("m"))).isEmpty();
  }

  /** A real connection failure, thrown by the JDK HTTP client (nothing listens on port 1). */
  private static IOException jdkConnectFailure() throws InterruptedException {
    try {
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .build()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(),
              HttpResponse.BodyHandlers.discarding());
      throw new AssertionError("port 1 answered");
    } catch (IOException e) {
      return e;
    }
  }
}
