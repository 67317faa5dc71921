package io.kvflex.kvctl.demo;

import io.kvflex.mount.TreeRemover;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The demo's temporary directory and everything to undo (unmount, stop the vault, delete files),
 * run in reverse order exactly once: at the end, on failure, or from a shutdown hook on Ctrl-C.
 * Steps run through {@link #whileOpen}: a Ctrl-C cleanup waits for the running step, and no step
 * starts after it, so nothing (the driver's log, its run directory) is written into the directory
 * after it was removed.
 */
final class Workspace {
  private final Path dir;
  private final Deque<Runnable> cleanups = new ArrayDeque<>();
  private boolean cleaned;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  static Workspace create() {
    try {
      return new Workspace(Files.createTempDirectory("kvflex-demo-"));
    } catch (IOException e) {
      throw new DemoException("cannot create a temporary directory: " + e.getMessage());
    }
  }

  Path dir() {
    return dir;
  }

  /** {@code text} with this directory written as {@code $DEMO}, for readable output. */
  String shorten(Object text) {
    return text.toString().replace(dir.toString(), "$DEMO");
  }

  synchronized void onCleanup(Runnable action) {
    cleanups.push(action);
  }

  /** Forgets the most recent cleanup action (it has been done already). */
  synchronized void dropLastCleanup() {
    cleanups.pollFirst();
  }

  /**
   * Runs one step of the demo, unless the workspace was cleaned up (Ctrl-C); a cleanup started
   * meanwhile waits until the step is done.
   *
   * @throws DemoException when the workspace is already cleaned up
   */
  synchronized <T> T whileOpen(Supplier<T> step) {
    if (cleaned) {
      throw new DemoException("stopped (interrupted); the temporary files are removed");
    }
    return step.get();
  }

  void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void cleanUp() {
    if (cleaned) {
      return;
    }
    cleaned = true;
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        // Keep undoing the rest; the message says what is left behind.
        System.err.println("kvctl demo: cleanup: " + e.getMessage());
      }
    }
    deleteTree(dir);
  }

  void deleteTree(Path root) {
    // Follows links on purpose (as before): a dangling link in the root's place is left alone.
    if (!Files.exists(root)) {
      return;
    }
    try {
      TreeRemover.remove(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
    }
  }
}
