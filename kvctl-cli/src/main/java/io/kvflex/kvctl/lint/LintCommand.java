package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.cli.ColorOption;
import io.kvflex.kvctl.cli.ExitCodes;
import io.kvflex.kvctl.cli.OldSpelling;
import io.kvflex.kvctl.cli.OutputFileOption;
import io.kvflex.kvctl.cli.VersionProvider;
import io.kvflex.kvctl.manifest.DocumentProblem;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.IoErrors;
import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.UnreadableInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvctl lint}: every mistake in azure/kv volumes, with file:line:column and a fix. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Checks every azure/kv FlexVolume in Kubernetes manifests with the driver's own option"
          + " validation plus whole-manifest rules (identity, Secrets, mounts, collisions).",
      "Reads YAML and JSON, multi-document streams, kind: List and every kind with a pod"
          + " template. Inputs that cannot be read and documents that are not valid or not"
          + " Kubernetes objects are reported as findings and the rest is still linted.",
      "",
      "Examples:",
      "  kvctl lint -f deploy/                        # a directory, recursively",
      "  kvctl lint -f pod.yaml -f secret.yaml -o json",
      "  helm template CHART | kvctl lint -f -        # findings name the template",
      "  kustomize build overlays/prod | kvctl lint -f -",
      "  kvctl lint -f deploy/ -o sarif --output-file lint.sarif",
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
  private static final List<String> FORMATS = List.of("plain", "json", "sarif", "junit");

  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      order = 1,
      paramLabel = "FILE",
      description =
          "A file (any extension), a directory (recursively *.yaml, *.yml, *.json) or - for"
              + " standard input. Repeatable.")
  private List<String> filenames = new ArrayList<>();

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "More inputs, as -f (kube-linter style): kvctl lint deploy/ -")
  private List<String> paths = new ArrayList<>();

  private String format = "plain";

  @Option(
      names = {"-o", "--output"},
      order = 2,
      paramLabel = "FORMAT",
      completionCandidates = Formats.class,
      description = "Report format: plain (default), json, sarif (2.1.0) or junit.")
  void output(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(v)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "-o/--output takes the report format (plain, json, sarif or junit), not '"
              + value
              + "'"
              + (looksLikeFile(value)
                  ? "; to write the report to a file use --output-file " + value
                  : ""));
    }
    format = v;
  }

  @Option(names = "--format", hidden = true, paramLabel = "FORMAT")
  void oldFormat(String value) {
    OldSpelling.note(spec, "--format", "-o/--output");
    output(value);
  }

  @Mixin private OutputFileOption outputFile;

  @Option(
      names = "--fail-on",
      order = 4,
      paramLabel = "LEVEL",
      defaultValue = "error",
      description =
          "Lowest severity that makes kvctl exit 1: error (default), warning, info or none.")
  private String failOn;

  @Option(
      names = "--config",
      order = 5,
      paramLabel = "FILE",
      description =
          "Lint configuration (default: .kvctl.yaml or .kvctl.yml in the working"
              + " directory, when present).")
  private Path config;

  @Mixin private ColorOption color;

  public LintCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Completion candidates of -o. */
  static final class Formats extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Formats() {
      super(FORMATS);
    }
  }

  @Override
  public Integer call() {
    ReportFormat reportFormat = ReportFormat.parse(format).orElseThrow();
    List<String> inputs = new ArrayList<>(filenames);
    inputs.addAll(paths);
    if (inputs.isEmpty()) {
      throw usage(
          "name what to lint: -f FILE or DIRECTORY (repeatable), or - for standard input, e.g."
              + " kvctl lint -f deploy/ or helm template CHART | kvctl lint -f -");
    }
    FailOn threshold = parseFailOn();
    Loaded cfg = loadConfig();
    List<ManifestInput> read =
        new InputCollector(ctx.workingDir(), ctx.in(), cfg.config()::ignoresPath).read(inputs);
    Manifests manifests = new ManifestReader().read(withFormatHints(read));
    List<Finding> findings =
        Suppressions.apply(new Linter().lint(manifests), manifests, cfg.config(), cfg.source());
    LintReport report = new LintReport(manifests, findings, threshold, VersionProvider.version());
    boolean toFile = outputFile.file().isPresent();
    boolean colour = !toFile && color.colour(ctx);
    outputFile.write(ctx, reportFormat.render(report, colour, ctx.workingDir()));
    if (toFile) {
      ctx.err().println(PlainFormat.summary(report));
    }
    // The worst outcome wins: an input that could not be read is exit 3 even next to findings.
    boolean unreadable =
        manifests.problems().stream().anyMatch(p -> p.kind() == DocumentProblem.Kind.UNREADABLE);
    if (unreadable) {
      return ExitCodes.CANNOT_READ;
    }
    return report.failed() ? 1 : 0;
  }

  /**
   * A missing input named like a format ({@code -f json}) is the old meaning of -f: say so in its
   * finding.
   */
  private static List<ManifestInput> withFormatHints(List<ManifestInput> inputs) {
    List<ManifestInput> out = new ArrayList<>(inputs.size());
    for (var in : inputs) {
      var p = in.problem();
      if (p.isPresent()
          && FORMATS.contains(in.name().toLowerCase(Locale.ROOT))
          && p.get().message().startsWith("no such file")) {
        in =
            ManifestInput.failed(
                in.name(),
                p.get().kind(),
                1,
                1,
                "no such file; -f now names inputs (kubectl's -f/--filename): for the report"
                    + " format write -o "
                    + in.name().toLowerCase(Locale.ROOT));
      }
      out.add(in);
    }
    return out;
  }

  private static boolean looksLikeFile(String value) {
    return value.contains("/") || value.contains(".") || value.contains("\\");
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
      throw new UnreadableInputException(
          "cannot read " + name + ": " + IoErrors.reason(file.get(), e), e);
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

    String render(LintReport report, boolean colour, Path workingDir) {
      return switch (this) {
        case PLAIN -> new PlainFormat(colour).render(report);
        case JSON -> new JsonFormat().render(report);
        case SARIF -> new SarifFormat(workingDir).render(report);
        case JUNIT -> new JunitFormat().render(report);
      };
    }
  }
}
