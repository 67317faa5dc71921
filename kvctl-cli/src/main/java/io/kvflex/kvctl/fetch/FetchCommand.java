package io.kvflex.kvctl.fetch;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.cli.ExitCodes;
import io.kvflex.kvctl.cli.OldSpelling;
import io.kvflex.kvctl.cli.OutputFileOption;
import io.kvflex.kvctl.cli.StatusLine;
import io.kvflex.kvctl.cli.TableOrJsonOption;
import io.kvflex.kvctl.cli.TimeoutOption;
import io.kvflex.kvctl.cli.VersionProvider;
import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.kvctl.kubelet.KubeletMounts;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.Proxies;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.MountRequest;
import io.kvflex.options.OptionProblem;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import io.kvflex.options.Sensitive;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kvctl fetch}: what a pod would get, before deploying it. Builds the options the kubelet
 * would pass for each {@code azure/kv} volume, validates them with the driver's parser, fetches and
 * renders every object with the driver's engine (going on after a failure, so one run reports every
 * object), and prints the files (a dry run) or writes them ({@code --out}).
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetches and renders the files of azure/kv volumes as the driver would, and prints them:"
          + " path, object and version, format, size, mode and SHA-256 prefix. Writes nothing"
          + " unless --output-dir is given; never prints values unless --show-values.",
      "Credentials: the volume's secretRef Secret from --secret-file (or the manifests), else"
          + " AZURE_CLIENT_ID/AZURE_CLIENT_SECRET, or --identity pod|vm (which replaces the"
          + " manifest's mode, secretRef included).",
      "",
      "Examples:",
      "  kvctl fetch -f pod.yaml -f secret.yaml",
      "  kvctl fetch -f deploy.yaml --identity vm --timeout 20s -o json",
      "  KVFLEX_HOSTS_FILE=/tmp/kv/hosts kvctl fetch -f /tmp/kv/pod.yaml -f /tmp/kv/secret.yaml"
          + " --cloud-env /tmp/kv/cloud-env.json   # against kvctl vault serve --dir /tmp/kv",
      ""
    })
