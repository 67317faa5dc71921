package io.kvflex.errors;

/**
 * The JVM ran out of heap: not a defect, but more (or larger) objects in one volume than the
 * driver's bounded heap holds (each answer is at most 256 KiB, and every object of a volume is held
 * until all are written). One wording for the engine and the driver's edge.
 */
public final class OutOfMemory {
  private OutOfMemory() {}

  /**
   * The failure to report.
   *
   * @param doing what was under way, e.g. {@code fetch secret/db (latest)} or {@code mount}
   */
  public static KvflexException during(String doing) {
    long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return new UserInputException(
        "the driver ran out of memory (its Java heap is limited to "
            + heapMiB
            + " MiB) during "
            + doing
            + "; fix: list fewer objects per volume (split them over several volumes); each"
            + " volume's objects are held in memory until all are written");
  }
}
