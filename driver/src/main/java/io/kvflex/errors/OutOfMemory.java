package io.kvflex.errors;

/**
 * The driver ran out of memory: not a defect, but more (or larger) objects in one volume than the
 * driver's bounded memory holds (each answer is at most 256 KiB, and every object of a volume is
 * held until all are written). The limit is the JVM's heap (the in-process driver, or the node
 * agent when its heap really runs out) or the node agent's budget for vault answers, which refuses
 * an answer before the heap would run out. One wording for the engine, the vault adapter and the
 * driver's edge, so both ways in give the same message but for the limit they name.
 */
public final class OutOfMemory {
  private OutOfMemory() {}

  /**
   * The failure to report when the Java heap ran out.
   *
   * @param doing what was under way, e.g. {@code fetch secret/db (latest)} or {@code mount}
   */
  public static KvflexException during(String doing) {
    long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return during(doing, "its Java heap is limited to " + heapMiB + " MiB", "");
  }

  /**
   * The failure to report when a memory budget refused more.
   *
   * @param doing what was under way, as for {@link #during(String)}
   * @param limit the parenthesis naming the limit, e.g. {@code the node agent's memory for vault
   *     answers is limited to 40 MiB, KVFLEX_AGENT_MEMORY}
   * @param raise how to raise the limit, appended to the fix (starts with {@code ", or "}), or
   *     empty
   */
  public static KvflexException during(String doing, String limit, String raise) {
    return new UserInputException(
        "the driver ran out of memory ("
            + limit
            + ") during "
            + doing
            + "; fix: list fewer objects per volume (split them over several volumes)"
            + raise
            + "; each volume's objects are held in memory until all are written");
  }
}
