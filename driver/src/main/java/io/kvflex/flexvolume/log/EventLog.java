package io.kvflex.flexvolume.log;

/**
 * Where the driver records what it did: one structured line per event. Callers pass explicit
 * key/value pairs, never free text built from options, so what can reach the log is visible at
 * every call site; a {@link Redactor} masks registered secret values as a second line of defence.
 */
public interface EventLog {

  enum Level {
    INFO,
    WARN,
    ERROR
  }

  /**
   * Records one event.
   *
   * @param fields alternating keys and values; values are rendered with {@code String.valueOf}
   */
  void log(Level level, String event, Object... fields);

  /** Values registered here are masked in every later line (and in the driver's messages). */
  Redactor redactor();

  default void info(String event, Object... fields) {
    log(Level.INFO, event, fields);
  }

  default void warn(String event, Object... fields) {
    log(Level.WARN, event, fields);
  }

  default void error(String event, Object... fields) {
    log(Level.ERROR, event, fields);
  }

  /** A log that drops everything (tests that do not look at the log). */
  static EventLog discarding() {
    Redactor redactor = new Redactor();
    return new EventLog() {
      @Override
      public void log(Level level, String event, Object... fields) {}

      @Override
      public Redactor redactor() {
        return redactor;
      }
    };
  }
}
