package io.kvflex.cloud;

import java.util.Locale;

/** What the vault adapter derives from a {@link CloudEnvironment}: URLs named in messages, etc. */
public final class CloudEndpoints {
  private CloudEndpoints() {}

  /** {@code https://{vault}.{suffix}/}. */
  public static String vaultUrl(CloudEnvironment cloud, String vaultName) {
    return cloud.vaultUrl(vaultName.toLowerCase(Locale.ROOT)) + "/";
  }

  /** Authority host without trailing slash, e.g. {@code https://login.microsoftonline.com}. */
  public static String authority(CloudEnvironment cloud) {
    return trimSlash(cloud.authorityHost().toString());
  }

  /** The v2 client-credentials token endpoint of {@code tenant} (named in messages). */
  public static String tokenEndpoint(CloudEnvironment cloud, String tenant) {
    return authority(cloud) + "/" + tenant + "/oauth2/v2.0/token";
  }

  static String trimSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
