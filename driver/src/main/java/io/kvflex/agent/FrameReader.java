package io.kvflex.agent;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the launcher's messages: text lines, and byte blocks whose length a line announced (so an
 * argument may hold any byte, newlines included). Bounded: a line longer than {@link #MAX_LINE} or
 * a block beyond the caller's limit is a protocol error, never a reason to buffer without end.
 */
final class FrameReader {
  static final int MAX_LINE = 4096;

  private final InputStream in;

  FrameReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next line without its newline; end of stream before a full line is an {@link EOFException}.
   */
  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the launcher closed the channel");
      }
      if (c == '\n') {
        return b.toString(StandardCharsets.UTF_8);
      }
      if (b.size() >= MAX_LINE) {
        throw new ProtocolException("a line longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
  }

  /** Exactly {@code length} bytes followed by a newline. */
  byte[] block(int length) throws IOException {
    byte[] out = in.readNBytes(length);
    if (out.length != length) {
      throw new EOFException("the launcher closed the channel inside a block");
    }
    if (in.read() != '\n') {
      throw new ProtocolException("a block of " + length + " bytes not followed by a newline");
    }
    return out;
  }

  /** A malformed message: the other side speaks another protocol or was interrupted. */
  static final class ProtocolException extends IOException {
    ProtocolException(String message) {
      super(message);
    }
  }
}
