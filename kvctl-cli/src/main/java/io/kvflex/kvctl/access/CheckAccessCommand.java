package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.kvctl.cli.OldSpelling;
import io.kvflex.kvctl.cli.OutputFileOption;
import io.kvflex.kvctl.cli.StatusLine;
import io.kvflex.kvctl.cli.TableOrJsonOption;
import io.kvflex.kvctl.cli.TimeoutOption;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvctl check-access}: will this identity be allowed to read these objects? */
@Command(
    name = "check-access",
    mixinStandardHelpOptions = true,
    description = {
      "Checks, before any pod starts, whether the identity a volume uses may read each object:"
          + " allowed / denied / cannot tell, with the evidence and the exact az command for each"
          + " denial.",
      "Reads ARM and Microsoft Graph as the CALLER (environment credentials, az login or a managed"
          + " identity); changes nothing."
    })
public final class CheckAccessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--vault", paramLabel = "NAME", description = "Key Vault name.")
  String vault;

  @Option(
      names = "--object",
      paramLabel = "TYPE/NAME[@VERSION]",
      description = "Object to check (repeatable), e.g. secret/db-password, key/signing, cert/tls.")
  List<String> objects = List.of();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description =
          "Manifest with an azure/kv volume, instead of --vault/--object (repeatable: a Secret may"
              + " come in its own file; - for standard input).")
  List<String> manifests = new ArrayList<>();

  @Option(names = "--manifest", hidden = true, paramLabel = "FILE")
  void oldManifest(String file) {
    OldSpelling.note(spec, "--manifest", "-f/--filename");
    manifests.add(file);
  }

  @Option(
      names = "--volume",
      paramLabel = "NAME",
      description = "The volume in MANIFEST, when it has several.")
  String volume;

  @Option(
      names = "--secret-file",
      paramLabel = "SECRET.yaml",
      description =
          "The volume's secretRef Secret (kind: Secret); its clientid names the identity.")
  Path secretFile;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  IdentityFlags identity;

  @Option(names = "--subscription", paramLabel = "ID", description = "The vault's subscription.")
  String subscription;

  @Option(
      names = "--resource-group",
      paramLabel = "NAME",
      description = "The vault's resource group.")
  String resourceGroup;

  @Option(
      names = "--cloud",
      paramLabel = "NAME",
      description = "Named cloud (default AzurePublicCloud).")
  String cloud;

  @Option(
      names = "--cloud-env",
      paramLabel = "FILE",
      description = "Cloud environment file (endpoints, extra CAs).")
  Path cloudEnv;

  @Mixin TableOrJsonOption output;

  @Mixin OutputFileOption outputFile;

  @Mixin TimeoutOption timeout;

  @Option(
      names = "--probe",
      description =
          "Also attempt the real GETs as the identity and report whether they agree (needs its"
              + " credentials: -f with --secret-file, a --secret-file, or --vm-identity on a node).")
  boolean probe;

  private final CliContext ctx;
  private final AccessConnector connector;
  private final Clock clock;

  public CheckAccessCommand(CliContext ctx) {
    this(ctx, new AzureAccessConnector(ctx.env(), ctx.err()), Clock.systemUTC());
  }

  CheckAccessCommand(CliContext ctx, AccessConnector connector, Clock clock) {
    this.ctx = ctx;
    this.connector = connector;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Optional<MountRequest> fromManifest =
        Optional.of(manifests)
            .filter(m -> !m.isEmpty())
            .map(
                m -> {
                  if (vault != null || !objects.isEmpty()) {
                    throw new UserInputException(
                        "give either -f MANIFEST or --vault with --object, not both");
                  }
                  return ManifestVolume.read(
                      ctx.workingDir(),
                      ctx.in(),
                      m,
                      Optional.ofNullable(volume),
                      Optional.ofNullable(secretFile));
                });
    // In manifest mode the Secret already named the identity through the volume.
    Optional<SecretFile> secret =
        fromManifest.isPresent()
            ? Optional.empty()
            : Optional.ofNullable(secretFile)
                .map(f -> SecretFile.read(ctx.workingDir(), ctx.in(), f.toString()));
    if (fromManifest.isEmpty() && (vault == null || objects.isEmpty())) {
      throw new UserInputException(
          "name what to check: --vault NAME with one or more --object TYPE/NAME, or -f MANIFEST");
    }
    List<ObjectRef> refs =
        fromManifest
            .map(r -> r.objects().stream().map(VaultObjectSpec::ref).toList())
            .orElseGet(() -> objects.stream().map(ObjectArgument::parse).toList());
    // Every input is checked here, before the first network call.
    Optional<IdentityInput> flagged = Optional.ofNullable(identity).flatMap(IdentityFlags::input);
    if (fromManifest.isEmpty()) {
      FlagChecks.check(
          vault,
          refs,
          Optional.ofNullable(subscription),
          Optional.ofNullable(resourceGroup),
          flagged.or(() -> secret.map(s -> new IdentityInput.ClientId(s.clientId()))));
    } else {
      FlagChecks.check(flagged);
    }
    AccessQuery query =
        new AccessQuery(
            fromManifest.map(MountRequest::vaultName).orElse(vault),
            refs,
            IdentityFlags.choose(Optional.ofNullable(identity), fromManifest, secret),
            Optional.ofNullable(subscription)
                .or(() -> fromManifest.flatMap(MountRequest::subscriptionId)),
            Optional.ofNullable(resourceGroup)
                .or(() -> fromManifest.flatMap(MountRequest::resourceGroup)),
            fromManifest.map(MountRequest::tenantId));
    CloudSelection cloudSelection = cloudSelection(fromManifest);
    // From here on the network: every wait of the run (tokens, ARM, Graph, probe) ends by then.
    RunDeadline deadline = timeout.deadline(clock, TimeoutOption.DEFAULT);
    Optional<AccessChecker.Prober> prober =
        probe
            ? Optional.of(
                connector.prober(
                    cloudSelection,
                    ProbeIdentity.choose(Optional.ofNullable(identity), fromManifest, secret),
                    query.tenantId(),
                    deadline))
            : Optional.empty();
    AccessReport report;
    // A live line on a terminal while ARM and Graph answer (quiet when stderr is not one).
    try (StatusLine status = StatusLine.on(ctx, clock)) {
      status.phase(
          "reading vault "
              + query.vaultName()
              + " and its permissions from ARM and Microsoft Graph"
              + (probe ? ", then probing as the identity" : ""),
          deadline.limit());
      report = connector.checker(cloudSelection, deadline).check(query, prober);
    }
    outputFile.write(
        ctx,
        output.format() == TableOrJsonOption.Format.json
            ? ReportJson.render(report)
            : ReportTable.render(report));
    return report.exitCode();
  }

  /** Flags win; else the volume's cloud (its env file is a path on the nodes: must exist here). */
  private CloudSelection cloudSelection(Optional<MountRequest> volume) {
    if (cloudEnv != null) {
      Path file = ctx.workingDir().resolve(cloudEnv);
      if (!Files.isRegularFile(file)) {
        throw new UserInputException("--cloud-env " + cloudEnv + " does not exist");
      }
      return new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(file));
    }
    if (cloud != null) {
      CloudName name =
          CloudName.fromOption(cloud)
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "--cloud "
                              + cloud
                              + " is not a known cloud (AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud,"
                              + " AzureGermanCloud; use --cloud-env FILE for others)"));
      return new CloudSelection(name, Optional.empty());
    }
    Optional<CloudSelection> fromVolume = volume.map(MountRequest::cloud);
    Optional<Path> nodeFile = fromVolume.flatMap(CloudSelection::environmentFile);
    if (nodeFile.isPresent() && !Files.isRegularFile(nodeFile.get())) {
      throw new UserInputException(
          "the volume's cloudenvfilename "
              + nodeFile.get()
              + " is a path on the nodes and does not exist here; pass a copy with --cloud-env");
    }
    return fromVolume.orElse(new CloudSelection(CloudName.AZURE_PUBLIC_CLOUD, Optional.empty()));
  }
}
