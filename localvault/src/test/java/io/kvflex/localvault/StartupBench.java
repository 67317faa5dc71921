package io.kvflex.localvault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Warm start-up measurement for {@code bench/localvault-startup.sh}: starts and stops localvault
 * with the demo seed N times in one JVM and prints each start-to-ready time in milliseconds.
 */
public final class StartupBench {
  private StartupBench() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (LocalVault lv = LocalVault.start(LocalVaultConfig.demo())) {
        ms.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    System.out.println("in-JVM starts (ms, first is the JVM's first): " + ms);
    List<Long> warm = new ArrayList<>(ms.subList(Math.min(1, ms.size()), ms.size()));
    Collections.sort(warm);
    if (!warm.isEmpty()) {
      System.out.println(
          "warm median_ms="
              + warm.get(warm.size() / 2)
              + " min_ms="
              + warm.get(0)
              + " max_ms="
              + warm.get(warm.size() - 1));
    }
  }
}
