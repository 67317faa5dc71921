package io.kvflex.options;

import static io.kvflex.options.KnownOptions.CLOUD_ENV_FILE_NAME;
import static io.kvflex.options.KnownOptions.CLOUD_NAME;
import static io.kvflex.options.KnownOptions.KEYVAULT_NAME;
import static io.kvflex.options.KnownOptions.RESOURCE_GROUP;
import static io.kvflex.options.KnownOptions.SUBSCRIPTION_ID;
import static io.kvflex.options.KnownOptions.TENANT_ID;
import static io.kvflex.options.Texts.quote;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses the kubelet's option map once into a validated {@link MountRequest}, reporting every
 * problem (not just the first). Immutable and thread-safe. See the README section "Options" for the
 * option table and {@link OptionRule} for the rule ids.
 */
public final class OptionsParser {
  private static final Pattern VAULT_NAME =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$");
  private static final Pattern RESOURCE_GROUP_NAME = Pattern.compile("^[-\\w.()]{0,89}[-\\w()]$");

  private final PodEvidence evidence;

  /**
   * A parser without pod evidence: the impersonation guard checks the mount directory only (kvctl,
   * and anything else off a node). Parsing never reads the host; the node's evidence is injected.
   */
  public OptionsParser() {
    this(PodEvidence.NONE);
  }

  /**
   * A parser whose pod impersonation guard also consults {@code evidence} (on a node: the kubelet's
   * records, {@code io.kvflex.engine.KubeletPodEvidence}), only for a mount directory of the
   * kubelet's shape.
   */
  public OptionsParser(PodEvidence evidence) {
    this.evidence = java.util.Objects.requireNonNull(evidence);
  }

  /**
   * Parses the kubelet's options JSON (argv[2] of {@code mount}). Invalid JSON is a problem of rule
   * {@code invalid-options-json}; no message ever quotes the JSON (it holds client secrets).
   */
  public ParseResult parseJson(String optionsJson, Optional<Path> mountDir) {
    OptionsJson.Result json = OptionsJson.read(optionsJson);
    if (json.problem().isPresent()) {
      return new ParseResult(Optional.empty(), List.of(json.problem().get()), List.of());
    }
    return parse(json.options().orElseThrow(), mountDir);
  }

  /**
   * Every error of {@code result} as one message for a driver Failure or an exception, e.g. {@code
   * "2 problems in the volume options: [1] ...; [2] ..."}.
   */
  public static String describeProblems(List<OptionProblem> problems) {
    return OptionsJson.describe(problems);
  }

  /**
   * Parses {@code kubeletOptions}; {@code mountDir} (argv[1] of {@code mount}) enables the pod
   * impersonation guard when it has the kubelet's shape.
   */
  public ParseResult parse(Map<String, String> kubeletOptions, Optional<Path> mountDir) {
    RawOptions options = new RawOptions(kubeletOptions);
    Problems problems = new Problems();
    warnUnknownKeys(options, problems);
    String vaultName = vaultName(options, problems);
    String tenantId = tenantId(options, problems);
    CloudSelection cloud = cloud(options, problems);
    Optional<String> subscriptionId = subscriptionId(options, problems);
    Optional<String> resourceGroup = resourceGroup(options, problems);
    MountRequest.PodInfo pod =
        new MountRequest.PodInfo(
            options.text(KnownOptions.POD_NAMESPACE).orElse(""),
            options.text(KnownOptions.POD_NAME).orElse(""),
            options.text(KnownOptions.POD_UID).orElse(""),
            options.text(KnownOptions.SERVICE_ACCOUNT_NAME).orElse(""));
    PodGuard.check(options, mountDir, evidence, problems);
    Optional<List<VaultObjectSpec>> objects = new ObjectListParser(options, problems).parse();
    Optional<IdentityMode> identity = new IdentityParser(options, problems).parse(pod);
    VolumeSettings settings = new VolumeSettings(options, problems);
    int fileMode = settings.fileMode();
    long tmpfsSize = settings.tmpfsSize();
    var timeout = settings.timeout();
    var fsGroup = settings.fsGroup();
    var rotation = settings.rotationPollInterval();
    objects.ifPresent(list -> settings.warnRotationWithoutEffect(rotation, list));
    if (problems.hasErrors()) {
      return new ParseResult(Optional.empty(), problems.errors(), problems.warnings());
    }
    MountRequest request =
        new MountRequest(
            vaultName,
            tenantId,
            cloud,
            identity.orElseThrow(),
            objects.orElseThrow(),
            fileMode,
            fsGroup,
            tmpfsSize,
            timeout,
            rotation,
            pod,
            subscriptionId,
            resourceGroup);
    return new ParseResult(Optional.of(request), List.of(), problems.warnings());
  }

