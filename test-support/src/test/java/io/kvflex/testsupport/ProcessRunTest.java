package io.kvflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunTest {
  @TempDir Path dir;

  @Test
  void capturesExitCodeAndBothStreamsSeparatelyOrMerged() throws Exception {
    List<String> sh = List.of("sh", "-c", "echo out; echo err >&2; pwd; echo \"$X\"; exit 3");
    ProcessRun split = ProcessRun.run(dir, Map.of("X", "x-value"), sh);
    assertThat(split.exitCode()).isEqualTo(3);
    assertThat(split.stdout()).isEqualTo("out\n" + dir.toRealPath() + "\nx-value\n");
    assertThat(split.stderr()).isEqualTo("err\n");
    assertThat(split.describe()).contains("exit 3");

    ProcessRun merged =
        ProcessRun.of(List.of("/bin/sh", "-c", "echo out; echo err >&2; echo \"[$HOME]\""))
            .env(Map.of("X", "1"))
            .cleanEnv()
            .mergeStderr()
            .runUnchecked();
    assertThat(merged.stdout()).isEqualTo("out\nerr\n[]\n");
    assertThat(merged.stderr()).isEmpty();
  }

  @Test
  void aChildThatOutlivesItsTimeoutIsKilledAndReported() {
    assertThatThrownBy(
            () ->
                ProcessRun.of(List.of("sleep", "600"))
                    .timeout(Duration.ofMillis(200))
                    .runUnchecked())
        .isInstanceOf(ProcessRun.TimedOut.class)
        .hasMessageContaining("did not finish");
  }

  @Test
  void capturedStreamsKeepWhatWasWritten() {
    CapturedStreams s = new CapturedStreams("in\n");
    s.out().print("o");
    s.err().print("é");
    assertThat(s.outText()).isEqualTo("o");
    assertThat(s.errText()).isEqualTo("é");
  }
}
