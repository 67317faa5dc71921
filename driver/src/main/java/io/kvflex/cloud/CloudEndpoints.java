package io.kvflex.cloud;

import java.util.Locale;
import java.util.Set;

/** What the vault adapter derives from a {@link CloudEnvironment}: URLs named in messages, etc. */
public final class CloudEndpoints {
  /** Hosts for which Entra instance discovery is meaningful; elsewhere it is switched off. */
  private static final Set<String> MICROSOFT_LOGIN_HOSTS =
      Set.of(
          "login.microsoftonline.com",
          "login.windows.net",
          "login.microsoft.com",
          "sts.windows.net",
          "login.chinacloudapi.cn",
          "login-us.microsoftonline.com",
          "login.microsoftonline.de",
          "login.microsoftonline.us");

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

  /** True when the authority host is a public Microsoft login host (instance discovery works). */
  public static boolean isMicrosoftLoginHost(CloudEnvironment cloud) {
    String host = cloud.authorityHost().getHost();
    return host != null && MICROSOFT_LOGIN_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  static String trimSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
