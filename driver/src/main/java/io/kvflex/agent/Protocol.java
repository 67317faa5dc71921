package io.kvflex.agent;

import io.kvflex.agent.FrameReader.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line protocol between the launcher ({@code kv}, POSIX sh) and the agent over a call's two
 * FIFOs. Version {@value #VERSION}; a launcher that finds another version in the ready file runs
 * the call in-process. {@code docs/agent.md} describes every message.
 *
 * <pre>
 * agent → launcher (out)             launcher → agent (in)
 * claimed &lt;pid&gt;                      call 1
 *                                    start &lt;epoch nanoseconds&gt;
 *                                    env &lt;NAME&gt; &lt;length&gt; \n &lt;bytes&gt;   (proxy variables)
 *                                    arg &lt;length&gt; \n &lt;bytes&gt;          (every argument)
 *                                    end
 * op &lt;seq&gt; &lt;verb&gt; &lt;operands&gt;        ok &lt;seq&gt;
 *                                      or fail &lt;seq&gt; &lt;exit&gt; &lt;tool&gt; &lt;length&gt; \n &lt;output&gt;
 * answer &lt;exit code&gt; \n &lt;json&gt;
 * </pre>
 */
final class Protocol {
  static final int VERSION = 1;

  /** Generous for an options JSON with a client certificate; a kubelet call is far smaller. */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  static final int MAX_ARGS = 16;

  private Protocol() {}

  static String claimed(long pid) {
    return "claimed " + pid + "\n";
  }

  static String op(int seq, String verb, List<String> operands) {
    return "op "
        + seq
        + " "
        + verb
        + (operands.isEmpty() ? "" : " " + String.join(" ", operands))
        + "\n";
  }

  static String answer(int exitCode, String json) {
    return "answer " + exitCode + "\n" + json + "\n";
  }

  /** Reads the request the launcher sends after the claim. */
  static CallRequest readRequest(FrameReader in) throws IOException {
    expect(in.line(), "call " + VERSION);
    String start = in.line();
    if (!start.matches("start [0-9]{1,19}")) {
      throw new ProtocolException("expected 'start <epoch nanoseconds>'");
    }
    long nanos = Long.parseLong(start.substring(6));
    Instant started = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    List<String> argv = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      String line = in.line();
      if (line.equals("end")) {
        return new CallRequest(argv, env, started);
      }
      String[] f = line.split(" ", -1);
      if (f.length == 2 && f[0].equals("arg") && argv.size() < MAX_ARGS) {
        int length = length(f[1], total);
        total += length;
        argv.add(new String(in.block(length), StandardCharsets.UTF_8));
      } else if (f.length == 3
          && f[0].equals("env")
          && CallRequest.PROXY_VARIABLES.contains(f[1])) {
        int length = length(f[2], total);
        total += length;
        env.put(f[1], new String(in.block(length), StandardCharsets.UTF_8));
      } else {
        throw new ProtocolException("unexpected request line");
      }
    }
  }

  /** The launcher's reply to operation {@code seq}. */
  static OpResult readReply(FrameReader in, int seq) throws IOException {
    String line = in.line();
    if (line.equals("ok " + seq)) {
      return OpResult.OK;
    }
    String[] f = line.split(" ", -1);
    if (f.length == 5 && f[0].equals("fail") && f[1].equals(String.valueOf(seq))) {
      int exit = parseInt(f[2]);
      String output = new String(in.block(length(f[4], 0)), StandardCharsets.UTF_8);
      return new OpResult(exit, f[3], output);
    }
    throw new ProtocolException("expected the reply to operation " + seq);
  }

  /** What the launcher reported for one operation; exit 0 is success. */
  record OpResult(int exitCode, String tool, String output) {
    static final OpResult OK = new OpResult(0, "", "");

    boolean ok() {
      return exitCode == 0;
    }
  }

  private static int length(String text, int soFar) throws ProtocolException {
    int n = parseInt(text);
    if (n < 0 || (long) soFar + n > MAX_REQUEST_BYTES) {
      throw new ProtocolException("a request larger than " + MAX_REQUEST_BYTES + " bytes");
    }
    return n;
  }

  private static int parseInt(String text) throws ProtocolException {
    if (!text.matches("-?[0-9]{1,9}")) {
      throw new ProtocolException("expected a number");
    }
    return Integer.parseInt(text);
  }

  private static void expect(String line, String expected) throws ProtocolException {
    if (!line.equals(expected)) {
      throw new ProtocolException("expected '" + expected + "'");
    }
  }
}
