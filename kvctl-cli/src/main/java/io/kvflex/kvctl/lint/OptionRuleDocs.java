package io.kvflex.kvctl.lint;

import io.kvflex.options.OptionRule;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lint rules backed by the driver's own option validation ({@link OptionRule}): ids and severities
 * come from the driver, the documentation text is written here.
 */
final class OptionRuleDocs {
  private OptionRuleDocs() {}

  /**
   * Option rules that cannot arise from a manifest, because they are about values the kubelet
   * provides at mount time (lint feeds placeholders for them; see {@link OptionsCheck}) or about
   * the JSON the kubelet writes. Their ids are reserved and never reported by lint.
   */
  static final Set<OptionRule> NOT_APPLICABLE =
      EnumSet.of(
          OptionRule.INVALID_OPTIONS_JSON,
          OptionRule.MISSING_CREDENTIALS,
          OptionRule.MISSING_POD_INFO,
          OptionRule.INVALID_CLIENT_CERTIFICATE,
          OptionRule.INVALID_SECRET_ENCODING,
          OptionRule.INVALID_FSGROUP,
          OptionRule.POD_IMPERSONATION);

  /**
   * Where lint's severity differs from the driver's. resourcegroup is unused by the driver, so a
   * malformed one only warns there; lint treats it as an error because kvctl check-access cannot
   * find the vault with it (issue: "info when missing, error when malformed").
   */
  private static final java.util.Map<OptionRule, io.kvflex.options.Severity> LINT_SEVERITY =
      java.util.Map.of(OptionRule.INVALID_RESOURCE_GROUP, io.kvflex.options.Severity.ERROR);

  /** Every applicable option rule as a lint rule, in the driver's order. */
  static List<Rule> rules() {
    return Arrays.stream(OptionRule.values())
        .filter(r -> !NOT_APPLICABLE.contains(r))
        .map(OptionRuleDocs::rule)
        .toList();
  }

  static Rule rule(OptionRule r) {
    String[] doc = doc(r);
    return new Rule(
        r.id(),
        LINT_SEVERITY.getOrDefault(r, r.severity()),
        Rule.Source.OPTIONS,
        r.summary(),
        doc == null ? "The driver checks this when it mounts the volume." : doc[0],
        doc == null ? "Follow the finding's message." : doc[1]);
  }

