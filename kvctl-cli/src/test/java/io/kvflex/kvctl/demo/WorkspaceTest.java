package io.kvflex.kvctl.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C's cleanup (a shutdown hook, on its own thread) and the demo's steps (the main thread,
 * still running) never overlap: the cleanup waits for the running step, and no step starts after
 * it, so nothing is written into the directory once it is removed (the driver's log would recreate
 * it).
 */
class WorkspaceTest {
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aCleanupWaitsForTheRunningStepAndNoStepStartsAfterIt() throws Exception {
    Workspace ws = Workspace.create();
    CountDownLatch stepRunning = new CountDownLatch(1);
    CountDownLatch finishStep = new CountDownLatch(1);
    Thread main =
        new Thread(
            () ->
                ws.whileOpen(
                    () -> {
                      stepRunning.countDown();
                      try {
                        finishStep.await();
                        // What the driver's unmount does last: write its log into the directory.
                        Files.writeString(ws.dir().resolve("kv-driver.log"), "unmount\n");
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      return "done";
                    }));
    main.start();
    stepRunning.await();

    Thread hook = new Thread(ws::cleanUp, "ctrl-c");
    hook.start();
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
    while (hook.getState() != Thread.State.BLOCKED && Instant.now().isBefore(giveUp)) {
      Thread.sleep(10);
    }
    assertThat(hook.getState()).isEqualTo(Thread.State.BLOCKED);
    assertThat(ws.dir()).isDirectory();

    finishStep.countDown();
    main.join();
    hook.join();

    assertThat(ws.dir()).doesNotExist();
    assertThatThrownBy(() -> ws.whileOpen(() -> "next step"))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("interrupted");
    ws.dropLastCleanup(); // a step that undid its own action after the cleanup: nothing to forget
  }
}