  private static void warnUnknownKeys(RawOptions options, Problems problems) {
    for (String key : options.keys()) {
      if (key.startsWith(KnownOptions.SECRET_PREFIX)) {
        warnMisspeltSecretKey(key, problems);
        continue;
      }
      if (KnownOptions.isKnown(key) || IdentityParser.isInlineCredential(key)) {
        continue;
      }
      String hint =
          KnownOptions.didYouMean(key)
              .map(k -> "; did you mean " + k + "? (option names are lower case)")
              .orElse("; remove it, or see the README section \"Options\" for the option names");
      problems.add(
          OptionRule.UNKNOWN_OPTION,
          key,
          "option " + quote(key) + " is not a kvflex option and is ignored" + hint);
    }
  }

  /** A Secret key such as {@code clientId} or {@code client-secret}: Secret keys are exact. */
  private static void warnMisspeltSecretKey(String option, Problems problems) {
    String key = option.substring(KnownOptions.SECRET_PREFIX.length());
    String normalised = KnownOptions.normalise(key);
    if (!KnownOptions.SECRET_KEYS.contains(key) && KnownOptions.SECRET_KEYS.contains(normalised)) {
      problems.add(
          OptionRule.UNKNOWN_OPTION,
          option,
          "key "
              + quote(key)
              + " of the secretRef Secret is ignored; did you mean "
              + normalised
              + "? (Secret keys are exact: rename the key in the Secret)");
    }
  }

  /** Message tail pointing at a misspelt key the user gave instead of {@code option}. */
  private static String nearMiss(RawOptions options, String option) {
    for (String key : options.keys()) {
      if (!KnownOptions.isKnown(key)
          && KnownOptions.didYouMean(key).filter(option::equals).isPresent()) {
        return " (the options have " + quote(key) + ": did you mean " + option + "?)";
      }
    }
    return "";
  }

  private static void required(RawOptions options, Problems problems, String option, String what) {
    problems.add(
        OptionRule.REQUIRED_OPTION,
        option,
        "option " + option + " is required: " + what + nearMiss(options, option));
  }

  private static String vaultName(RawOptions options, Problems problems) {
    Optional<String> v = options.text(KEYVAULT_NAME);
    if (v.isEmpty()) {
      required(
          options, problems, KEYVAULT_NAME, "give the name of the Key Vault (e.g. \"myvault\")");
      return "";
    }
    String name = v.get();
    if (!VAULT_NAME.matcher(name).matches() || name.contains("--")) {
      problems.add(
          OptionRule.INVALID_VAULT_NAME,
          KEYVAULT_NAME,
          "option keyvaultname "
              + quote(name)
              + " is not a Key Vault name: use 3-24 letters, digits and '-', starting with a"
              + " letter, ending with a letter or digit, without \"--\" (the name only, not the"
              + " URL)");
    }
    return name;
  }

  private static String tenantId(RawOptions options, Problems problems) {
    Optional<String> v = options.text(TENANT_ID);
    if (v.isEmpty()) {
      required(
          options,
          problems,
          TENANT_ID,
          "give the Entra ID tenant (directory) id of the vault, a GUID, or \"adfs\" on Azure"
              + " Stack Hub with AD FS");
      return "";
    }
    if (v.get().equalsIgnoreCase("adfs")) {
      return "adfs";
    }
    if (!Texts.isGuid(v.get())) {
      problems.add(
          OptionRule.INVALID_TENANT_ID,
          TENANT_ID,
          "option tenantid "
              + quote(v.get())
              + " is not a tenant id: give the directory (tenant) GUID, e.g."
              + " 72f988bf-86f1-41af-91ab-2d7cd011db47, or \"adfs\" for Azure Stack Hub with AD FS");
    }
    return v.get();
  }

