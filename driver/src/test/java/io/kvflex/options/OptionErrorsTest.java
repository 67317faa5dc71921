package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.MOUNT_DIR;
import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static io.kvflex.options.OptionsFixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error and warning message, table-driven: a valid volume, one change, and the exact rule,
 * option and message the user sees. The last test proves every rule has a row.
 */
class OptionErrorsTest {
  private static final Set<String> COVERED = new HashSet<>();

  record Case(
      Supplier<Map<String, String>> base,
      Consumer<Map<String, String>> change,
      String ruleId,
      String option,
      String message) {}

  static Arguments row(
      String name,
      Consumer<Map<String, String>> change,
      String ruleId,
      String option,
      String message) {
    return Arguments.of(
        name, new Case(OptionsFixtures::servicePrincipal, change, ruleId, option, message));
  }

  static Arguments pod(
      String name,
      Consumer<Map<String, String>> change,
      String ruleId,
      String option,
      String message) {
    return Arguments.of(
        name, new Case(OptionsFixtures::podIdentity, change, ruleId, option, message));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "tenant missing",
            m -> m.remove("tenantid"),
            "required-option",
            "tenantid",
            "option tenantid is required: give the Entra ID tenant (directory) id of the vault, a GUID, or \"adfs\" on Azure Stack Hub with AD FS"),
        row(
            "tenant not a guid",
            m -> m.put("tenantid", "contoso.onmicrosoft.com"),
            "invalid-tenant-id",
            "tenantid",
            "option tenantid \"contoso.onmicrosoft.com\" is not a tenant id: give the directory (tenant) GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or \"adfs\" for Azure Stack Hub with AD FS"),
        row(
            "vault missing",
            m -> m.put("keyvaultname", ""),
            "required-option",
            "keyvaultname",
            "option keyvaultname is required: give the name of the Key Vault (e.g. \"myvault\")"),
        row(
            "vault name with --",
            m -> m.put("keyvaultname", "my--vault"),
            "invalid-vault-name",
            "keyvaultname",
            "option keyvaultname \"my--vault\" is not a Key Vault name: use 3-24 letters, digits and '-', starting with a letter, ending with a letter or digit, without \"--\" (the name only, not the URL)"),
        row(
            "vault url",
            m -> m.put("keyvaultname", "https://myvault.vault.azure.net"),
            "invalid-vault-name",
            "keyvaultname",
            "option keyvaultname \"https://myvault.vault.azure.net\" is not a Key Vault name"),
        row(
            "vault too long",
            m -> m.put("keyvaultname", "a234567890123456789012345"),
            "invalid-vault-name",
            "keyvaultname",
            "3-24 letters"),
        row(
            "names missing",
            m -> m.remove("keyvaultobjectnames"),
            "required-option",
            "keyvaultobjectnames",
            "option keyvaultobjectnames is required: list the Key Vault object names to mount, separated by ';' (e.g. \"db-password;tls-cert\")"),
        row(
            "types missing",
            m -> m.remove("keyvaultobjecttypes"),
            "required-option",
            "keyvaultobjecttypes",
            "option keyvaultobjecttypes is required: give one type per object name, separated by ';' (each secret, key or cert, e.g. \"secret;cert\")"),
        row(
            "trailing semicolon",
            m -> m.put("keyvaultobjectnames", "db-password;api-key;"),
            "empty-list-element",
            "keyvaultobjectnames",
            "option keyvaultobjectnames item 3 of 3 is empty; remove the stray ';'"),
        row(
            "bad object name",
            m -> m.put("keyvaultobjectnames", "db-password;api_key"),
            "invalid-object-name",
            "keyvaultobjectnames",
            "option keyvaultobjectnames item 2 (\"api_key\") is not a Key Vault object name: use 1-127 letters, digits and '-'"),
        row(
            "types count",
            m -> m.put("keyvaultobjecttypes", "secret"),
            "list-count-mismatch",
            "keyvaultobjecttypes",
            "option keyvaultobjecttypes has 1 item but keyvaultobjectnames has 2; give exactly one type per object name"),
        row(
            "versions count",
            m -> m.put("keyvaultobjectversions", "abc"),
            "list-count-mismatch",
            "keyvaultobjectversions",
            "option keyvaultobjectversions has 1 item but keyvaultobjectnames has 2; give one version per object name, leaving an item empty for the latest (e.g. \"3f2a...;\"), or remove the option"),
        row(
            "aliases count",
            m -> m.put("keyvaultobjectaliases", "a;b;c"),
            "list-count-mismatch",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases has 3 items but keyvaultobjectnames has 2; give one file name per object name, leaving an item empty to use the object name, or remove the option"),
        row(
            "formats count",
            m -> m.put("keyvaultobjectformats", "raw"),
            "list-count-mismatch",
            "keyvaultobjectformats",
            "option keyvaultobjectformats has 1 item but keyvaultobjectnames has 2; give one format per object name, leaving an item empty for the type's default, or remove the option"),
        row(
            "bad version",
            m -> m.put("keyvaultobjectversions", "../x;"),
            "invalid-object-version",
            "keyvaultobjectversions",
            "option keyvaultobjectversions item 1 (\"../x\") is not a Key Vault version id (letters and digits, e.g. \"3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b\"); leave it empty for the latest"),
        row(
            "bad type",
            m -> m.put("keyvaultobjecttypes", "secret;Secrets"),
            "invalid-object-type",
            "keyvaultobjecttypes",
            "option keyvaultobjecttypes item 2 (\"Secrets\") is not an object type: use secret, key or cert"),
        row(
            "empty type",
            m -> m.put("keyvaultobjecttypes", "secret;"),
            "empty-list-element",
            "keyvaultobjecttypes",
            "option keyvaultobjecttypes item 2 of 2 is empty; remove the stray ';'"),
        row(
            "bad format",
            m -> m.put("keyvaultobjectformats", "raw;p12"),
            "invalid-format",
            "keyvaultobjectformats",
            "option keyvaultobjectformats item 2 (\"p12\") is not a format: use one of raw, pem, pfx, base64, hex, jwk, modulus, der"),
        row(
            "format for wrong type",
            m -> m.put("keyvaultobjectformats", "der;"),
            "format-not-allowed-for-type",
            "keyvaultobjectformats",
            "option keyvaultobjectformats item 1 (\"der\") does not apply to a secret: a secret can be written as raw, pem, pfx, base64, hex (default raw)"),
        row(
            "absolute alias",
            m -> m.put("keyvaultobjectaliases", "/etc/passwd;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 1 (\"/etc/passwd\") is an absolute path; give a path relative to the volume, e.g. \"tls/cert.pem\""),
        row(
            "dotdot alias",
            m -> m.put("keyvaultobjectaliases", ";a/../../x"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 2 (\"a/../../x\") contains a \"..\" segment; files must stay inside the volume"),
        row(
            "empty segment alias",
            m -> m.put("keyvaultobjectaliases", "a//b;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 1 (\"a//b\") has an empty path segment (\"//\" or a trailing '/'); name a file"),
        row(
            "trailing slash alias",
            m -> m.put("keyvaultobjectaliases", "dir/;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "has an empty path segment"),
        row(
            "reserved alias",
            m -> m.put("keyvaultobjectaliases", "..data;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 1 (\"..data\") has a segment starting with \"..\", which is reserved for the driver's atomic update; rename it"),
        row(
            "backslash alias",
            m -> m.put("keyvaultobjectaliases", "a\\b;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 1 (\"a\\\\b\") contains a backslash; separate directories with '/'"),
        row(
            "control char alias",
            m -> m.put("keyvaultobjectaliases", "a\u0001b;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "option keyvaultobjectaliases item 1 (\"a\\u0001b\") contains a control character"),
        row(
            "dot alias",
            m -> m.put("keyvaultobjectaliases", "./a;"),
            "unsafe-alias",
            "keyvaultobjectaliases",
            "contains a \".\" segment"),
        row(
            "duplicate alias",
            m -> m.put("keyvaultobjectaliases", "same;same"),
            "duplicate-file-name",
            "keyvaultobjectaliases",
            "objects 1 and 2 would both be written to file \"same\"; give one of them a different name in keyvaultobjectaliases"),
        row(
            "alias equals other name",
            m -> m.put("keyvaultobjectaliases", ";db-password"),
            "duplicate-file-name",
            "keyvaultobjectaliases",
            "objects 1 and 2 would both be written to file \"db-password\""),
        row(
            "duplicate names",
            m -> m.put("keyvaultobjectnames", "db-password;db-password"),
            "duplicate-file-name",
            "keyvaultobjectnames",
            "objects 1 and 2 would both be written to file \"db-password\"; give one of them a different name in keyvaultobjectaliases"),
        row(
            "file vs dir",
            m -> m.put("keyvaultobjectaliases", "tls;tls/key.pem"),
            "file-path-conflict",
            "keyvaultobjectaliases",
            "object 2 is written to \"tls/key.pem\", inside \"tls\", which is the file of object 1; a path cannot be both a file and a directory, rename one of them in keyvaultobjectaliases"),
        row(
            "bad boolean",
            m -> m.put("usepodidentity", "yes"),
            "invalid-boolean",
            "usepodidentity",
            "option usepodidentity is \"yes\"; write \"true\" or \"false\""),
        row(
            "bad boolean vm",
            m -> m.put("usevmmanagedidentity", "1"),
            "invalid-boolean",
            "usevmmanagedidentity",
            "option usevmmanagedidentity is \"1\"; write \"true\" or \"false\""),
        row(
            "sp plus pod identity",
            m -> m.put("usepodidentity", "True"),
            "identity-mode-conflict",
            "kubernetes.io/secret/clientsecret",
            "usepodidentity=true (pod identity) and key clientsecret of the secretRef Secret (service principal with client secret) select two identity modes; a volume uses exactly one: keep one of them"),
        pod(
            "pod plus vm",
            m -> m.put("usevmmanagedidentity", "true"),
            "identity-mode-conflict",
            "usevmmanagedidentity",
            "usepodidentity=true (pod identity) and usevmmanagedidentity=true (VM managed identity) select two identity modes; a volume uses exactly one: keep one of them"),
        row(
            "secret plus cert",
            m ->
                m.put(
                    "kubernetes.io/secret/clientcert",
                    b64("-----BEGIN CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----")),
            "identity-mode-conflict",
            "kubernetes.io/secret/clientcert",
            "key clientsecret of the secretRef Secret (service principal with client secret) and key clientcert of the secretRef Secret (service principal with client certificate) select two identity modes"),
        row(
            "no credentials",
            m -> {
              m.remove("kubernetes.io/secret/clientid");
              m.remove("kubernetes.io/secret/clientsecret");
            },
            "missing-credentials",
            "kubernetes.io/secret/clientid",
            "no identity: create a Secret of type azure/kv with keys clientid and clientsecret (or clientcert) and reference it with the volume's secretRef, or set usepodidentity or usevmmanagedidentity to \"true\""),
        row(
            "client id missing",
            m -> m.remove("kubernetes.io/secret/clientid"),
            "missing-credentials",
            "kubernetes.io/secret/clientid",
            "the secretRef Secret has clientsecret but no clientid key; add key clientid (the application's client id) to it"),
        row(
            "client secret missing",
            m -> m.remove("kubernetes.io/secret/clientsecret"),
            "missing-credentials",
            "kubernetes.io/secret/clientsecret",
            "no identity: create a Secret"),
        row(
            "client id not a guid",
            m -> m.put("kubernetes.io/secret/clientid", b64(SENTINEL_SECRET)),
            "invalid-client-id",
            "kubernetes.io/secret/clientid",
            "key clientid of the secretRef Secret is not a GUID; it must hold the application (client) id of the service principal, e.g. 00000000-0000-0000-0000-000000000000"),
        row(
            "vm client id not a guid",
            m -> {
              m.remove("kubernetes.io/secret/clientid");
              m.remove("kubernetes.io/secret/clientsecret");
              m.put("usevmmanagedidentity", "true");
              m.put("vmmanagedidentityclientid", "my-identity");
            },
            "invalid-client-id",
            "vmmanagedidentityclientid",
            "option vmmanagedidentityclientid is \"my-identity\", not a GUID; give the client id of the user-assigned identity, or leave it empty for the system-assigned identity"),
        row(
            "bad client cert",
            m -> {
              m.remove("kubernetes.io/secret/clientsecret");
              m.put("kubernetes.io/secret/clientcert", b64("just text"));
            },
            "invalid-client-certificate",
            "kubernetes.io/secret/clientcert",
            "key clientcert of the secretRef Secret is neither PEM with a CERTIFICATE and a PRIVATE KEY block nor a binary PKCS#12 file; store the PEM file or the .pfx bytes in it"),
        row(
            "cert without key",
            m -> {
              m.remove("kubernetes.io/secret/clientsecret");
              m.put(
                  "kubernetes.io/secret/clientcert",
                  b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
            },
            "invalid-client-certificate",
            "kubernetes.io/secret/clientcert",
            "neither PEM"),
        row(
            "bad base64",
            m -> m.put("kubernetes.io/secret/clientsecret", SENTINEL_SECRET + "!"),
            "invalid-secret-encoding",
            "kubernetes.io/secret/clientsecret",
            "the value of kubernetes.io/secret/clientsecret is not base64; the kubelet passes each key of the secretRef Secret base64-encoded, so do not set kubernetes.io/secret/clientsecret in the volume options, put key clientsecret in the Secret instead"),
        row(
            "inline secret",
            m -> m.put("clientsecret", SENTINEL_SECRET),
            "inline-secret",
            "clientsecret",
            "option clientsecret puts a credential in the pod spec in clear text; remove it and put key clientsecret in a Secret of type azure/kv referenced by the volume's secretRef"),
        row(
            "inline secret other case",
            m -> m.put("clientSecret", SENTINEL_SECRET),
            "inline-secret",
            "clientSecret",
            "put key clientsecret in a Secret of type azure/kv"),
        row(
            "inline client id",
            m -> m.put("client_id", "x"),
            "inline-secret",
            "client_id",
            "put key clientid in a Secret"),
        pod(
            "missing pod name",
            m -> m.remove("kubernetes.io/pod.name"),
            "missing-pod-info",
            "kubernetes.io/pod.name",
            "pod identity (usepodidentity: \"true\") needs the pod name and namespace, but the kubelet did not pass kubernetes.io/pod.name; this happens only when the driver is called by hand: pass the kubelet's kubernetes.io/pod.* keys"),
        pod(
            "missing pod namespace",
            m -> m.put("kubernetes.io/pod.namespace", ""),
            "missing-pod-info",
            "kubernetes.io/pod.namespace",
            "did not pass kubernetes.io/pod.namespace"),
        pod(
            "nmi port zero",
            m -> m.put("nmiport", "0"),
            "invalid-nmi-port",
            "nmiport",
            "option nmiport is \"0\"; give the NMI port as a number from 1 to 65535 (default 2579)"),
        pod(
            "nmi port text",
            m -> m.put("nmiport", "nmiportnumber"),
            "invalid-nmi-port",
            "nmiport",
            "option nmiport is \"nmiportnumber\""),
        pod(
            "nmi port too big",
            m -> m.put("nmiport", "65536"),
            "invalid-nmi-port",
            "nmiport",
            "from 1 to 65535"),
        row(
            "subscription not guid",
            m -> m.put("subscriptionid", "my-sub"),
            "invalid-subscription-id",
            "subscriptionid",
            "option subscriptionid \"my-sub\" is not a subscription id: give the subscription GUID of the vault, or remove the option (the driver does not need it)"),
        row(
            "resource group warning",
            m -> m.put("resourcegroup", "rg."),
            "invalid-resource-group",
            "resourcegroup",
            "option resourcegroup \"rg.\" is not a resource group name (1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'); the driver ignores it, kvctl check-access uses it"),
        row(
            "filemode not octal",
            m -> m.put("filemode", "rw-r--r--"),
            "invalid-filemode",
            "filemode",
            "option filemode \"rw-r--r--\" is not an octal mode; give an octal mode from 0400 to 0775 that includes owner read and not the write bit for others, e.g. \"0640\" (default 0644)"),
        row(
            "filemode world-writable",
            m -> m.put("filemode", "0666"),
            "invalid-filemode",
            "filemode",
            "option filemode \"0666\" lets any user write the files (others have the write bit), so one process could replace the secrets another one reads"),
        row(
            "filemode others write only",
            m -> m.put("filemode", "0602"),
            "invalid-filemode",
            "filemode",
            "lets any user write the files"),
        row(
            "filemode 8",
            m -> m.put("filemode", "0648"),
            "invalid-filemode",
            "filemode",
            "is not an octal mode"),
        row(
            "filemode setuid",
            m -> m.put("filemode", "4755"),
            "invalid-filemode",
            "filemode",
            "option filemode \"4755\" sets setuid, setgid or sticky bits, which files in a volume must not have"),
        row(
            "filemode unreadable",
            m -> m.put("filemode", "0044"),
            "invalid-filemode",
            "filemode",
            "option filemode \"0044\" leaves the file unreadable to its owner"),
        row(
            "tmpfs size text",
            m -> m.put("tmpfssize", "lots"),
            "invalid-tmpfs-size",
            "tmpfssize",
            "option tmpfssize \"lots\" is not a size from 1Mi to 1Gi; write bytes or a number with k, m, g (or Ki, Mi, Gi; all powers of 1024), e.g. \"16m\" (default 16m)"),
        row(
            "tmpfs too small",
            m -> m.put("tmpfssize", "512k"),
            "invalid-tmpfs-size",
            "tmpfssize",
            "\"512k\" is not a size from 1Mi to 1Gi"),
        row(
            "tmpfs too big",
            m -> m.put("tmpfssize", "2g"),
            "invalid-tmpfs-size",
            "tmpfssize",
            "\"2g\" is not a size"),
        row(
            "tmpfs percent",
            m -> m.put("tmpfssize", "50%"),
            "invalid-tmpfs-size",
            "tmpfssize",
            "\"50%\" is not a size"),
        row(
            "timeout text",
            m -> m.put("timeout", "forever"),
            "invalid-timeout",
            "timeout",
            "option timeout \"forever\" is not a duration from 5s to 10m; write seconds or minutes, e.g. \"90s\", \"2m\" or \"1m30s\" (default 60s)"),
        row(
            "timeout too short",
            m -> m.put("timeout", "1s"),
            "invalid-timeout",
            "timeout",
            "\"1s\" is not a duration from 5s to 10m"),
        row(
            "timeout too long",
            m -> m.put("timeout", "1h"),
            "invalid-timeout",
            "timeout",
            "\"1h\" is not a duration"),
        row(
            "timeout 11m",
            m -> m.put("timeout", "11m"),
            "invalid-timeout",
            "timeout",
            "\"11m\" is not a duration"),
        row(
            "rotation interval text",
            m -> m.put("rotationpollinterval", "hourly"),
            "invalid-rotation-poll-interval",
            "rotationpollinterval",
            "option rotationpollinterval \"hourly\" is not a duration from 5s to 24h; write e.g. \"30s\", \"2m\" or \"1h\" (or remove the option: without it the files are fetched once, when the pod starts)"),
        row(
            "rotation interval below the floor",
            m -> m.put("rotationpollinterval", "4s"),
            "invalid-rotation-poll-interval",
            "rotationpollinterval",
            "\"4s\" is not a duration from 5s to 24h"),
        row(
            "rotation interval zero",
            m -> m.put("rotationpollinterval", "0"),
            "invalid-rotation-poll-interval",
            "rotationpollinterval",
            "\"0\" is not a duration from 5s to 24h"),
        row(
            "rotation interval in milliseconds",
            m -> m.put("rotationpollinterval", "500ms"),
            "invalid-rotation-poll-interval",
            "rotationpollinterval",
            "\"500ms\" is not a duration"),
        row(
            "rotation interval above a day",
            m -> m.put("rotationpollinterval", "25h"),
            "invalid-rotation-poll-interval",
            "rotationpollinterval",
            "\"25h\" is not a duration from 5s to 24h"),
        row(
            "rotation of pinned objects only",
            m -> {
              m.put("rotationpollinterval", "1m");
              m.put(
                  "keyvaultobjectversions",
                  "3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b;0b1a2f3e4d5c6b7a8f1e4d8b9e0c7a2f");
            },
            "unused-option",
            "rotationpollinterval",
            "option rotationpollinterval is ignored: every object is pinned to a version in keyvaultobjectversions, and a pinned version never changes; remove the option, or leave the version empty for the objects that should follow the latest version"),
        row(
            "fsgroup",
            m -> m.put("kubernetes.io/mounterArgs.FsGroup", "-1"),
            "invalid-fsgroup",
            "kubernetes.io/mounterArgs.FsGroup",
            "kubernetes.io/mounterArgs.FsGroup is \"-1\", not a group id from 0 to 2147483647; it comes from the pod's securityContext.fsGroup, fix it there (and never set kubernetes.io/* keys in flexVolume.options)"),
        row(
            "legacy fsgroup",
            m -> m.put("kubernetes.io/fsGroup", "abc"),
            "invalid-fsgroup",
            "kubernetes.io/fsGroup",
            "kubernetes.io/fsGroup is \"abc\", not a group id"),
        row(
            "cloud name",
            m -> m.put("cloudname", "AzureCloud"),
            "invalid-cloud-name",
            "cloudname",
            "option cloudname \"AzureCloud\" is not a known cloud: use one of AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud, AzureStackCloud (case does not matter; default AzurePublicCloud)"),
        row(
            "stack without file",
            m -> m.put("cloudname", "azurestackcloud"),
            "invalid-cloud-env-file",
            "cloudenvfilename",
            "cloudname AzureStackCloud needs option cloudenvfilename: the absolute path, on the node, of the cloud environment JSON file (see README \"Cloud environment file\")"),
        row(
            "stack relative file",
            m -> {
              m.put("cloudname", "AzureStackCloud");
              m.put("cloudenvfilename", "cloud.json");
            },
            "invalid-cloud-env-file",
            "cloudenvfilename",
            "option cloudenvfilename \"cloud.json\" is not an absolute path without \"..\"; give the file's full path on the node, e.g. /etc/kubernetes/azurestackcloud.json"),
        row(
            "stack dotdot file",
            m -> {
              m.put("cloudname", "AzureStackCloud");
              m.put("cloudenvfilename", "/etc/../tmp/cloud.json");
            },
            "invalid-cloud-env-file",
            "cloudenvfilename",
            "is not an absolute path without \"..\""),
        row(
            "file without stack",
            m -> m.put("cloudenvfilename", "/etc/cloud.json"),
            "invalid-cloud-env-file",
            "cloudenvfilename",
            "option cloudenvfilename is read only with cloudname AzureStackCloud, but the cloud is AzurePublicCloud; set cloudname: AzureStackCloud or remove cloudenvfilename"),
        row(
            "plural vs singular",
            m -> m.put("keyvaultobjectname", "other"),
            "legacy-option-conflict",
            "keyvaultobjectname",
            "options keyvaultobjectnames and keyvaultobjectname (its legacy singular form) are both set, to different values; keep only keyvaultobjectnames"),
        row(
            "spoofed uid",
            m -> m.put("kubernetes.io/pod.uid", "11111111-0000-0000-0000-000000000000"),
            "pod-impersonation",
            "kubernetes.io/pod.uid",
            "kubernetes.io/pod.uid is \"11111111-0000-0000-0000-000000000000\" but the kubelet mounts this volume for pod uid \"0c3b9a1e-5f7d-4a2b-9c8e-1d2f3a4b5c6d\": the volume options override the kubelet's kubernetes.io/pod.* keys; remove every kubernetes.io/* key from flexVolume.options"),
        row(
            "uid blanked",
            m -> m.put("kubernetes.io/pod.uid", ""),
            "pod-impersonation",
            "kubernetes.io/pod.uid",
            "kubernetes.io/pod.uid is \"\" but the kubelet mounts this volume for pod uid"),
        row(
            "spoofed volume",
            m -> m.put("kubernetes.io/pvOrVolumeName", "other"),
            "pod-impersonation",
            "kubernetes.io/pvOrVolumeName",
            "kubernetes.io/pvOrVolumeName is \"other\" but the kubelet mounts volume \"secrets\": the volume options override the kubelet's kubernetes.io/* keys; remove every kubernetes.io/* key from flexVolume.options"),
        row(
            "unknown option",
            m -> m.put("keyvaultobjectalias", "x;y"),
            "unknown-option",
            "keyvaultobjectalias",
            "option \"keyvaultobjectalias\" is not a kvflex option and is ignored; did you mean keyvaultobjectaliases? (option names are lower case)"),
        row(
            "misspelt secret key",
            m -> m.put("kubernetes.io/secret/clientId", b64("x")),
            "unknown-option",
            "kubernetes.io/secret/clientId",
            "key \"clientId\" of the secretRef Secret is ignored; did you mean clientid? (Secret keys are exact: rename the key in the Secret)"),
        row(
            "unused nmi port",
            m -> m.put("nmiport", "2579"),
            "unused-option",
            "nmiport",
            "option nmiport is ignored: it applies only with usepodidentity: \"true\""),
        row(
            "unused vm client id",
            m -> m.put("vmmanagedidentityclientid", "x"),
            "unused-option",
            "vmmanagedidentityclientid",
            "option vmmanagedidentityclientid is ignored: it applies only with usevmmanagedidentity: \"true\""),
        row(
            "unused cert password",
            m -> m.put("kubernetes.io/secret/clientcertpassword", b64("pw")),
            "unused-option",
            "kubernetes.io/secret/clientcertpassword",
            "option kubernetes.io/secret/clientcertpassword is ignored: the Secret has no clientcert key to unlock"),
        row(
            "legacy name",
            m -> {
              m.remove("keyvaultobjectnames");
              m.put("keyvaultobjectname", "db-password;api-key");
            },
            "legacy-option",
            "keyvaultobjectname",
            "option keyvaultobjectname is the legacy form of keyvaultobjectnames; it works, but rename it to keyvaultobjectnames"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheProblem(String name, Case c) {
    Map<String, String> options = c.base().get();
    c.change().accept(options);
    ParseResult r = new OptionsParser().parse(options, Optional.of(Path.of(MOUNT_DIR)));
    OptionRule rule = OptionRule.fromId(c.ruleId()).orElseThrow();
    List<OptionProblem> found = rule.severity() == Severity.ERROR ? r.problems() : r.warnings();
    assertThat(found)
        .as("findings of %s", name)
        .extracting(OptionProblem::ruleId)
        .contains(c.ruleId());
    OptionProblem p =
        found.stream().filter(x -> x.ruleId().equals(c.ruleId())).findFirst().orElseThrow();
    assertThat(p.option()).isEqualTo(c.option());
    assertThat(p.severity()).isEqualTo(rule.severity());
    assertThat(p.message()).contains(c.message());
    if (rule.severity() == Severity.ERROR) {
      assertThat(r.request()).isEmpty();
      assertThat(r.problems()).as("only the one problem").hasSize(1);
    } else {
      assertThat(r.request()).isPresent();
    }
    for (OptionProblem any : r.problems()) {
      assertThat(any.message())
          .doesNotContain(SENTINEL_SECRET)
          .doesNotContain(b64(SENTINEL_SECRET));
    }
    for (OptionProblem any : r.warnings()) {
      assertThat(any.message()).doesNotContain(SENTINEL_SECRET);
    }
    COVERED.add(c.ruleId());
  }

  @AfterAll
  static void everyRuleHasARow() {
    Set<String> all = new HashSet<>();
    Arrays.stream(OptionRule.values()).map(OptionRule::id).forEach(all::add);
    all.remove("invalid-options-json"); // covered by OptionsJsonTest
    assertThat(COVERED).containsAll(all);
  }
}
