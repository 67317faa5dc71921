package io.kvflex.options;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical option keys: the volume options users write, the legacy singular forms, and the
 * keys the kubelet adds. Used by the parser and by {@code kvctl lint} (typo detection).
 */
public final class KnownOptions {
  public static final String KEYVAULT_NAME = "keyvaultname";
  public static final String OBJECT_NAMES = "keyvaultobjectnames";
  public static final String OBJECT_TYPES = "keyvaultobjecttypes";
  public static final String OBJECT_VERSIONS = "keyvaultobjectversions";
  public static final String OBJECT_ALIASES = "keyvaultobjectaliases";
  public static final String OBJECT_FORMATS = "keyvaultobjectformats";

  /** Legacy singular forms, read when the plural is absent. */
  public static final String OBJECT_NAME = "keyvaultobjectname";

  public static final String OBJECT_TYPE = "keyvaultobjecttype";
  public static final String OBJECT_VERSION = "keyvaultobjectversion";
  public static final String TENANT_ID = "tenantid";
  public static final String USE_POD_IDENTITY = "usepodidentity";
  public static final String USE_VM_MANAGED_IDENTITY = "usevmmanagedidentity";
  public static final String VM_MANAGED_IDENTITY_CLIENT_ID = "vmmanagedidentityclientid";
  public static final String NMI_PORT = "nmiport";
  public static final String CLOUD_NAME = "cloudname";
  public static final String CLOUD_ENV_FILE_NAME = "cloudenvfilename";
  public static final String RESOURCE_GROUP = "resourcegroup";
  public static final String SUBSCRIPTION_ID = "subscriptionid";
  public static final String FILE_MODE = "filemode";
  public static final String TMPFS_SIZE = "tmpfssize";
  public static final String TIMEOUT = "timeout";
  public static final String ROTATION_POLL_INTERVAL = "rotationpollinterval";

  /** Kubelet-generated keys. */
  public static final String KUBELET_PREFIX = "kubernetes.io/";

  public static final String FS_TYPE = "kubernetes.io/fsType";
  public static final String READ_WRITE = "kubernetes.io/readwrite";
  public static final String PV_OR_VOLUME_NAME = "kubernetes.io/pvOrVolumeName";
  public static final String POD_NAME = "kubernetes.io/pod.name";
  public static final String POD_NAMESPACE = "kubernetes.io/pod.namespace";
  public static final String POD_UID = "kubernetes.io/pod.uid";
  public static final String SERVICE_ACCOUNT_NAME = "kubernetes.io/serviceAccount.name";
  public static final String FS_GROUP = "kubernetes.io/mounterArgs.FsGroup";
  public static final String FS_GROUP_LEGACY = "kubernetes.io/fsGroup";

  /** Every key of the {@code secretRef} Secret arrives as this prefix + key, base64-encoded. */
  public static final String SECRET_PREFIX = "kubernetes.io/secret/";

  public static final String SECRET_CLIENT_ID = SECRET_PREFIX + "clientid";
  public static final String SECRET_CLIENT_SECRET = SECRET_PREFIX + "clientsecret";
  public static final String SECRET_CLIENT_CERT = SECRET_PREFIX + "clientcert";
  public static final String SECRET_CLIENT_CERT_PASSWORD = SECRET_PREFIX + "clientcertpassword";

  /** Options a user writes under {@code flexVolume.options}, in documentation order. */
  public static final List<String> VOLUME_OPTIONS =
      List.of(
          KEYVAULT_NAME,
          OBJECT_NAMES,
          OBJECT_TYPES,
          OBJECT_VERSIONS,
          OBJECT_ALIASES,
          OBJECT_FORMATS,
          TENANT_ID,
          USE_POD_IDENTITY,
          USE_VM_MANAGED_IDENTITY,
          VM_MANAGED_IDENTITY_CLIENT_ID,
          NMI_PORT,
          CLOUD_NAME,
          CLOUD_ENV_FILE_NAME,
          FILE_MODE,
          TMPFS_SIZE,
          TIMEOUT,
          ROTATION_POLL_INTERVAL,
          RESOURCE_GROUP,
          SUBSCRIPTION_ID);

  /** Legacy singular forms (still accepted). */
  public static final List<String> LEGACY_OPTIONS =
      List.of(OBJECT_NAME, OBJECT_TYPE, OBJECT_VERSION);

  /** Keys the kubelet itself adds (besides {@link #SECRET_PREFIX} keys). */
  public static final List<String> KUBELET_OPTIONS =
      List.of(
          FS_TYPE,
          READ_WRITE,
          PV_OR_VOLUME_NAME,
          POD_NAME,
          POD_NAMESPACE,
          POD_UID,
          SERVICE_ACCOUNT_NAME,
          FS_GROUP,
          FS_GROUP_LEGACY);

  /** Keys of the {@code secretRef} Secret that kvflex reads. */
  public static final List<String> SECRET_KEYS =
      List.of("clientid", "clientsecret", "clientcert", "clientcertpassword");

  private static final Set<String> ALL_USER_OPTIONS =
      Set.copyOf(
          java.util.stream.Stream.concat(VOLUME_OPTIONS.stream(), LEGACY_OPTIONS.stream())
              .toList());

  private KnownOptions() {}

  /** True for a key a user may write in {@code flexVolume.options}. */
  public static boolean isVolumeOption(String key) {
    return ALL_USER_OPTIONS.contains(key);
  }

  /** True for a key in the kubelet's reserved namespace ({@code kubernetes.io/...}). */
  public static boolean isKubeletKey(String key) {
    return key.startsWith(KUBELET_PREFIX);
  }

  /** True for any key the driver recognises (user option, kubelet key or Secret key). */
  public static boolean isKnown(String key) {
    return isVolumeOption(key) || isKubeletKey(key);
  }

  /**
   * The closest known option to a misspelt key, e.g. {@code keyvaultobjectname} for {@code
   * keyVaultObjectNmes}; empty when nothing is close. Case and {@code -}/{@code _} are ignored.
   */
  public static Optional<String> didYouMean(String key) {
    String k = normalise(key);
    if (k.isEmpty()) {
      return Optional.empty();
    }
    int limit = Math.max(2, k.length() / 4);
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.concat(VOLUME_OPTIONS.stream(), LEGACY_OPTIONS.stream()),
            KUBELET_OPTIONS.stream())
        // The distance is at least the length difference: skip the quadratic work for those.
        .filter(candidate -> Math.abs(normalise(candidate).length() - k.length()) <= limit)
        .map(candidate -> new Scored(candidate, distance(k, normalise(candidate))))
        .filter(s -> s.distance <= limit)
        .min(Comparator.comparingInt(Scored::distance))
        .map(Scored::candidate);
  }

  private record Scored(String candidate, int distance) {}

  static String normalise(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").trim();
  }

  /** Levenshtein distance (insert, delete, substitute), two rows. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
