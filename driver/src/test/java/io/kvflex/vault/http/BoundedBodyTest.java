package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private final HttpThreads threads = new HttpThreads();

  private BoundedBody reader(Duration deadline, int max, Duration idle) {
    return new BoundedBody(Deadline.after(Clock.systemUTC(), deadline), max, idle, threads);
  }

  /** An endless body that counts what was read from it. */
  private static final class Endless extends InputStream {
    final AtomicLong served = new AtomicLong();

    @Override
    public int read() {
      served.incrementAndGet();
      return 'A';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 'A');
      served.addAndGet(len);
      return len;
    }
  }

  @Test
  void readsAWholeBody() throws IOException {
    byte[] body = "{\"value\":\"v\"}".getBytes(StandardCharsets.UTF_8);
    InputStream in = new ByteArrayInputStream(body);
    assertThat(
            reader(Duration.ofSeconds(30), 1024, Duration.ofSeconds(5)).read(in, body.length, in))
        .isEqualTo(body);
  }

  @Test
  void theLimitIsEnforcedWhileReadingNotAfterBuffering() {
    Endless in = new Endless();
    ResponseTooLarge e =
        catchThrowableOfType(
            () -> reader(Duration.ofSeconds(30), 64 * 1024, Duration.ofSeconds(5)).read(in, -1, in),
            ResponseTooLarge.class);
    assertThat(e.getMessage()).isEqualTo("larger than the 64 KiB limit");
    assertThat(in.served.get()).isLessThanOrEqualTo(64 * 1024 + 8192);
  }

  @Test
  void anAnnouncedOversizedBodyIsNotReadAtAll() {
    Endless in = new Endless();
    ResponseTooLarge e =
        catchThrowableOfType(
            () ->
                reader(Duration.ofSeconds(30), 256 * 1024, Duration.ofSeconds(5))
                    .read(in, 50L << 20, in),
            ResponseTooLarge.class);
    assertThat(e.size()).isEqualTo("larger than the 256 KiB limit (50 MiB announced)");
    assertThat(in.served.get()).isZero();
  }

  @Test
  void aBodyShorterThanAnnouncedBrokeOff() {
    InputStream in = new ByteArrayInputStream(new byte[40]);
    BodyFailure e =
        catchThrowableOfType(
            () -> reader(Duration.ofSeconds(30), 1024, Duration.ofSeconds(5)).read(in, 100, in),
            BodyFailure.class);
    assertThat(e.kind()).isEqualTo(BodyFailure.Kind.BROKEN);
    assertThat(e.progress()).isEqualTo("after 40 of 100 bytes");
  }

  @Test
  void aReadThatFailsIsABrokenBody() {
    InputStream in =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Connection reset");
          }
        };
    BodyFailure e =
        catchThrowableOfType(
            () -> reader(Duration.ofSeconds(30), 1024, Duration.ofSeconds(5)).read(in, 10, in),
            BodyFailure.class);
    assertThat(e.kind()).isEqualTo(BodyFailure.Kind.BROKEN);
    assertThat(e.getCause()).hasMessage("Connection reset");
  }

  /** A peer that sends {@code first}, then nothing, until the reader closes the stream. */
  private static final class Silent extends InputStream {
    private final java.util.concurrent.CountDownLatch closed =
        new java.util.concurrent.CountDownLatch(1);
    private final byte[] first;
    private int at;

    Silent(String first) {
      this.first = first.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (at < first.length) {
        int n = Math.min(len, first.length - at);
        System.arraycopy(first, at, b, off, n);
        at += n;
        return n;
      }
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("closed");
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  void aSilentBodyIsClosedAtTheIdleLimitOrTheDeadlineWhicheverComesFirst() {
    Silent stalls = new Silent("{\"va");
    BodyFailure stalled =
        catchThrowableOfType(
            () ->
                reader(Duration.ofSeconds(60), 1024, Duration.ofMillis(200))
                    .read(stalls, 100, stalls),
            BodyFailure.class);
    assertThat(stalled.kind()).isEqualTo(BodyFailure.Kind.STALLED);
    assertThat(stalled.received()).isEqualTo(4);
    Silent late = new Silent("");
    BodyFailure deadline =
        catchThrowableOfType(
            () ->
                reader(Duration.ofMillis(200), 1024, Duration.ofSeconds(60)).read(late, 100, late),
            BodyFailure.class);
    assertThat(deadline.kind()).isEqualTo(BodyFailure.Kind.DEADLINE);
  }

  @Test
  void onlyOneWellFormedJsonValueIsJson() {
    assertThat(BoundedBody.isJson("{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(BoundedBody.isJson("[]".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(BoundedBody.isJson("{\"a\":[1,2,{\"b\":".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(BoundedBody.isJson("{\"a\":1}{".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(BoundedBody.isJson("<html>captive portal</html>".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(BoundedBody.isJson(new byte[0])).isFalse();
    BodyFailure e =
        catchThrowableOfType(
            () -> BoundedBody.requireJson("{\"x\"".getBytes(StandardCharsets.UTF_8)),
            BodyFailure.class);
    assertThat(e.kind()).isEqualTo(BodyFailure.Kind.MALFORMED);
    assertThat(e.getMessage()).doesNotContain("x");
  }

  @Test
  void sizesReadLikePeopleWriteThem() {
    assertThat(BoundedBody.describeBytes(900)).isEqualTo("900 bytes");
    assertThat(BoundedBody.describeBytes(256 * 1024)).isEqualTo("256 KiB");
    assertThat(BoundedBody.describeBytes(3 * 1024 * 1024 + 200 * 1024)).isEqualTo("3.2 MiB");
  }
}
