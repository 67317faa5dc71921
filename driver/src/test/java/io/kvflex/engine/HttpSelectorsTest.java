package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HttpSelectorsTest {

  @Test
  void theSelectorThreadOfALiveClientWithARequestInFlightEnds() throws Exception {
    // Only this test's client: other tests of this JVM may keep clients of their own.
    List<Thread> before = HttpSelectors.selectorThreads();
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HttpClient client = HttpClient.newHttpClient();
      // A request to a server that accepts and never answers: the selector waits in epoll_wait.
      CompletableFuture<HttpResponse<Void>> pending =
          client.sendAsync(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/never"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      List<Thread> ours = new ArrayList<>(HttpSelectors.selectorThreads());
      ours.removeAll(before);
      assertThat(ours).hasSize(1).allMatch(Thread::isAlive);

      assertThat(HttpSelectors.stop(ours, Duration.ofSeconds(30))).isZero();

      assertThat(ours).noneMatch(Thread::isAlive);
      assertThat(HttpSelectors.selectorThreads()).doesNotContainAnyElementsOf(ours);
      assertThat(pending).isNotNull(); // client and request stay reachable throughout
      assertThat(client).isNotNull();
    }
  }
}
