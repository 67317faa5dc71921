package io.kvflex.kvctl.lint;

import static io.kvflex.kvctl.lint.Rule.Source.DOCUMENT;
import static io.kvflex.kvctl.lint.Rule.Source.MANIFEST;

import io.kvflex.options.Severity;
import java.util.List;

/** The rules kvctl checks itself (documents and whole-manifest checks), with their docs. */
public final class ManifestRules {
  private ManifestRules() {}

  public static final Rule INVALID_YAML =
      new Rule(
          "invalid-yaml",
          Severity.ERROR,
          DOCUMENT,
          "a document is not valid YAML or JSON",
          "kubectl would refuse the whole file. kvctl reports the position of the syntax error (or"
              + " duplicate key) and still lints the other documents of the stream.",
          "Fix the syntax at the reported line (indentation, an unclosed bracket or quote, a key"
              + " written twice).");

  public static final Rule UNREADABLE_INPUT =
      new Rule(
          "unreadable-input",
          Severity.ERROR,
          DOCUMENT,
          "an input cannot be read as text",
          "The file is missing, unreadable, larger than kvctl reads, or not UTF-8 (a Latin-1"
              + " comment, UTF-16 without a byte-order mark). Kubernetes manifests are UTF-8;"
              + " UTF-16 and UTF-32 with a byte-order mark are read. The other inputs are still"
              + " linted and reported; kvctl exits 3 (could not read input).",
          "Fix the path, or convert the file to UTF-8 (the finding names the position of the"
              + " first bad byte and the iconv command).");

  public static final Rule UNRENDERED_TEMPLATE =
      new Rule(
          "unrendered-template",
          Severity.WARNING,
          DOCUMENT,
          "a Helm chart or template is linted before rendering",
          "Templates ({{ .Values... }}) are not manifests until Helm renders them: their syntax"
              + " and placeholder values would only produce false findings, so kvctl skips them."
              + " A directory holding Chart.yaml is reported once, at its Chart.yaml.",
          "Lint the rendered output: helm template CHART | kvctl lint - (findings then name the"
              + " template file from helm's # Source: comments).");

  public static final Rule NOT_KUBERNETES_OBJECT =
      new Rule(
          "not-kubernetes-object",
          Severity.WARNING,
          DOCUMENT,
          "a document is not a Kubernetes object",
          "A document without apiVersion and kind (a values file, a list, a plain string) is not a"
              + " manifest; it is skipped. Often a stray file in a linted directory.",
          "Lint only manifests (exclude the path in .kvctl.yaml), or add apiVersion and kind.");

  public static final Rule OPTION_NOT_A_STRING =
      new Rule(
          "option-not-a-string",
          Severity.ERROR,
          MANIFEST,
          "a flexVolume option value is not a string",
          "flexVolume.options is a map of strings: the API server rejects an unquoted true, yes,"
              + " 2579 or 0644 (YAML reads them as booleans and numbers), and the volume is never"
              + " created.",
          "Quote the value, e.g. usepodidentity: \"true\", nmiport: \"2579\".");

  public static final Rule KUBELET_KEY_IN_OPTIONS =
      new Rule(
          "kubelet-key-in-options",
          Severity.ERROR,
          MANIFEST,
          "a kubernetes.io/* key is written in flexVolume.options",
          "The kubelet adds kubernetes.io/* keys itself (pod name, namespace, uid, the secretRef's"
              + " keys). Writing them in the manifest overrides the kubelet's values: the driver"
              + " refuses such mounts as pod impersonation, and a kubernetes.io/secret/* key puts"
              + " a credential in the pod spec.",
          "Remove every kubernetes.io/* key from flexVolume.options; put credentials in the"
              + " secretRef Secret.");

  public static final Rule UNKNOWN_DRIVER =
      new Rule(
          "unknown-driver",
          Severity.WARNING,
          MANIFEST,
          "a flexVolume driver name looks like a misspelt azure/kv",
          "The kubelet looks the driver up by its exact name; a near miss such as azure/keyvault"
              + " or Azure/kv fails every mount with \"no volume plugin matched\".",
          "Write driver: \"azure/kv\".");

  public static final Rule MISSING_SECRETREF =
      new Rule(
          "missing-secretref",
          Severity.ERROR,
          MANIFEST,
          "service principal mode without a secretRef",
          "Without usepodidentity or usevmmanagedidentity the driver authenticates as a service"
              + " principal, whose client id and secret come only from the volume's secretRef"
              + " Secret. Without it every mount fails.",
          "Add flexVolume.secretRef.name naming a Secret of type azure/kv with keys clientid and"
              + " clientsecret (or clientcert), or set usepodidentity / usevmmanagedidentity to"
              + " \"true\".");

