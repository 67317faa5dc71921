package io.kvflex.engine;

/** What {@link MountEngine#project} does when an object cannot be fetched or rendered. */
public enum FailurePolicy {
  /**
   * The driver: a volume is complete or absent, so the first failure ends the call (thrown, naming
   * the object) and the objects still in flight are abandoned.
   */
  FIRST_FAILURE,
  /** {@code kvctl fetch}: every object is tried, and each failure is reported in its outcome. */
  EVERY_OBJECT
}
