package io.kvflex.kvctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.testsupport.CapturedStreams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --timeout} is one option of the shared vocabulary, the same in every network command. */
class TimeoutOptionTest {
  private static final List<String> NETWORK_COMMANDS = List.of("fetch", "check-access");

  private static OptionSpec timeoutOf(String command) {
    CapturedStreams streams = new CapturedStreams();
    CommandLine root =
        KvctlCommand.commandLine(
            new CliContext(
                streams.in(), streams.out(), streams.err(), Map.of(), Path.of("."), false));
    return root.getSubcommands().get(command).getCommandSpec().findOption("--timeout");
  }

  @Test
  void everyNetworkCommandHasTheSameTimeoutOption() {
    OptionSpec fetch = timeoutOf("fetch");
    for (String command : NETWORK_COMMANDS) {
      OptionSpec option = timeoutOf(command);
      assertThat(option).as(command).isNotNull();
      assertThat(option.description()).as(command).isEqualTo(fetch.description());
      assertThat(option.paramLabel()).isEqualTo("DURATION");
      assertThat(option.converters()).singleElement().isInstanceOf(TimeoutConverter.class);
    }
  }

  @Test
  void checkAccessRefusesATimeoutOutOfBoundsBeforeAnyCall() {
    KvctlRunner.Result r =
        new KvctlRunner()
            .run(
                "check-access",
                "--vault",
                "kv1",
                "--object",
                "secret/a",
                "--object-id",
                "00000000-0000-0000-0000-000000000001",
                "--timeout",
                "11m");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "kvctl check-access: invalid value for option '--timeout': '11m' is not a duration"
                + " from 5s to 10m");
  }
}
