package io.kvflex.e2e.framework;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What all scenarios of one JVM share: the settings, one localvault and one backend (a k3s cluster
 * takes minutes to start; localvault a second). Created on first use, closed by the suite's
 * {@code @AfterAll} hook. This is the one static holder of the suite, as Cucumber has no per-run
 * object scope.
 */
public final class SharedRun {
  private static SharedRun instance;

  private final E2eSettings settings;
  private final Optional<String> unavailable;
  private LocalVaultFixture vault;
  private Backend backend;
  private ArmGraphStubs armGraph;

  private SharedRun(E2eSettings settings) {
    this.settings = settings;
    this.unavailable =
        settings.backend() == E2eSettings.BackendKind.K3S
            ? K3sBackend.dockerProblem()
            : Optional.empty();
  }

  public static synchronized SharedRun get() {
    if (instance == null) {
      Map<String, String> props = new HashMap<>();
      System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
      instance = new SharedRun(E2eSettings.from(props));
    }
    return instance;
  }

  /** Closes what was started (after the last scenario). */
  public static synchronized void shutdown() {
    if (instance != null) {
      if (instance.backend != null) {
        instance.backend.close();
      }
      if (instance.armGraph != null) {
        instance.armGraph.close();
      }
      if (instance.vault != null) {
        instance.vault.close();
      }
      instance = null;
    }
  }

  public E2eSettings settings() {
    return settings;
  }

  /** Why this run's backend cannot execute scenarios here (checked before anything starts). */
  public Optional<String> unavailableReason() {
    return unavailable;
  }

  public synchronized LocalVaultFixture vault() {
    if (vault == null) {
      // A k3s node reaches localvault through a tunnel to this host, so it must not be
      // loopback-only.
      String bind = settings.backend() == E2eSettings.BackendKind.K3S ? "0.0.0.0" : "127.0.0.1";
      vault =
          LocalVaultFixture.start(
              settings.workRoot().resolve("localvault"), settings.jvmHostsFile(), bind);
    }
    return vault;
  }

  /** ARM and Graph for kvctl check-access, started by the first scenario that needs them. */
  public synchronized ArmGraphStubs armGraph() {
    if (armGraph == null) {
      armGraph = ArmGraphStubs.start(settings.workRoot().resolve("arm-graph"));
    }
    return armGraph;
  }

  public synchronized Backend backend() {
    if (backend == null) {
      backend =
          settings.backend() == E2eSettings.BackendKind.K3S
              ? new K3sBackend(settings, vault())
              : new HostBackend(settings, vault());
    }
    return backend;
  }
}
