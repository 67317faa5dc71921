package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
  @Test
  void defaults() {
    AgentSettings s = AgentSettings.fromEnvironment(Map.of());
    assertThat(s.runDir()).isEqualTo(Path.of("/run/kvflex"));
    assertThat(s.concurrency()).isEqualTo(8);
    assertThat(s.queue()).isEqualTo(256);
    assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.release()).isEqualTo("unknown");
  }

  @Test
  void readsTheEnvironment() {
    AgentSettings s =
        AgentSettings.fromEnvironment(
            Map.of(
                "KVFLEX_RUN_DIR", "/var/run/kv",
                "KVFLEX_AGENT_CONCURRENCY", "2",
                "KVFLEX_AGENT_QUEUE", "0",
                "KVFLEX_AGENT_MAX_WAIT_SECONDS", "5",
                "KVFLEX_RELEASE", "release-0123abcd ;rm"));
    assertThat(s.runDir()).isEqualTo(Path.of("/var/run/kv"));
    assertThat(s.concurrency()).isEqualTo(2);
    assertThat(s.queue()).isZero();
    assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.release()).isEqualTo("release-0123abcd__rm");
  }

  @Test
  void badValuesNameTheVariableAndTheRange() {
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("KVFLEX_AGENT_CONCURRENCY", "0")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("KVFLEX_AGENT_CONCURRENCY")
        .hasMessageContaining("from 1 to 256");
    assertThatThrownBy(
            () -> AgentSettings.fromEnvironment(Map.of("KVFLEX_AGENT_MAX_WAIT_SECONDS", "1m")))
        .hasMessageContaining("KVFLEX_AGENT_MAX_WAIT_SECONDS");
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("KVFLEX_RUN_DIR", "run")))
        .hasMessageContaining("absolute");
  }

  @Test
  void answerMemoryIsThreeQuartersOfTheHeapUnlessSetInMiB() {
    long heap = 64L << 20;
    assertThat(AgentSettings.fromEnvironment(Map.of(), heap).answerMemory()).isEqualTo(48L << 20);
    assertThat(
            AgentSettings.fromEnvironment(Map.of("KVFLEX_AGENT_MEMORY", "96"), heap).answerMemory())
        .isEqualTo(96L << 20);
    assertThatThrownBy(
            () -> AgentSettings.fromEnvironment(Map.of("KVFLEX_AGENT_MEMORY", "40m"), heap))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "KVFLEX_AGENT_MEMORY must be a whole number from 1 to 65536; unset it for the default");
  }
}