public final class FetchCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final Clock clock;

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description =
          "Manifest with the pod, Deployment, ... and, optionally, its Secret (repeatable; - for"
              + " standard input).")
  List<String> manifests = new ArrayList<>();

  @Option(names = "--pod", paramLabel = "NAME", description = "Only the object with this name.")
  Optional<String> pod = Optional.empty();

  @Option(names = "--volume", paramLabel = "NAME", description = "Only the volume with this name.")
  Optional<String> volume = Optional.empty();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace the pod runs in, when not the one written (default: default).")
  Optional<String> namespace = Optional.empty();

  @Option(
      names = "--secret-file",
      paramLabel = "SECRET.yaml",
      description = "A Secret manifest for the volume's secretRef (repeatable).")
  List<String> secretFiles = new ArrayList<>();

  @Option(
      names = "--identity",
      paramLabel = "pod|vm",
      description =
          "Use pod identity or the VM managed identity instead of the manifest's mode (its"
              + " secretRef is then not read).")
  Optional<OptionOverrides.IdentityFlag> identity = Optional.empty();

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "With --identity vm: the user-assigned identity's client id.")
  Optional<String> clientId = Optional.empty();

  @Option(
      names = "--cloud-env",
      paramLabel = "FILE",
      description =
          "Cloud environment file (Azure Stack Hub, localvault): sets cloudname"
              + " AzureStackCloud and cloudenvfilename.")
  Optional<Path> cloudEnv = Optional.empty();

  @Option(names = "--show-values", description = "Also print every file's content.")
  boolean showValues;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Write the files into DIR as the driver would (a plain directory, no tmpfs).")
  Optional<Path> outputDir = Optional.empty();

  // Its own field, as picocli resets --output-dir after parsing when it is not given.
  private Optional<Path> oldOut = Optional.empty();

  @Option(names = "--out", hidden = true, paramLabel = "DIR")
  void oldOut(Path dir) {
    OldSpelling.note(spec, "--out", "--output-dir");
    oldOut = Optional.of(dir);
  }

  @Mixin TableOrJsonOption output;

  @Mixin OutputFileOption outputFile;

  @Mixin TimeoutOption timeout;

  public FetchCommand(CliContext ctx) {
    this(ctx, Clock.systemUTC());
  }

  FetchCommand(CliContext ctx, Clock clock) {
    this.ctx = ctx;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    InputCollector inputs = new InputCollector(ctx.workingDir(), ctx.in(), p -> false);
    Manifests read = new ManifestReader().read(inputs.collect(manifests));
    List<SecretObject> secrets =
        secretFiles.isEmpty()
            ? List.of()
            : new ManifestReader().read(inputs.collect(secretFiles)).secrets();
    List<KubeletMount> mounts =
        new KubeletMounts().select(read, secrets, credentials(), pod, volume, namespace);
    OptionOverrides overrides =
        new OptionOverrides(
            identity, clientId, cloudEnv.map(ctx.workingDir()::resolve), timeout.given());
    FetchPrinter printer = new FetchPrinter(showValues);
    // Read once, before any call: a bad value is a usage error here, not a failure per volume.
    VaultPreflight preflight = new VaultPreflight(Proxies.read(ctx.env(), ctx.err()));
    // The driver's engine, reading the same proxy variables at each vault as on a node.
    MountEngine engine = MountEngine.create(EngineWorld.offNode(ctx.env(), clock));
    // With --timeout, the whole run ends by then; without, each volume has its own timeout.
    Optional<RunDeadline> run = timeout.given().map(d -> RunDeadline.after(clock, d));
    Optional<Path> out = outputDir.or(() -> oldOut);
    List<FetchReport> reports = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int exit = 0;
    try (StatusLine status = StatusLine.on(ctx, clock)) {
      for (KubeletMount mount : mounts) {
        ParseResult parsed =
            new OptionsParser().parse(overrides.apply(mount.options().reveal()), Optional.empty());
        if (!parsed.ok()) {
          status.clear();
          for (OptionProblem p : parsed.problems()) {
            ctx.err().println("kvctl fetch: " + mount.describe() + ": " + p.message());
          }
          exit = Math.max(exit, ExitCodes.FINDINGS);
          continue;
        }
        var request = parsed.request().orElseThrow();
        RunDeadline deadline =
            run.map(r -> r.within(request.timeout()))
                .orElseGet(() -> RunDeadline.after(clock, request.timeout()));
        FailureHints hints = new FailureHints(ctx.env(), deadline.limit());
        status.phase(
            "connecting to vault " + request.vaultName() + " for " + mount.describe(),
            deadline.limit());
        Optional<String> unreachable =
            deadline.remaining().isZero()
                ? Optional.of(deadline.gaveUp("vault " + request.vaultName()).getMessage())
                : preflight.check(request, deadline, hints);
        status.phase(
            "fetching "
                + request.objects().size()
                + " object(s) for "
                + mount.describe()
                + " from vault "
                + request.vaultName()
                + " as "
                + request.identity().describe(),
            deadline.limit());
        List<ObjectOutcome> files =
            unreachable.isPresent()
                ? unreachable(request, unreachable.get())
                : engine.project(request, deadline.end(), FailurePolicy.EVERY_OBJECT).outcomes();
        status.clear();
        FetchReport report = new FetchReport(mount, request, explained(files, hints));
        reports.add(report);
        if (unreachable.isPresent()) {
          // One cause for every object: say it once.
          ctx.err()
              .println(
                  "kvctl fetch: "
                      + mount.describe()
                      + ": cannot fetch from vault "
                      + request.vaultName()
                      + ": "
                      + unreachable.get());
        } else {
          for (ObjectOutcome f : report.files()) {
            f.failure().ifPresent(e -> ctx.err().println("kvctl fetch: " + e.getMessage()));
          }
        }
        exit = Math.max(exit, report.exitCode());
        if (out.isPresent() && report.exitCode() == 0) {
          new OutWriter().write(ctx.workingDir().resolve(out.get()), report);
        }
        if (output.format() == TableOrJsonOption.Format.table) {
          text.append(
              printer.table(
                  report, out.map(d -> "written to " + d).orElse("dry run, nothing written")));
        }
      }
    }
    if (output.format() == TableOrJsonOption.Format.json) {
      text.append(printer.json(reports, VersionProvider.version()));
    }
    outputFile.write(ctx, text.toString());
    return exit;
  }

  /** Every object of the volume failed the same way: nothing answers at the vault. */
  private static List<ObjectOutcome> unreachable(MountRequest request, String why) {
    return request.objects().stream()
        .map(
            spec ->
                new ObjectOutcome(
                    spec,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.<KvflexException>of(
                        new RemoteException(
                            "cannot fetch "
                                + spec.ref().type().optionValue()
                                + " "
                                + spec.name()
                                + " from vault "
                                + request.vaultName()
                                + ": "
                                + why))))
        .toList();
  }

  /** Remote failures with kvctl's hint on the likely cause added to the driver's message. */
  private static List<ObjectOutcome> explained(List<ObjectOutcome> files, FailureHints hints) {
    return files.stream()
        .map(
            f -> {
              if (f.failure().isEmpty() || !(f.failure().get() instanceof RemoteException e)) {
                return f;
              }
              String hinted = hints.explain(e.getMessage());
              return hinted.equals(e.getMessage())
                  ? f
                  : new ObjectOutcome(
                      f.spec(),
                      f.version(),
                      f.file(),
                      Optional.<KvflexException>of(new RemoteException(hinted, e)));
            })
        .toList();
  }

  /**
   * What stands in for every secretRef Secret: nothing when --identity replaces the manifest's mode
   * (the kubelet's secret keys would only contradict it), else AZURE_CLIENT_ID +
   * AZURE_CLIENT_SECRET when both are set and no Secret file is given.
   */
  private Optional<Map<String, Sensitive>> credentials() {
    if (identity.isPresent()) {
      return Optional.of(Map.of());
    }
    String id = ctx.env().get("AZURE_CLIENT_ID");
    String secret = ctx.env().get("AZURE_CLIENT_SECRET");
    if (!secretFiles.isEmpty() || id == null || secret == null) {
      return Optional.empty();
    }
    Map<String, Sensitive> data = new LinkedHashMap<>();
    data.put("clientid", Sensitive.ofUtf8(id));
    data.put("clientsecret", Sensitive.ofUtf8(secret));
    return Optional.of(data);
  }
}