  private static CloudSelection cloud(RawOptions options, Problems problems) {
    CloudName name = CloudName.AZURE_PUBLIC_CLOUD;
    boolean nameValid = true;
    Optional<String> v = options.text(CLOUD_NAME);
    if (v.isPresent()) {
      Optional<CloudName> parsed = CloudName.fromOption(v.get());
      if (parsed.isEmpty()) {
        nameValid = false;
        problems.add(
            OptionRule.INVALID_CLOUD_NAME,
            CLOUD_NAME,
            "option cloudname "
                + quote(v.get())
                + " is not a known cloud: use one of "
                + Arrays.stream(CloudName.values())
                    .map(CloudName::optionValue)
                    .collect(Collectors.joining(", "))
                + " (case does not matter; default AzurePublicCloud)");
      } else {
        name = parsed.get();
      }
    }
    Optional<String> file = options.text(CLOUD_ENV_FILE_NAME);
    boolean stack = name == CloudName.AZURE_STACK_CLOUD;
    if (stack && file.isEmpty()) {
      problems.add(
          OptionRule.INVALID_CLOUD_ENV_FILE,
          CLOUD_ENV_FILE_NAME,
          "cloudname AzureStackCloud needs option cloudenvfilename: the absolute path, on the"
              + " node, of the cloud environment JSON file (see README \"Cloud environment"
              + " file\")");
      return new CloudSelection(name, Optional.empty());
    }
    if (file.isEmpty() || !nameValid) {
      return new CloudSelection(name, Optional.empty());
    }
    if (!stack) {
      problems.add(
          OptionRule.INVALID_CLOUD_ENV_FILE,
          CLOUD_ENV_FILE_NAME,
          "option cloudenvfilename is read only with cloudname AzureStackCloud, but the cloud is "
              + name.optionValue()
              + "; set cloudname: AzureStackCloud or remove cloudenvfilename");
      return new CloudSelection(name, Optional.empty());
    }
    Path path = Path.of(file.get());
    boolean dotDot = Arrays.asList(file.get().split("/")).contains("..");
    if (!path.isAbsolute() || dotDot) {
      problems.add(
          OptionRule.INVALID_CLOUD_ENV_FILE,
          CLOUD_ENV_FILE_NAME,
          "option cloudenvfilename "
              + quote(file.get())
              + " is not an absolute path without \"..\"; give the file's full path on the node,"
              + " e.g. /etc/kubernetes/azurestackcloud.json");
      return new CloudSelection(name, Optional.empty());
    }
    return new CloudSelection(name, Optional.of(path));
  }

  private static Optional<String> subscriptionId(RawOptions options, Problems problems) {
    Optional<String> v = options.text(SUBSCRIPTION_ID);
    if (v.isPresent() && !Texts.isGuid(v.get())) {
      problems.add(
          OptionRule.INVALID_SUBSCRIPTION_ID,
          SUBSCRIPTION_ID,
          "option subscriptionid "
              + quote(v.get())
              + " is not a subscription id: give the subscription GUID of the vault, or remove"
              + " the option (the driver does not need it)");
      return Optional.empty();
    }
    return v.map(s -> s.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> resourceGroup(RawOptions options, Problems problems) {
    Optional<String> v = options.text(RESOURCE_GROUP);
    if (v.isPresent() && !RESOURCE_GROUP_NAME.matcher(v.get()).matches()) {
      problems.add(
          OptionRule.INVALID_RESOURCE_GROUP,
          RESOURCE_GROUP,
          "option resourcegroup "
              + quote(v.get())
              + " is not a resource group name (1-90 letters, digits, '-', '_', '.', '(', ')',"
              + " not ending in '.'); the driver ignores it, kvctl check-access uses it");
    }
    return v;
  }
}
