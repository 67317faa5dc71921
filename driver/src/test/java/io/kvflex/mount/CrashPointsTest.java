package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test hook is inert unless its variable names a step (killing is proved black-box). */
class CrashPointsTest {
  @Test
  void unsetOrBlankIsTheInertHook() {
    assertThat(CrashPoints.fromEnvironment(Map.of())).isSameAs(CrashPoints.NONE);
    assertThat(CrashPoints.fromEnvironment(Map.of(CrashPoints.ENV, "  ")))
        .isSameAs(CrashPoints.NONE);
  }

  @Test
  void otherStepsPassThrough() {
    CrashPoints hook = CrashPoints.fromEnvironment(Map.of(CrashPoints.ENV, "bound"));
    hook.reached(CrashPoints.Step.LOCKED);
    hook.reached(CrashPoints.Step.fileWritten(3));
    assertThat(CrashPoints.Step.fileWritten(3)).isEqualTo("file-written-3");
  }
}
