package io.kvflex.options;

import java.util.Optional;

/**
 * Every rule the options parser checks, with its stable id (used by {@code kvctl lint} and in the
 * README) and default severity. Ids never change meaning; new rules are added at the end.
 */
public enum OptionRule {
  INVALID_OPTIONS_JSON(
      "invalid-options-json", Severity.ERROR, "options are not a flat JSON object of strings"),
  REQUIRED_OPTION("required-option", Severity.ERROR, "a required option is missing or empty"),
  INVALID_TENANT_ID("invalid-tenant-id", Severity.ERROR, "tenantid is not a GUID or adfs"),
  INVALID_VAULT_NAME(
      "invalid-vault-name", Severity.ERROR, "keyvaultname is not a valid Key Vault name"),
  INVALID_OBJECT_NAME(
      "invalid-object-name", Severity.ERROR, "an object name is not a valid Key Vault object name"),
  INVALID_OBJECT_VERSION(
      "invalid-object-version", Severity.ERROR, "an object version is not a Key Vault version id"),
  EMPTY_LIST_ELEMENT(
      "empty-list-element", Severity.ERROR, "a ;-list of names or types has an empty element"),
  LIST_COUNT_MISMATCH(
      "list-count-mismatch",
      Severity.ERROR,
      "a ;-list has a different number of items than keyvaultobjectnames"),
  INVALID_OBJECT_TYPE(
      "invalid-object-type", Severity.ERROR, "an object type is not secret, key or cert"),
  INVALID_FORMAT("invalid-format", Severity.ERROR, "an object format is unknown"),
  FORMAT_NOT_ALLOWED_FOR_TYPE(
      "format-not-allowed-for-type",
      Severity.ERROR,
      "an object format does not apply to the object's type"),
  UNSAFE_ALIAS("unsafe-alias", Severity.ERROR, "a file name is not a safe relative path"),
  DUPLICATE_FILE_NAME(
      "duplicate-file-name", Severity.ERROR, "two objects would be written to the same file"),
  FILE_PATH_CONFLICT(
      "file-path-conflict",
      Severity.ERROR,
      "a file name is also used as a directory by another file name"),
  INVALID_BOOLEAN("invalid-boolean", Severity.ERROR, "a boolean option is not true or false"),
  IDENTITY_MODE_CONFLICT(
      "identity-mode-conflict", Severity.ERROR, "options select more than one identity mode"),
  MISSING_CREDENTIALS(
      "missing-credentials", Severity.ERROR, "the selected identity mode lacks its credentials"),
  MISSING_POD_INFO(
      "missing-pod-info",
      Severity.ERROR,
      "pod identity without the kubelet's pod name or namespace"),
  INVALID_CLIENT_ID("invalid-client-id", Severity.ERROR, "a client id is not a GUID"),
  INVALID_CLIENT_CERTIFICATE(
      "invalid-client-certificate",
      Severity.ERROR,
      "clientcert is neither PEM (certificate + key) nor PKCS#12"),
  INVALID_SECRET_ENCODING(
      "invalid-secret-encoding", Severity.ERROR, "a kubernetes.io/secret/* value is not base64"),
  INLINE_SECRET(
      "inline-secret",
      Severity.ERROR,
      "a credential is written in the options instead of the secretRef Secret"),
  INVALID_NMI_PORT("invalid-nmi-port", Severity.ERROR, "nmiport is not a port number"),
  INVALID_SUBSCRIPTION_ID(
      "invalid-subscription-id", Severity.ERROR, "subscriptionid is not a GUID"),
  INVALID_RESOURCE_GROUP(
      "invalid-resource-group",
      Severity.WARNING,
      "resourcegroup is not a valid resource group name"),
  INVALID_FILEMODE(
      "invalid-filemode",
      Severity.ERROR,
      "filemode is not an octal mode readable by its owner and not writable by others"),
  INVALID_TMPFS_SIZE("invalid-tmpfs-size", Severity.ERROR, "tmpfssize is not a size within bounds"),
  INVALID_TIMEOUT("invalid-timeout", Severity.ERROR, "timeout is not a duration within bounds"),
  INVALID_FSGROUP("invalid-fsgroup", Severity.ERROR, "the kubelet's fsGroup is not a group id"),
  INVALID_CLOUD_NAME("invalid-cloud-name", Severity.ERROR, "cloudname is not a known cloud"),
  INVALID_CLOUD_ENV_FILE(
      "invalid-cloud-env-file",
      Severity.ERROR,
      "cloudenvfilename is missing, relative, or set for another cloud"),
  LEGACY_OPTION_CONFLICT(
      "legacy-option-conflict",
      Severity.ERROR,
      "a plural option and its legacy singular form disagree"),
  POD_IMPERSONATION(
      "pod-impersonation",
      Severity.ERROR,
      "kubernetes.io/pod.* keys disagree with the kubelet's mount directory"),
  UNKNOWN_OPTION("unknown-option", Severity.WARNING, "an option key kvflex does not know (typo?)"),
  UNUSED_OPTION(
      "unused-option",
      Severity.WARNING,
      "an option that has no effect with the other options given"),
  LEGACY_OPTION(
      "legacy-option",
      Severity.INFO,
      "a legacy singular option name; the plural form is preferred"),
  INVALID_ROTATION_POLL_INTERVAL(
      "invalid-rotation-poll-interval",
      Severity.ERROR,
      "rotationpollinterval is not a duration within bounds");

  private final String id;
  private final Severity severity;
  private final String summary;

  OptionRule(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  /** Stable kebab-case id. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** One line saying what the rule checks (for docs and {@code kvctl lint --list-rules}). */
  public String summary() {
    return summary;
  }

  public static Optional<OptionRule> fromId(String id) {
    for (OptionRule r : values()) {
      if (r.id.equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
