package io.kvflex.mount;

/**
 * What the lifecycle reports as it cleans up and repairs, for the caller's log (this package has no
 * logger of its own). Values are paths and mount-table facts, never file contents.
 */
public interface MountEvents {
  void info(String event, Object... fields);

  void warn(String event, Object... fields);

  /** Reports nothing. */
  MountEvents NONE =
      new MountEvents() {
        @Override
        public void info(String event, Object... fields) {}

        @Override
        public void warn(String event, Object... fields) {}
      };
}