  /** {description, fix}, or null when only the driver's summary exists. */
  private static String[] doc(OptionRule r) {
    switch (r) {
      case REQUIRED_OPTION:
        return new String[] {
          "keyvaultname, keyvaultobjectnames, keyvaultobjecttypes and tenantid must be set (the"
              + " legacy singular forms count); the mount fails without them.",
          "Add the option named in the message."
        };
      case INVALID_TENANT_ID:
        return new String[] {
          "The tenant is the directory GUID of the vault (or adfs on Azure Stack Hub); a domain"
              + " name or a typo fails authentication at mount time.",
          "Use the GUID from `az account show --query tenantId`."
        };
      case INVALID_VAULT_NAME:
        return new String[] {
          "Key Vault names are 3-24 letters, digits and '-', start with a letter, end with a"
              + " letter or digit and never contain \"--\". A URL or a typo fails every mount.",
          "Write the vault's name only (myvault, not https://myvault.vault.azure.net)."
        };
      case INVALID_OBJECT_NAME:
        return new String[] {
          "Key Vault object names are 1-127 letters, digits and '-'.",
          "Use the object's name as shown by `az keyvault secret list`."
        };
      case INVALID_OBJECT_VERSION:
        return new String[] {
          "A version is the 32-character hex id Key Vault assigned, or empty for the latest.",
          "Copy the version id, or leave the list element empty for the latest version."
        };
      case EMPTY_LIST_ELEMENT:
        return new String[] {
          "Names and types lists must not have empty elements (\"a;;b\", a trailing \";\").",
          "Remove the extra ';'."
        };
      case LIST_COUNT_MISMATCH:
        return new String[] {
          "types, versions, aliases and formats are matched to keyvaultobjectnames by position;"
              + " the legacy driver silently ignored mismatched aliases and versions.",
          "Give one element per object name (an empty element means the default)."
        };
      case INVALID_OBJECT_TYPE:
        return new String[] {
          "Each object type is secret, key or cert (certificate is accepted).",
          "Fix the type at the reported position."
        };
      case INVALID_FORMAT:
        return new String[] {
          "keyvaultobjectformats elements are raw, pem, pfx, base64, hex (secrets), pem, jwk,"
              + " modulus (keys), pem, der (certs).",
          "Use one of the formats of the object's type, or leave the element empty."
        };
      case FORMAT_NOT_ALLOWED_FOR_TYPE:
        return new String[] {
          "A format that does not apply to the object's type (e.g. jwk for a secret).",
          "Pick a format of that type (see the README formats table)."
        };
      case UNSAFE_ALIAS:
        return new String[] {
          "File names must be relative paths without '..', empty segments or a leading '/'; the"
              + " legacy driver wrote such names outside the volume.",
          "Use a plain relative file name such as tls/cert.pem."
        };
      case DUPLICATE_FILE_NAME:
        return new String[] {
          "Two objects of one volume would be written to the same file (same alias or name).",
          "Give them distinct keyvaultobjectaliases."
        };
      case FILE_PATH_CONFLICT:
        return new String[] {
          "One file name is also a directory of another (a and a/b).", "Rename one of the aliases."
        };
      case INVALID_BOOLEAN:
        return new String[] {
          "Boolean options are exactly \"true\" or \"false\" (any case).",
          "Write \"true\" or \"false\"."
        };
      case IDENTITY_MODE_CONFLICT:
        return new String[] {
          "usepodidentity, usevmmanagedidentity and the secretRef Secret's clientsecret or"
              + " clientcert each select an identity; a volume uses exactly one.",
          "Keep one identity: remove the other flag, or the secretRef."
        };
      case INVALID_CLIENT_ID:
        return new String[] {
          "A client id (vmmanagedidentityclientid, the Secret's clientid) is a GUID.",
          "Use the application (client) id GUID of the identity."
        };
      case INLINE_SECRET:
        return new String[] {
          "A credential (clientsecret, clientid, ...) written in the options is stored in clear"
              + " text in the pod spec, readable by anyone who can read pods.",
          "Remove it and put it in a Secret of type azure/kv referenced by secretRef."
        };
      case INVALID_NMI_PORT:
        return new String[] {
          "nmiport is the port of aad-pod-identity's NMI, 1-65535 (default 2579).",
          "Write a port number, quoted."
        };
      case INVALID_SUBSCRIPTION_ID:
        return new String[] {
          "subscriptionid is not used by the driver but by kvctl check-access; it must be the"
              + " vault's subscription GUID.",
          "Use `az account show --query id`, or remove the option."
        };
      case INVALID_RESOURCE_GROUP:
        return new String[] {
          "resourcegroup is not used by the driver (which only warns) but by kvctl check-access to"
              + " find the vault; lint reports a malformed one as an error.",
          "Give the vault's resource group name, or remove the option."
        };
      case INVALID_FILEMODE:
        return new String[] {
          "filemode is an octal file mode the owner can read (e.g. \"0440\"); a mode with the"
              + " write bit for others (\"0666\") would let any process of the pod replace the"
              + " secrets another one reads, so the driver refuses it.",
          "Write an octal mode with the owner read bit and without write for others, quoted."
        };
      case INVALID_TMPFS_SIZE:
        return new String[] {
          "tmpfssize caps the in-memory volume (e.g. \"16m\").",
          "Write a size within the documented bounds."
        };
      case INVALID_TIMEOUT:
        return new String[] {
          "timeout is the overall mount deadline (e.g. \"60s\").",
          "Write a duration within the documented bounds."
        };
      case INVALID_CLOUD_NAME:
        return new String[] {
          "cloudname names a known cloud (AzurePublicCloud, AzureUSGovernmentCloud,"
              + " AzureChinaCloud, AzureGermanCloud, AzureStackCloud).",
          "Use one of the names in the message."
        };
      case INVALID_CLOUD_ENV_FILE:
        return new String[] {
          "AzureStackCloud needs cloudenvfilename, an absolute path on the node; other clouds"
              + " ignore it.",
          "Set both options together, or neither."
        };
      case LEGACY_OPTION_CONFLICT:
        return new String[] {
          "A plural option and its legacy singular form are both set and disagree.",
          "Keep only the plural form."
        };
      case UNKNOWN_OPTION:
        return new String[] {
          "The driver ignores option keys it does not know; a typo silently loses the setting.",
          "Use the suggested name, or remove the key."
        };
      case UNUSED_OPTION:
        return new String[] {
          "An option that has no effect with the other options (e.g. nmiport without pod"
              + " identity).",
          "Remove it, or enable the mode it belongs to."
        };
      case LEGACY_OPTION:
        return new String[] {
          "keyvaultobjectname/type/version are the legacy singular forms; they still work.",
          "Rename to the plural form (keyvaultobjectnames, ...)."
        };
      case INVALID_ROTATION_POLL_INTERVAL:
        return new String[] {
          "rotationpollinterval is how often the node agent re-fetches the volume's objects while"
              + " the pod runs; below 5s polling costs vault requests for nothing, and every pod"
              + " of the workload polls on its own.",
          "Write a duration from 5s to 24h (e.g. \"30s\", \"2m\", \"1h\"), or remove the"
              + " option to fetch once, at pod start."
        };
      default:
        return null;
    }
  }
}
