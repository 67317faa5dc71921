package io.kvflex.flexvolume.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test {@link EventLog} that keeps every event with its fields, redacted as the file log would
 * write them, for assertions on names and fields.
 */
public final class EventRecorder implements EventLog {
  /** One recorded event. */
  public record Event(Level level, String name, Map<String, String> fields) {
    public String field(String key) {
      return fields.get(key);
    }

    /** The event as one line (what a grep of the driver log would see). */
    public String line() {
      StringBuilder b = new StringBuilder(level + " " + name);
      fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      return b.toString();
    }
  }

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Redactor redactor = new Redactor();

  @Override
  public void log(Level level, String event, Object... fields) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      map.put(String.valueOf(fields[i]), redactor.redact(String.valueOf(fields[i + 1])));
    }
    events.add(new Event(level, event, map));
  }

  @Override
  public Redactor redactor() {
    return redactor;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<Event> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }

  /** Every event as one line. */
  public String text() {
    StringBuilder b = new StringBuilder();
    events.forEach(e -> b.append(e.line()).append('\n'));
    return b.toString();
  }
}
