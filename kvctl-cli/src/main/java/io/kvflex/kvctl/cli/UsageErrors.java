package io.kvflex.kvctl.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as kubectl prints them: one line saying what is wrong (with "did you mean" for a
 * misspelt command or option), then where the help is. The full help text is not dumped: it buried
 * the one line that mattered. Exit code 2.
 */
public final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(message(e));
    err.println("See '" + qualifiedName(cl) + " --help' for usage.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The one line: {@code kvctl lint: unknown option '--fromat' (did you mean --format?)}. */
  static String message(ParameterException e) {
    String prefix = qualifiedName(e.getCommandLine()) + ": ";
    // A misspelt option is the real error even when picocli reports first that the option it
    // meant is missing ("--fillename x" is not "missing --filename").
    List<String> unmatched =
        e instanceof UnmatchedArgumentException u
            ? u.getUnmatched()
            : e.getCommandLine().getUnmatchedArguments();
    if (!unmatched.isEmpty()) {
      String arg = unmatched.get(0);
      CommandSpec spec = e.getCommandLine().getCommandSpec();
      boolean option = arg.startsWith("-") && !arg.equals("-");
      boolean hasSubcommands = !spec.subcommands().isEmpty();
      String word = option && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      List<String> suggestions =
          Suggestions.closest(word, option ? optionNames(spec) : visibleSubcommands(spec));
      String what =
          option
              ? "unknown option '" + arg + "'"
              : hasSubcommands
                  ? "unknown command '" + arg + "'"
                  : "unexpected argument '" + arg + "'";
      return prefix + what + didYouMean(suggestions);
    }
    String text = e.getMessage() == null ? "invalid usage" : e.getMessage().strip();
    return prefix + lowerFirst(text.replaceAll("\\s*\\R\\s*", " "));
  }

  private static List<String> optionNames(CommandSpec spec) {
    // Hidden old spellings count too: "--fromat" should find "--format", whose note then names
    // the new flag.
    return spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList();
  }

  private static List<String> visibleSubcommands(CommandSpec spec) {
    return spec.subcommands().entrySet().stream()
        .filter(en -> !en.getValue().getCommandSpec().usageMessage().hidden())
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  private static String didYouMean(List<String> suggestions) {
    if (suggestions == null || suggestions.isEmpty()) {
      return "";
    }
    List<String> few = suggestions.subList(0, Math.min(3, suggestions.size()));
    return " (did you mean " + String.join(" or ", few) + "?)";
  }

  /** e.g. {@code kvctl vault serve}. */
  static String qualifiedName(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName();
  }

  /** picocli's sentences start with a capital; after "kvctl lint: " they read better without. */
  private static String lowerFirst(String s) {
    for (String word : List.of("Missing ", "Invalid ", "Unknown ", "Expected ", "Option ")) {
      if (s.startsWith(word)) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
      }
    }
    return s;
  }
}
