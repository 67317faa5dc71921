package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.CliContext;
import io.kvflex.kvctl.KvctlCommand;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.UnreadableInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvctl lint}: every mistake in azure/kv volumes, with file:line:column and a fix. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = KvctlCommand.Version.class,
    sortOptions = false,
    description = {
      "Checks every azure/kv FlexVolume in Kubernetes manifests with the driver's own option"
          + " validation plus whole-manifest rules (identity, Secrets, mounts, collisions).",
      "Reads YAML and JSON, multi-document streams, kind: List and every kind with a pod"
          + " template. Documents that are not valid or not Kubernetes objects are reported and the"
          + " rest is still linted. For Helm: helm template CHART | kvctl lint - (findings name the"
          + " template from its '# Source:' comment).",
      ""
    },
    footerHeading = "%n",
    footer = {
      "Suppression: annotate the object (or its pod template) with",
      "  kvflex.io/ignore-<rule-id>: \"<reason>\"   or   kvflex.io/ignore-all: \"<reason>\"",
      "or list rule ids in .kvctl.yaml (working directory, or --config):",
      "  rules: {include: [ids], exclude: [ids]}",
      "  paths: {include: [globs], exclude: [globs]}",
      "Suppressed findings are not failures; they are counted in the summary and kept (flagged)"
          + " in json, sarif and junit output.",
      "",
      "Rules and their fixes: kvctl rules (docs/rules.md)."
    })
public final class LintCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Files (any extension), directories (recursively *.yaml, *.yml, *.json) or - for"
              + " standard input.")
  private List<String> paths;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "plain",
      description = "plain (default), json, sarif (2.1.0) or junit.")
  private String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE (overwritten) instead of standard output.")
  private Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "error",
      description =
          "Lowest severity that makes kvctl exit 1: error (default), warning, info or none.")
  private String failOn;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Lint configuration (default: .kvctl.yaml or .kvctl.yml in the working"
              + " directory, when present).")
  private Path config;

  @Option(
      names = "--no-color",
      description = "No colour (also: NO_COLOR set, or output not a terminal).")
  private boolean noColor;

  public LintCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ReportFormat reportFormat =
        ReportFormat.parse(format)
            .orElseThrow(
                () -> usage("--format must be plain, json, sarif or junit, not '" + format + "'"));
    FailOn threshold = parseFailOn();
    Loaded cfg = loadConfig();
    List<io.kvflex.kvctl.manifest.ManifestInput> inputs =
        new InputCollector(ctx.workingDir(), ctx.in(), cfg.config()::ignoresPath).collect(paths);
    Manifests manifests = new ManifestReader().read(inputs);
    List<Finding> findings =
        Suppressions.apply(new Linter().lint(manifests), manifests, cfg.config(), cfg.source());
    LintReport report =
        new LintReport(manifests, findings, threshold, KvctlCommand.Version.version());
    boolean colour = output == null && !noColor && ctx.colour();
    String text = reportFormat.render(report, colour);
    if (output == null) {
      ctx.out().print(text);
      ctx.out().flush();
    } else {
      Path target = ctx.workingDir().resolve(output);
      try {
        Files.writeString(target, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UnreadableInputException(
            "cannot write report to " + output + ": " + e.getMessage(), e);
      }
      if (reportFormat != ReportFormat.PLAIN) {
        ctx.err().println(PlainFormat.summary(report));
      }
    }
    return report.failed() ? 1 : 0;
  }

  private FailOn parseFailOn() {
    try {
      return FailOn.valueOf(failOn.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--fail-on must be error, warning, info or none, not '" + failOn + "'");
    }
  }

  private record Loaded(LintConfig config, String source) {}

  private Loaded loadConfig() {
    Optional<Path> file = Optional.ofNullable(config).map(ctx.workingDir()::resolve);
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      throw new UnreadableInputException("cannot read --config " + config + ": no such file", null);
    }
    if (file.isEmpty()) {
      file =
          LintConfig.FILE_NAMES.stream()
              .map(ctx.workingDir()::resolve)
              .filter(Files::isRegularFile)
              .findFirst();
    }
    if (file.isEmpty()) {
      return new Loaded(LintConfig.DEFAULT, ".kvctl.yaml");
    }
    String name = config != null ? config.toString() : file.get().getFileName().toString();
    try {
      String text = Files.readString(file.get(), StandardCharsets.UTF_8);
      return new Loaded(LintConfig.parse(name, text), name);
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read " + name + ": " + e.getMessage(), e);
    } catch (LintConfig.InvalidConfigException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** The output formats. */
  enum ReportFormat {
    PLAIN,
    JSON,
    SARIF,
    JUNIT;

    static Optional<ReportFormat> parse(String s) {
      try {
        return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    String render(LintReport report, boolean colour) {
      return switch (this) {
        case PLAIN -> new PlainFormat(colour).render(report);
        case JSON -> new JsonFormat().render(report);
        case SARIF -> new SarifFormat().render(report);
        case JUNIT -> new JunitFormat().render(report);
      };
    }
  }
}
