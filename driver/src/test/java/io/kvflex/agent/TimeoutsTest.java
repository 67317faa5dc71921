package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waits on FIFOs end: a peer that never comes, a peer that never writes. */
class TimeoutsTest {
  @TempDir Path tmp;
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final Timeouts timeouts = new Timeouts(timer);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  Path fifo(String name) throws Exception {
    Path p = tmp.resolve(name);
    Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    return p;
  }

  @Test
  void anOpenWhosePeerNeverComesEndsAsPeerGone() throws Exception {
    Path out = fifo("out");
    assertThatThrownBy(() -> timeouts.open(out, StandardOpenOption.WRITE, Duration.ofMillis(200)))
        .isInstanceOf(Timeouts.PeerGone.class);
    Path in = fifo("in");
    assertThatThrownBy(() -> timeouts.open(in, StandardOpenOption.READ, Duration.ofMillis(200)))
        .isInstanceOf(Timeouts.PeerGone.class);
  }

  @Test
  void anOpenWhosePeerIsThereReturnsAtOnce() throws Exception {
    Path in = fifo("in");
    try (FileChannel peer =
            FileChannel.open(in, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel mine = timeouts.open(in, StandardOpenOption.READ, Duration.ofSeconds(30))) {
      peer.write(ByteBuffer.wrap(new byte[] {'x'}));
      ByteBuffer b = ByteBuffer.allocate(1);
      assertThat(mine.read(b)).isEqualTo(1);
    }
  }

  @Test
  void aReadThatWaitsTooLongIsInterrupted() throws Exception {
    Path in = fifo("in");
    try (FileChannel peer =
            FileChannel.open(in, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel mine = timeouts.open(in, StandardOpenOption.READ, Duration.ofSeconds(30))) {
      assertThatThrownBy(
              () -> {
                try (Timeouts.Armed limit = timeouts.interruptAfter(Duration.ofMillis(200))) {
                  mine.read(ByteBuffer.allocate(1));
                }
              })
          .isInstanceOf(ClosedByInterruptException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
      assertThat(peer.isOpen()).isTrue();
    }
  }
}
