package io.kvflex.flexvolume;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import io.kvflex.errors.ErrorKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The one JSON object the driver prints for the kubelet, and the matching exit code (0 for Success
 * and Not supported, 1 for Failure). Failure messages are made single-line and bounded here.
 */
sealed interface DriverStatus {
  int MAX_MESSAGE = 2000;

  /** Compact JSON, no trailing newline. */
  String toJson();

  int exitCode();

  static DriverStatus success() {
    return new Success();
  }

  static DriverStatus failure(String message) {
    return new Failure(message);
  }

  /** Success with a note for a person (the installer's log), never for the kubelet's verbs. */
  static DriverStatus success(String message) {
    return new Reported(message);
  }

  static DriverStatus notSupported() {
    return new NotSupported();
  }

  static DriverStatus initialized() {
    return new Initialized();
  }

  /** {@code {"status":"Success"}} */
  record Success() implements DriverStatus {
    @Override
    public String toJson() {
      return Json.write("Success", null, false);
    }

    @Override
    public int exitCode() {
      return 0;
    }
  }

  /**
   * {@code {"status":"Success","message":"..."}}: a verb the installer runs reports what it did.
   */
  record Reported(String message) implements DriverStatus {
    public Reported {
      message = Failure.singleLine(Objects.requireNonNull(message));
    }

    @Override
    public String toJson() {
      return Json.write("Success", message, false);
    }

    @Override
    public int exitCode() {
      return 0;
    }
  }

  /** {@code {"status":"Success","capabilities":{"attach":false}}}: the answer to {@code init}. */
  record Initialized() implements DriverStatus {
    @Override
    public String toJson() {
      return Json.write("Success", null, true);
    }

    @Override
    public int exitCode() {
      return 0;
    }
  }

  /**
   * A document for an operator ({@code kv status}): one JSON object of its own that starts with
   * {@code "status":"Success"}, exit 0.
   */
  static DriverStatus document(String json) {
    return new Document(json);
  }

  /** {@link #document}. */
  record Document(String json) implements DriverStatus {
    public Document {
      Objects.requireNonNull(json);
    }

    @Override
    public String toJson() {
      return json;
    }

    @Override
    public int exitCode() {
      return 0;
    }
  }

  /** {@code {"status":"Not supported"}}: the kubelet then uses its default for the verb. */
  record NotSupported() implements DriverStatus {
    @Override
    public String toJson() {
      return Json.write("Not supported", null, false);
    }

    @Override
    public int exitCode() {
      return 0;
    }
  }

  /** {@code {"status":"Failure","message":"..."}}, exit 1. */
  record Failure(String message) implements DriverStatus {
    public Failure {
      message = singleLine(Objects.requireNonNull(message));
    }

    @Override
    public String toJson() {
      return Json.write("Failure", message, false);
    }

    @Override
    public int exitCode() {
      return ErrorKind.DRIVER_FAILURE_EXIT;
    }

    static String singleLine(String message) {
      String flat =
          message.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").replaceAll(" {2,}", " ").strip();
      if (flat.isEmpty()) {
        flat = "unknown failure; see /var/log/kv-driver.log on the node";
      }
      return flat.length() > MAX_MESSAGE ? flat.substring(0, MAX_MESSAGE - 3) + "..." : flat;
    }
  }

  /** JSON writing through azure-json (already on the classpath; no extra library). */
  final class Json {
    private Json() {}

    static String write(String status, String message, boolean capabilities) {
      StringWriter out = new StringWriter();
      try (JsonWriter w = JsonProviders.createWriter(out)) {
        w.writeStartObject().writeStringField("status", status);
        if (message != null) {
          w.writeStringField("message", message);
        }
        if (capabilities) {
          w.writeStartObject("capabilities").writeBooleanField("attach", false).writeEndObject();
        }
        w.writeEndObject().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    }
  }
}