  public static final Rule SECRETREF_NOT_AN_OBJECT =
      new Rule(
          "secretref-not-an-object",
          Severity.ERROR,
          MANIFEST,
          "flexVolume.secretRef is written as a string",
          "flexVolume.secretRef is an object, {name: <Secret>}; some other tools' resources take a"
              + " plain string there, but the API server refuses a pod whose secretRef is one.",
          "Write secretRef: {name: <the Secret>} (two lines: secretRef: then name: <the"
              + " Secret>).");

  public static final Rule SECRETREF_RENAMED =
      new Rule(
          "secretref-renamed",
          Severity.ERROR,
          MANIFEST,
          "the secretRef Secret was renamed (kustomize) but the reference was not",
          "kustomize renames generated Secrets (secretGenerator adds a hash suffix such as"
              + " -6f59m8ghbb; namePrefix and nameSuffix add to every name) and rewrites references"
              + " only in fields it knows. When the input holds an azure/kv Secret whose name is"
              + " the secretRef plus such a suffix or prefix, and none with the exact name, the"
              + " kubelet will look for a Secret that does not exist and every mount fails.",
          "Turn off the hash suffix for the generator (generatorOptions: {disableNameSuffixHash:"
              + " true}), or teach kustomize the field with a nameReference configuration (kind:"
              + " Secret, fieldSpecs: [{path: spec/template/spec/volumes/flexVolume/secretRef/name,"
              + " kind: Deployment}], listed under configurations: in kustomization.yaml).");

  public static final Rule SECRETREF_WRONG_TYPE =
      new Rule(
          "secretref-wrong-type",
          Severity.ERROR,
          MANIFEST,
          "the secretRef Secret is not of type azure/kv",
          "The kubelet only hands a FlexVolume driver Secrets whose type equals the driver name;"
              + " any other type fails the mount with \"Cannot get secret of type azure/kv\".",
          "Set type: azure/kv on the Secret (kubectl create secret generic NAME --type=azure/kv"
              + " ...).");

  public static final Rule SECRETREF_MISSING_KEYS =
      new Rule(
          "secretref-missing-keys",
          Severity.ERROR,
          MANIFEST,
          "the secretRef Secret lacks clientid or clientsecret/clientcert",
          "A service principal needs key clientid and one of clientsecret or clientcert in the"
              + " Secret; the driver reads no other key names.",
          "Add the missing keys to the Secret (data or stringData).");

  public static final Rule SECRETREF_OTHER_NAMESPACE =
      new Rule(
          "secretref-other-namespace",
          Severity.WARNING,
          MANIFEST,
          "the secretRef Secret exists only in another namespace",
          "The kubelet reads the secretRef Secret from the pod's own namespace; a Secret with that"
              + " name in another namespace is not used.",
          "Create the Secret in the pod's namespace (or move the workload).");

  public static final Rule POD_IDENTITY_WITHOUT_BINDING =
      new Rule(
          "pod-identity-without-binding",
          Severity.ERROR,
          MANIFEST,
          "pod identity without an aadpodidbinding pod label",
          "With usepodidentity: \"true\" the token comes from aad-pod-identity's NMI, which only"
              + " serves pods carrying the aadpodidbinding label that matches an"
              + " AzureIdentityBinding selector; without it every mount fails with 403/404 from"
              + " NMI.",
          "Add label aadpodidbinding: <selector of your AzureIdentityBinding> to the pod"
              + " (template) metadata.");

  public static final Rule VOLUME_NOT_MOUNTED =
      new Rule(
          "volume-not-mounted",
          Severity.WARNING,
          MANIFEST,
          "an azure/kv volume is declared but no container mounts it",
          "The driver still fetches every object at pod start (vault requests, identity, failure"
              + " modes), for files nobody reads.",
          "Mount the volume in the container that needs it, or remove the volume.");

  public static final Rule MOUNT_NOT_READ_ONLY =
      new Rule(
          "mount-not-read-only",
          Severity.WARNING,
          MANIFEST,
          "an azure/kv volume is mounted without readOnly: true",
          "Secrets are input only: a writable mount lets the container change or delete the"
              + " fetched files, and hides mistakes where an application writes next to them.",
          "Add readOnly: true to the volumeMount.");

