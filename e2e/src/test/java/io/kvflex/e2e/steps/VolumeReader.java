package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.Backend;
import io.kvflex.e2e.framework.Mount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pod that keeps reading its volume while it rotates: every file by its path in the volume (none
 * may ever be missing), and the whole set of one {@code ..data} generation (all of it one version:
 * a swap exchanges every file at once). Reads as fast as it can on its own thread until stopped.
 */
final class VolumeReader implements Runnable {
  private final Backend backend;
  private final Mount mount;
  private final List<String> files;
  private final Thread thread;
  private final Set<String> seen = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean running = true;
  private long generations;

  private VolumeReader(Backend backend, Mount mount, List<String> files) {
    this.backend = backend;
    this.mount = mount;
    this.files = List.copyOf(files);
    this.thread = new Thread(this, "e2e-volume-reader");
    this.thread.setDaemon(true);
  }

  static VolumeReader start(Backend backend, Mount mount, List<String> files) {
    VolumeReader r = new VolumeReader(backend, mount, files);
    r.thread.start();
    return r;
  }

  @Override
  public void run() {
    while (running) {
      for (String f : files) {
        if (backend.read(mount, f).isEmpty()) {
          problem("file " + f + " was missing");
        }
      }
      Optional<Map<String, byte[]>> generation = backend.readGeneration(mount);
      if (generation.isEmpty()) {
        continue; // a swap happened while reading it: the next read sees the new one whole
      }
      Set<String> values = new LinkedHashSet<>();
      for (String f : files) {
        byte[] b = generation.get().get(f);
        if (b == null) {
          problem("the ..data generation lacked " + f);
        } else {
          values.add(new String(b, StandardCharsets.UTF_8));
        }
      }
      synchronized (this) {
        generations++;
        seen.addAll(values);
      }
      if (values.size() > 1) {
        problem("one ..data generation held different versions side by side: " + values.size());
      }
    }
  }

  private synchronized void problem(String p) {
    if (problems.size() < 20) {
      problems.add(p);
    }
  }

  /** The values read in whole generations so far. */
  synchronized Set<String> valuesSoFar() {
    return Set.copyOf(seen);
  }

  /** Stops reading; returns what it saw. */
  Seen stop() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return new Seen(List.copyOf(problems), Set.copyOf(seen), generations);
    }
  }

  /** What the reader saw: problems, the values read, and how many whole generations it read. */
  record Seen(List<String> problems, Set<String> values, long generations) {}
}
