package io.kvflex.mount;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test hook that makes the driver die as a node would kill it ({@code kill -9}) at a named step
 * of a mount or unmount, so black-box tests can prove what each instant leaves behind.
 *
 * <p>It is inert unless the environment variable {@value #ENV} names a step (the kubelet never sets
 * it), and all it can do is kill this very process, which is no worse than the out-of-memory
 * killer: every step it can stop at is one the lifecycle is designed to survive. The steps are
 * listed in {@link Step}; {@code file-written-<n>} stops after the n-th file of a volume.
 */
public interface CrashPoints {
  String ENV = "KVFLEX_TEST_CRASH_AT";

  /** The lifecycle's named steps (see the README's crash table). */
  final class Step {
    public static final String LOCKED = "locked";
    public static final String STAGING_MOUNTED = "staging-mounted";
    public static final String MARKER_WRITTEN = "marker-written";
    public static final String BOUND = "bound";
    public static final String STAGING_UNMOUNTED = "staging-unmounted";
    public static final String LAYER_UNMOUNTED = "layer-unmounted";

    /** An adoption record is written to its temporary file, not yet renamed onto its name. */
    public static final String ADOPTION_WRITTEN = "adoption-written";

    /** An adopted layer is unmounted, its record not yet deleted. */
    public static final String ADOPTED_UNMOUNTED = "adopted-unmounted";

    private Step() {}

    /** The step after the n-th file (1-based) was written into the staging tmpfs. */
    public static String fileWritten(int n) {
      return "file-written-" + n;
    }
  }

  /** Called when the lifecycle reaches {@code step}. */
  void reached(String step);

  /** No crash points (production, unit tests). */
  CrashPoints NONE = step -> {};

  /** {@value #ENV} from {@code env}: SIGKILL this process at that step; inert when unset. */
  static CrashPoints fromEnvironment(Map<String, String> env) {
    String at = env.getOrDefault(ENV, "").trim();
    if (at.isEmpty()) {
      return NONE;
    }
    return step -> {
      if (step.equals(at)) {
        killThisProcess();
      }
    };
  }

  private static void killThisProcess() {
    long pid = ProcessHandle.current().pid();
    try {
      // A real SIGKILL (no shutdown hooks, no finally blocks, no flushing), as the OOM killer does.
      new ProcessBuilder(SystemMounter.tool("kill"), "-KILL", Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(10_000);
    } catch (IOException e) {
      // no kill(1): halt below is the closest thing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(137);
  }
}