  public static final Rule SUBPATH_MOUNT =
      new Rule(
          "subpath-mount",
          Severity.WARNING,
          MANIFEST,
          "an azure/kv volume is mounted with subPath",
          "A subPath mount binds one path of the volume at container start: it never sees the"
              + " volume change afterwards, and when the name does not exist in the volume (an"
              + " alias typo) the kubelet silently creates an empty directory instead.",
          "Mount the whole volume at a directory and point the application at the file in it.");

  public static final Rule FILE_COLLISION =
      new Rule(
          "file-collision",
          Severity.ERROR,
          MANIFEST,
          "files of two volumes collide in a container",
          "Two volumes mounted at the same path, or one mounted over a file or directory another"
              + " volume writes, hide each other's files: the application reads the wrong secret"
              + " or none.",
          "Mount each volume at its own directory, or put the objects in one volume with"
              + " distinct keyvaultobjectaliases.");

  public static final Rule DUPLICATE_FETCH =
      new Rule(
          "duplicate-fetch",
          Severity.WARNING,
          MANIFEST,
          "two volumes of one pod fetch the same object",
          "Each volume is mounted on its own, so the same object is fetched from Key Vault twice"
              + " per pod start (throttling, cost).",
          "Fetch it once: list it in one volume (with two aliases if two file names are needed).");

  public static final Rule VAULT_LOCATION_MISSING =
      new Rule(
          "vault-location-missing",
          Severity.INFO,
          MANIFEST,
          "subscriptionid or resourcegroup is not set",
          "The driver does not need them (the legacy README listed them as required), but kvctl"
              + " check-access uses them to find the vault and read its access policies or role"
              + " assignments.",
          "Add subscriptionid (the vault's subscription GUID) and resourcegroup to the options to"
              + " let kvctl check-access find the vault, or ignore this note.");

  public static final Rule UNKNOWN_SUPPRESSION =
      new Rule(
          "unknown-suppression",
          Severity.WARNING,
          MANIFEST,
          "a suppression annotation names no rule",
          "kvflex.io/ignore-<rule-id> only suppresses the rule it names; a misspelt id suppresses"
              + " nothing, so the finding it was meant to silence still fails the run.",
          "Correct the rule id (kvctl rules lists them; the finding suggests the closest), or"
              + " remove the annotation.");

  public static final Rule ROTATION_REQUEST_RATE =
      new Rule(
          "rotation-request-rate",
          Severity.WARNING,
          MANIFEST,
          "rotating volumes poll a vault fast enough to approach its request limit",
          "With rotationpollinterval the node agent re-fetches every object that is not pinned to"
              + " a version, in every pod, once per interval: pods × objects × 10 s / interval"
              + " requests per 10 s, summed over the workloads of one vault in the input (a"
              + " DaemonSet counts as "
              + PodCount.ASSUMED_NODES
              + " nodes). Key Vault allows 4,000 requests per 10 s per vault for secrets,"
              + " certificates and software RSA-2048/EC keys (HSM keys and RSA 3072/4096 keys weigh"
              + " 2 to 16 times more), shared with mounts and every other client; past it the vault"
              + " answers 429 and rotations and pod starts wait. A volume polling more often than"
              + " once a minute is flagged when its vault's total reaches 25% of that limit.",
          "Poll less often (rotationpollinterval: \"1m\" or more), pin the objects that never"
              + " change (keyvaultobjectversions), or spread the objects over more vaults.");

  /** Every manifest/document rule, in documentation order. */
  public static final List<Rule> ALL =
      List.of(
          UNREADABLE_INPUT,
          UNRENDERED_TEMPLATE,
          INVALID_YAML,
          NOT_KUBERNETES_OBJECT,
          OPTION_NOT_A_STRING,
          KUBELET_KEY_IN_OPTIONS,
          UNKNOWN_DRIVER,
          MISSING_SECRETREF,
          SECRETREF_NOT_AN_OBJECT,
          SECRETREF_RENAMED,
          SECRETREF_WRONG_TYPE,
          SECRETREF_MISSING_KEYS,
          SECRETREF_OTHER_NAMESPACE,
          POD_IDENTITY_WITHOUT_BINDING,
          VOLUME_NOT_MOUNTED,
          MOUNT_NOT_READ_ONLY,
          SUBPATH_MOUNT,
          FILE_COLLISION,
          DUPLICATE_FETCH,
          VAULT_LOCATION_MISSING,
          UNKNOWN_SUPPRESSION,
          ROTATION_REQUEST_RATE);
}
