package io.kvflex.e2e.framework;

import io.kvflex.testsupport.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the kubelet got back from one driver call: the exit code, the COMBINED stdout+stderr, and
 * that output parsed as exactly one JSON object (the kubelet's rule; anything else — a log line, a
 * JVM warning, a second object — is a protocol violation recorded in {@link #protocolError()}).
 *
 * @param exitCode the process exit code
 * @param output stdout and stderr as the kubelet reads them, together
 * @param json the one JSON object, when the output is exactly that
 * @param protocolError why the output is not exactly one JSON object
 * @param took wall time of the call
 */
public record DriverReply(
    int exitCode,
    String output,
    Optional<Map<String, Object>> json,
    Optional<String> protocolError,
    Duration took) {

  /** Parses {@code output} the kubelet's way. */
  public static DriverReply of(int exitCode, String output, Duration took) {
    try {
      return new DriverReply(
          exitCode, output, Optional.of(parseOneObject(output)), Optional.empty(), took);
    } catch (IllegalArgumentException e) {
      return new DriverReply(exitCode, output, Optional.empty(), Optional.of(e.getMessage()), took);
    }
  }

  static Map<String, Object> parseOneObject(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      throw new IllegalArgumentException("the output is not one JSON object: " + text);
    }
    return Json.object(trimmed);
  }

  /** {@code status} of the reply, or {@code <no JSON>}. */
  public String status() {
    return json.map(j -> String.valueOf(j.get("status"))).orElse("<no JSON>");
  }

  /** {@code message} of the reply, or empty text. */
  public String message() {
    return json.map(j -> j.get("message")).map(String::valueOf).orElse("");
  }

  public boolean succeeded() {
    return exitCode == 0 && "Success".equals(status());
  }

  /** One line for reports and assertion messages. */
  public String describe() {
    return "exit " + exitCode + ", output: " + output.strip();
  }
}
