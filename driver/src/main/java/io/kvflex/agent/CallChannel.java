package io.kvflex.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's side of one announced call ({@code $RUN_DIR/agent/calls/<id>/}): the FIFO {@code out}
 * to its launcher, the FIFO {@code in} from it, and the {@code offer} file whose rename decides who
 * runs the call.
 *
 * <p>At most once: the agent first opens {@code out} (its launcher is waiting on the other end),
 * then renames {@code offer} to {@code claimed}. The launcher withdraws a call it gave up waiting
 * for by renaming {@code offer} to {@code withdrawn}. One rename succeeds and the other finds no
 * {@code offer}: whoever wins runs the call, the other never does. Because {@code out} is open
 * before the claim, a launcher that lost the race always reads the agent's answer or, if the agent
 * dies, the end of the stream (never an end of stream before the agent had a chance).
 */
final class CallChannel implements AutoCloseable {
  /** How long a launcher may take to open its end of a FIFO it created itself. */
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(2);

  private final Path dir;
  private final FileChannel out;
  private final Timeouts timeouts;
  private FileChannel in;
  private FrameReader reader;
  private int seq;

  private CallChannel(Path dir, FileChannel out, Timeouts timeouts) {
    this.dir = dir;
    this.out = out;
    this.timeouts = timeouts;
  }

  /** The call's id (its directory name). */
  String id() {
    return dir.getFileName().toString();
  }

  Path dir() {
    return dir;
  }

  /** Claims the call in {@code dir}; empty when its launcher withdrew it or is gone. */
  static Optional<CallChannel> claim(Path dir, Timeouts timeouts, long pid) throws IOException {
    if (!Files.exists(dir.resolve("offer"))) {
      return Optional.empty();
    }
    FileChannel out;
    try {
      out = timeouts.open(dir.resolve("out"), StandardOpenOption.WRITE, OPEN_TIMEOUT);
    } catch (NoSuchFileException | Timeouts.PeerGone e) {
      return Optional.empty();
    }
    CallChannel channel = new CallChannel(dir, out, timeouts);
    try {
      try {
        Files.move(dir.resolve("offer"), dir.resolve("claimed"), StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        channel.close(); // the launcher withdrew first and runs the call itself
        return Optional.empty();
      }
      channel.send(Protocol.claimed(pid));
      return Optional.of(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads the request, waiting at most {@code timeout} for the launcher to send all of it. */
  CallRequest readRequest(Duration timeout) throws IOException {
    in = timeouts.open(dir.resolve("in"), StandardOpenOption.READ, OPEN_TIMEOUT);
    reader = new FrameReader(new BufferedInputStream(Channels.newInputStream(in), 8192));
    try (Timeouts.Armed limit = timeouts.interruptAfter(timeout)) {
      return Protocol.readRequest(reader);
    }
  }

  /** Asks the launcher to run mount operation {@code verb} and waits for its result. */
  Protocol.OpResult op(String verb, List<String> operands, Duration timeout) throws IOException {
    int n = ++seq;
    send(Protocol.op(n, verb, operands));
    try (Timeouts.Armed limit = timeouts.interruptAfter(timeout)) {
      return Protocol.readReply(reader, n);
    }
  }

  /** Sends the call's answer: the exit code and the one JSON the launcher prints. */
  void answer(int exitCode, String json) throws IOException {
    send(Protocol.answer(exitCode, json));
  }

  private void send(String message) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
    closeQuietly(out);
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // the launcher is gone; nothing to tell it
      }
    }
  }
}
