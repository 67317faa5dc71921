package io.kvflex.kvctl.fetch;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.FailurePolicy;
import io.kvflex.engine.MountEngine;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.kvctl.CliContext;
import io.kvflex.kvctl.ExitCodes;
import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.kvctl.kubelet.KubeletMounts;
import io.kvflex.kvctl.manifest.InputCollector;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
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
import picocli.CommandLine.Option;

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
          + " unless --out is given; never prints values unless --show-values.",
      "Credentials: the volume's secretRef Secret from --secret-file (or the manifest), else"
          + " AZURE_CLIENT_ID/AZURE_CLIENT_SECRET, or --identity pod|vm."
    })
public final class FetchCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "MANIFEST",
      description = "Manifest with the pod, Deployment, ... (a file, or - for standard input).")
  String manifest;

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
      description = "Use pod identity or the VM managed identity instead of the manifest's mode.")
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
      names = "--out",
      paramLabel = "DIR",
      description = "Write the files into DIR as the driver would (a plain directory, no tmpfs).")
  Optional<Path> out = Optional.empty();

  @Option(
      names = "--format",
      paramLabel = "table|json",
      defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  /** Output formats. */
  public enum Format {
    table,
    json
  }

  public FetchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    InputCollector inputs = new InputCollector(ctx.workingDir(), ctx.in(), p -> false);
    Manifests manifests = new ManifestReader().read(inputs.collect(List.of(manifest)));
    List<SecretObject> secrets =
        secretFiles.isEmpty()
            ? List.of()
            : new ManifestReader().read(inputs.collect(secretFiles)).secrets();
    List<KubeletMount> mounts =
        new KubeletMounts().select(manifests, secrets, envCredentials(), pod, volume, namespace);
    OptionOverrides overrides =
        new OptionOverrides(identity, clientId, cloudEnv.map(ctx.workingDir()::resolve));
    FetchPrinter printer = new FetchPrinter(ctx.out(), showValues);
    Clock clock = Clock.systemUTC();
    MountEngine engine = MountEngine.create(EngineWorld.offNode(clock));
    List<FetchReport> reports = new ArrayList<>();
    int exit = 0;
    for (KubeletMount mount : mounts) {
      ParseResult parsed =
          new OptionsParser().parse(overrides.apply(mount.options().reveal()), Optional.empty());
      if (!parsed.ok()) {
        for (OptionProblem p : parsed.problems()) {
          ctx.err().println("kvctl fetch: " + mount.describe() + ": " + p.message());
        }
        exit = Math.max(exit, ExitCodes.FINDINGS);
        continue;
      }
      var request = parsed.request().orElseThrow();
      ctx.err()
          .println(
              "fetching "
                  + request.objects().size()
                  + " object(s) for "
                  + mount.describe()
                  + " from vault "
                  + request.vaultName()
                  + "…");
      FetchReport report =
          new FetchReport(
              mount,
              request,
              engine
                  .project(
                      request, clock.instant().plus(request.timeout()), FailurePolicy.EVERY_OBJECT)
                  .outcomes());
      reports.add(report);
      for (ObjectOutcome f : report.files()) {
        f.failure().ifPresent(e -> ctx.err().println("kvctl fetch: " + e.getMessage()));
      }
      exit = Math.max(exit, report.exitCode());
      if (out.isPresent() && report.exitCode() == 0) {
        new OutWriter().write(ctx.workingDir().resolve(out.get()), report);
      }
      if (format == Format.table) {
        printer.table(report, out.map(d -> "written to " + d).orElse("dry run, nothing written"));
      }
    }
    if (format == Format.json) {
      printer.json(reports);
    }
    return exit;
  }

  /** AZURE_CLIENT_ID + AZURE_CLIENT_SECRET, when both are set and no Secret file is given. */
  private Optional<Map<String, Sensitive>> envCredentials() {
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
