package io.kvflex.kvctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.BugException;
import io.kvflex.errors.ErrorKind;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.kvctl.manifest.UnreadableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** kvctl's help lists exactly the exit codes of the one map, and every failure maps into it. */
class ExitCodesTest {
  private static final Pattern CODE_LINE = Pattern.compile("(?m)^\\s+(\\d+)\\s{2,}\\S");

  private final CommandLine root =
      KvctlCommand.commandLine(
          new CliContext(System.in, System.out, System.err, Map.of(), Path.of("."), false));

  /** The codes the "Exit codes:" section of a command's help lists. */
  private static Set<Integer> listedCodes(CommandLine cl) {
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    int at = help.indexOf("Exit codes:");
    assertThat(at).as(cl.getCommandSpec().qualifiedName() + " help has exit codes").isNotNegative();
    Set<Integer> codes = new TreeSet<>();
    Matcher m = CODE_LINE.matcher(help.substring(at));
    while (m.find()) {
      codes.add(Integer.parseInt(m.group(1)));
    }
    return codes;
  }

  private CommandLine command(String qualifiedName) {
    CommandLine cl = root;
    for (String part : qualifiedName.split(" ")) {
      cl = part.equals("kvctl") ? cl : cl.getSubcommands().get(part);
      assertThat(cl).as(qualifiedName).isNotNull();
    }
    return cl;
  }

  @Test
  void everyCommandsHelpListsItsCodes() {
    ExitCodes.COMMANDS.forEach(
        (name, listing) ->
            assertThat(listedCodes(command(name))).as(name).isEqualTo(listing.codes()));
  }

  @Test
  void everyCommandWithOutcomesOfItsOwnIsInTheMap() {
    for (CommandLine sub : root.getSubcommands().values()) {
      List<CommandLine> tree = new java.util.ArrayList<>(List.of(sub));
      tree.addAll(sub.getSubcommands().values());
      for (CommandLine cl : tree) {
        String name = cl.getCommandSpec().qualifiedName();
        boolean picocliOwn = name.equals("kvctl generate-completion");
        boolean groupOnly =
            cl.getCommandSpec().userObject() instanceof Runnable && !cl.getSubcommands().isEmpty();
        if (!picocliOwn && !groupOnly) {
          assertThat(ExitCodes.COMMANDS).as(name).containsKey(name);
        }
      }
    }
  }

  @Test
  void theRootListsEveryCodeOfEveryCommand() {
    Set<Integer> union = new TreeSet<>();
    ExitCodes.COMMANDS.values().forEach(l -> union.addAll(l.codes()));
    union.add(ExitCodes.LAUNCHER);
    assertThat(ExitCodes.root().codes()).isEqualTo(union);
    assertThat(listedCodes(root)).isEqualTo(union).contains(0, 1, 2, 3, 4, 69, 70);
  }

  @Test
  void theLaunchersCodeIsItsOwnAndTheLauncherUsesIt() throws IOException {
    ExitCodes.COMMANDS.forEach(
        (name, listing) -> assertThat(listing.codes()).as(name).doesNotContain(ExitCodes.LAUNCHER));
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(kind.kvctlExitCode()).isNotEqualTo(ExitCodes.LAUNCHER);
    }
    // The launcher's only exit with a code of its own is die(); otherwise it execs kvctl.
    String launcher = Files.readString(Path.of("..", "kvctl"));
    assertThat(Pattern.compile("(?m)^\\s*exit (\\d+)$").matcher(launcher).results())
        .extracting(m -> m.group(1))
        .containsExactly(Integer.toString(ExitCodes.LAUNCHER));
    assertThat(launcher)
        .contains("# Exit codes: those of kvctl; " + ExitCodes.LAUNCHER + " when kvctl cannot be");
    assertThat(new KvctlRunner().run("--help").out())
        .containsPattern(
            "(?m)^ +"
                + ExitCodes.LAUNCHER
                + " +the \\./kvctl launcher could not build or start kvctl");
  }

  @Test
  void everyCommandThatWritesAReportFileListsTheLocalWriteCode() {
    for (CommandLine sub : root.getSubcommands().values()) {
      String name = sub.getCommandSpec().qualifiedName();
      if (sub.getCommandSpec().findOption("--output-file") != null) {
        assertThat(ExitCodes.COMMANDS.get(name).failures())
            .as(name)
            .contains(ExitCodes.Failure.LOCAL_WRITE);
      }
    }
    assertThat(ExitCodes.COMMANDS.get("kvctl vault serve").failures())
        .contains(ExitCodes.Failure.LOCAL_WRITE);
  }

  @Test
  void everyFailureMapsToACodeTheRootLists() {
    Set<Integer> listed = ExitCodes.root().codes();
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(listed).contains(kind.kvctlExitCode());
    }
    assertThat(ExitCodes.of(new UserInputException("x"))).isEqualTo(2);
    assertThat(ExitCodes.of(new RemoteException("x"))).isEqualTo(3);
    assertThat(ExitCodes.of(new UnreadableInputException("x", null))).isEqualTo(3);
    assertThat(ExitCodes.of(new LocalWriteException("x"))).isEqualTo(4);
    assertThat(ExitCodes.of(new BugException("x"))).isEqualTo(70);
    assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(70);
    assertThat(ExitCodes.ofObject(new UserInputException("not hex"))).isEqualTo(1);
    assertThat(ExitCodes.ofObject(new RemoteException("404"))).isEqualTo(3);
  }

  @Test
  void fetchListsTheLocalWriteAndDefectCodesItCanReturn() {
    String help = new KvctlRunner().run("fetch", "--help").out();
    assertThat(help)
        .contains("Exit codes:")
        .containsPattern("(?m)^ +4 +" + Pattern.quote(ErrorKind.LOCAL_WRITE.meaning()))
        .containsPattern("(?m)^ +70 +" + Pattern.quote(ErrorKind.BUG.meaning()));
  }
}
