package io.kvflex.e2e.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.E2eSettings;
import io.kvflex.e2e.framework.K3sBackend;
import io.kvflex.e2e.framework.SharedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Scenario lifecycle: skip (with the reason) when the backend cannot run here, give each scenario a
 * clean localvault state and its own scratch directory, attach the driver's output and log to a
 * failed scenario, release leftovers.
 */
public final class Hooks {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * One folder per test JVM, so a second {@code mvn verify} without {@code clean} (and the k3s run
   * beside the host run) never collides with an earlier run's scenario folders.
   */
  private static final String RUN =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
              .withZone(java.time.ZoneOffset.UTC)
              .format(java.time.Instant.now())
          + "-"
          + ProcessHandle.current().pid();

  private final World world;
  private final MountContext mounts;

  public Hooks(World world, MountContext mounts) {
    this.world = world;
    this.mounts = mounts;
  }

  @Before(order = 0)
  public void backendIsAvailable(Scenario scenario) {
    SharedRun run = world.run();
    // Reported as SKIPPED (TestAbortedException), never failed and never silently passed.
    run.unavailableReason().ifPresent(reason -> Assumptions.abort(reason));
    Assumptions.assumeTrue(
        run.settings().backend() != E2eSettings.BackendKind.K3S
            || scenario.getSourceTagNames().contains("@k3s"),
        "verified on the host backend only; the k3s backend runs the @k3s scenarios");
    // Work the node agent does on its own (rotation) is shown once, in the run with the agent.
    Assumptions.assumeTrue(
        run.settings().agent() || !scenario.getSourceTagNames().contains("@agent-run-only"),
        "shown in the host run with the node agent (RunAgentCucumberIT)");
  }

  @Before(order = 1)
  public void freshScenario(Scenario scenario) {
    String slug =
        scenario
            .getName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    Path dir =
        world
            .run()
            .settings()
            .workRoot()
            .resolve(
                String.format(
                    "scenarios/%s/%03d-%s",
                    RUN,
                    SEQUENCE.incrementAndGet(),
                    slug.length() > 60 ? slug.substring(0, 60) : slug));
    world.scenarioDir(dir);
    world.vault().reset();
    world.backend().startScenario(dir);
  }

  @After
  public void attachEvidence(Scenario scenario) {
    if (world.scenarioDir() == null) {
      return;
    }
    try {
      if (scenario.isFailed()) {
        StringBuilder replies = new StringBuilder();
        for (DriverReply r : mounts.replies) {
          replies.append(r.describe()).append('\n');
        }
        scenario.attach(replies.toString(), "text/plain", "driver replies");
        scenario.attach(world.backend().driverLog(), "text/plain", "driver log");
        if (world.backend() instanceof K3sBackend k3s) {
          scenario.attach(k3s.clusterLog(), "text/plain", "k3s server log (kubelet included)");
        }
        try (var files = Files.list(world.scenarioDir())) {
          for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
            scenario.attach(
                Files.readString(p, StandardCharsets.UTF_8),
                "text/plain",
                p.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      world.backend().finishScenario();
      world.vault().reset();
    }
  }

  @AfterAll
  public static void shutdown() {
    SharedRun.shutdown();
  }
}
