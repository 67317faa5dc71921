package io.kvflex.kvctl.cli;

import io.kvflex.kvctl.json.PrettyJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kvctl version}: what this kvctl is (as {@code kubectl version --client}). */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints kvctl's version, the commit it was built from and the Java running it.")
public final class VersionCommand implements Callable<Integer> {
  private final CliContext ctx;

  /** Output formats of the version. */
  enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  Format format = Format.text;

  public VersionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    BuildInfo b = BuildInfo.current();
    if (format == Format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", b.version());
      m.put("commit", b.commit());
      m.put("modified", b.modified());
      m.put("java", javaVersion());
      ctx.out().print(PrettyJson.render(m));
    } else {
      lines(b).forEach(ctx.out()::println);
    }
    ctx.out().flush();
    return 0;
  }

  /** The text form, also printed by {@code kvctl -V}. */
  public static List<String> lines(BuildInfo b) {
    return List.of(
        "kvctl " + b.version(),
        "commit " + b.commit() + (b.modified() ? " (with uncommitted changes)" : ""),
        "java " + javaVersion());
  }

  private static String javaVersion() {
    return System.getProperty("java.runtime.version", System.getProperty("java.version"))
        + " ("
        + System.getProperty("java.vendor", "unknown vendor")
        + ")";
  }
}
