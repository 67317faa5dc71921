package io.kvflex.kvctl.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A fish completion script from the picocli command model: subcommands (nested, such as {@code
 * vault serve}), every visible option with its description, enum values as candidates, and file
 * completion for options whose value is a file or directory.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandSpec root) {
    String name = root.name();
    StringBuilder sb = new StringBuilder();
    sb.append("# fish completion for ")
        .append(name)
        .append(": ")
        .append(name)
        .append(" completion fish > ~/.config/fish/completions/")
        .append(name)
        .append(".fish\n");
    sb.append("complete -c ").append(name).append(" -e\n");
    command(sb, name, root, List.of());
    return sb.toString();
  }

  /** Completions of {@code spec}, reached by the subcommand names in {@code path}. */
  private static void command(StringBuilder sb, String name, CommandSpec spec, List<String> path) {
    String here = condition(spec, path);
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(spec)) {
      CommandSpec sub = e.getValue().getCommandSpec();
      sb.append("complete -c ")
          .append(name)
          .append(" -f -n ")
          .append(quote(here))
          .append(" -a ")
          .append(quote(e.getKey()))
          .append(" -d ")
          .append(quote(firstSentence(sub)))
          .append('\n');
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      sb.append("complete -c ").append(name).append(" -n ").append(quote(here));
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          sb.append(" -l ").append(n.substring(2));
        } else if (n.startsWith("-") && n.length() == 2) {
          sb.append(" -s ").append(n.substring(1));
        }
      }
      if (o.arity().max() > 0) {
        sb.append(" -r");
        List<String> values = candidates(o);
        if (!values.isEmpty()) {
          sb.append(" -f -a ").append(quote(String.join(" ", values)));
        } else if (!takesPath(o)) {
          sb.append(" -f");
        }
      }
      String d = o.description().length == 0 ? "" : o.description()[0];
      sb.append(" -d ").append(quote(shorten(d))).append('\n');
    }
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(spec)) {
      List<String> next = new ArrayList<>(path);
      next.add(e.getKey());
      command(sb, name, e.getValue().getCommandSpec(), next);
    }
  }

  /**
   * The fish condition for "the command line is at {@code path}": the root needs no subcommand yet;
   * a subcommand needs its own name seen and none of its children's.
   */
  private static String condition(CommandSpec spec, List<String> path) {
    List<String> parts = new ArrayList<>();
    if (path.isEmpty()) {
      parts.add("__fish_use_subcommand");
    } else {
      for (String p : path) {
        parts.add("__fish_seen_subcommand_from " + p);
      }
      List<String> children = visibleSubcommands(spec).stream().map(Map.Entry::getKey).toList();
      if (!children.isEmpty()) {
        parts.add("not __fish_seen_subcommand_from " + String.join(" ", children));
      }
    }
    return String.join("; and ", parts);
  }

  private static List<Map.Entry<String, CommandLine>> visibleSubcommands(CommandSpec spec) {
    List<Map.Entry<String, CommandLine>> out = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      // Aliases map to the same spec; list each command once, by its own name.
      if (!sub.usageMessage().hidden() && e.getKey().equals(sub.name())) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> candidates(OptionSpec o) {
    List<String> out = new ArrayList<>();
    Iterable<String> it = o.completionCandidates();
    if (it != null) {
      for (Iterator<String> i = it.iterator(); i.hasNext(); ) {
        out.add(i.next());
      }
    }
    return out;
  }

  private static boolean takesPath(OptionSpec o) {
    String label = o.paramLabel().toUpperCase(Locale.ROOT);
    return o.type() == java.nio.file.Path.class
        || label.contains("FILE")
        || label.contains("DIR")
        || label.contains("PATH")
        || label.contains("MANIFEST")
        || label.contains(".YAML");
  }

  private static String firstSentence(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return shorten(d.length == 0 ? "" : d[0]);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\$\\{[^}]*}", "").replaceAll("\\s+", " ").strip();
    int dot = one.indexOf(". ");
    if (dot > 0) {
      one = one.substring(0, dot);
    }
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }

  /** A fish single-quoted string. */
  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
