package io.kvflex.rotation;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import io.kvflex.errors.BugException;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON document {@code kv status} prints ({@code "status":"Success"} first, like every answer
 * of the driver): the agent, totals since it started, and every rotating volume with its last
 * refresh, next refresh and failure counts. Times are ISO-8601 UTC; absent ones are {@code null}.
 * Never a value or a credential.
 */
final class StatusJson {
  private StatusJson() {}

  /**
   * @param agent {@code running}, and the pid and start of the agent when one answers
   * @param dormant rotating volumes that are not polled, with why
   */
  static String render(
      Agent agent,
      RotationTotals totals,
      List<VolumeStatus> volumes,
      List<Discovery.Dormant> dormant) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeStartObject();
      // First, as in every answer of the driver (the launcher passes on only such an object).
      w.writeStringField("status", "Success");
      w.writeStartObject("agent");
      w.writeBooleanField("running", agent.running());
      if (agent.pid().isPresent()) {
        w.writeLongField("pid", agent.pid().get());
      }
      time(w, "started", agent.started());
      w.writeEndObject();
      w.writeStartObject("totals");
      w.writeLongField("volumes", volumes.size());
      w.writeLongField("notPolled", dormant.size());
      w.writeLongField("refreshes", totals.polls());
      w.writeLongField("rotations", totals.rotations());
      w.writeLongField("failures", totals.failures());
      w.writeLongField("throttled", totals.throttled());
      w.writeEndObject();
      w.writeStartArray("volumes");
      for (VolumeStatus v : volumes) {
        volume(w, v);
      }
      for (Discovery.Dormant d : dormant) {
        w.writeStartObject();
        w.writeStringField("dir", d.dir().toString());
        w.writeStringField("identity", d.record().identity());
        w.writeLongField("intervalSeconds", d.record().interval().toSeconds());
        w.writeStringField("state", "not polled");
        w.writeStringField("reason", d.reason());
        w.writeEndObject();
      }
      w.writeEndArray();
      w.writeEndObject();
      w.flush();
    } catch (IOException e) {
      throw new BugException("could not write JSON to memory", e);
    }
    return out.toString();
  }

  /** Who answers: the agent (running), or the in-process launcher when none runs. */
  record Agent(boolean running, Optional<Long> pid, Optional<Instant> started) {}

  private static void volume(JsonWriter w, VolumeStatus v) throws IOException {
    w.writeStartObject();
    w.writeStringField("dir", v.dir().toString());
    w.writeStringField("pod", v.pod());
    w.writeStringField("vault", v.vault());
    w.writeStringField("identity", v.identity());
    w.writeLongField("intervalSeconds", v.interval().toSeconds());
    w.writeStringField("origin", v.origin());
    w.writeStringField("state", v.state());
    time(w, "lastRefresh", v.lastRefresh());
    w.writeStringField("lastResult", v.lastResult());
    time(w, "lastRotation", v.lastRotation());
    time(w, "nextRefresh", v.nextRefresh());
    w.writeLongField("refreshes", v.refreshes());
    w.writeLongField("rotations", v.rotations());
    w.writeLongField("failures", v.failures());
    w.writeIntField("consecutiveFailures", v.consecutiveFailures());
    if (v.lastError().isPresent()) {
      w.writeStringField("lastError", v.lastError().get());
    }
    w.writeStartArray("objects");
    for (VolumeStatus.ObjectStatus o : v.objects()) {
      w.writeStartObject();
      w.writeStringField("object", o.object());
      if (o.version().isPresent()) {
        w.writeStringField("version", o.version().get());
      } else {
        w.writeNullField("version");
      }
      w.writeBooleanField("pinned", o.pinned());
      w.writeEndObject();
    }
    w.writeEndArray();
    w.writeEndObject();
  }

  private static void time(JsonWriter w, String name, Optional<Instant> at) throws IOException {
    if (at.isPresent()) {
      w.writeStringField(name, at.get().toString());
    } else {
      w.writeNullField(name);
    }
  }
}
