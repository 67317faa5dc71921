package io.kvflex.vault.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Timeouts and TLS shared by every HTTP call of one mount, and the clients built from them: one
 * azure-core client (Key Vault and Entra ID) and one JDK client (NMI and IMDS, plain loopback
 * HTTP).
 *
 * @param connectTimeout TCP/TLS connect timeout of every call
 * @param readTimeout longest wait for a response of one call (further capped by the deadline)
 * @param sslContext trusts JDK defaults plus the cloud environment's CAs ({@link TrustedTls})
 * @param proxying the environment's proxies for Key Vault and Entra ID (never for NMI/IMDS)
 */
public record HttpSettings(
    Duration connectTimeout, Duration readTimeout, SSLContext sslContext, Proxying proxying) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

  /** The JDK property (read once, at JVM start) listing schemes it refuses for HTTPS tunnels. */
  static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

  public HttpSettings {
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(readTimeout);
    Objects.requireNonNull(sslContext);
    Objects.requireNonNull(proxying);
  }

  /** Without proxies. */
  public HttpSettings(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
    this(connectTimeout, readTimeout, sslContext, Proxying.NONE);
  }

  /** The same settings routing through {@code proxying}. */
  public HttpSettings withProxying(Proxying proxying) {
    return new HttpSettings(connectTimeout, readTimeout, sslContext, proxying);
  }

  public static HttpSettings withExtraCas(
      java.util.List<java.security.cert.X509Certificate> extraCas) {
    return new HttpSettings(
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, TrustedTls.sslContext(extraCas));
  }

  /**
   * An azure-core HTTP client (JDK HttpClient underneath, no Netty) that bounds each body read by
   * the read timeout. Callers whose pipelines read bodies through {@link BoundedBodyPolicy} use
   * {@link #azureClient(HttpThreads)} instead.
   */
  public HttpClient azureClient() {
    return azureClient(new HttpThreads(), readTimeout);
  }

  /**
   * The one azure-core HTTP client of a mount, for pipelines with a {@link BoundedBodyPolicy}: that
   * policy bounds every body read (idle limit, deadline, size), so the client sets no read timeout
   * of its own (azure-core would run each read on its shared executor, whose JVM shutdown hook then
   * waits for a read stuck on a dead peer). The JDK client's work runs on {@code threads}.
   */
  public HttpClient azureClient(HttpThreads threads) {
    return azureClient(threads, Duration.ZERO);
  }

  private HttpClient azureClient(HttpThreads threads, Duration bodyReadTimeout) {
    EnvProxySelector routes = new EnvProxySelector(proxying.settings(), proxying.log());
    java.net.http.HttpClient.Builder jdk =
        java.net.http.HttpClient.newBuilder()
            .sslContext(sslContext)
            .connectTimeout(connectTimeout)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .proxy(routes);
    HttpClient client =
        new JdkHttpClientBuilder(jdk)
            // Configuration.NONE: proxy and other settings come from code (the injected
            // environment, see Proxying), not from the process env or global configuration.
            .configuration(Configuration.NONE)
            // Without an executor the builder hands the JDK client azure-core's shared one.
            .executor(threads.executor())
            .connectionTimeout(connectTimeout)
            .responseTimeout(readTimeout)
            .readTimeout(bodyReadTimeout)
            .writeTimeout(readTimeout)
            .build();
    if (!proxying.settings().any()) {
      return client;
    }
    boolean basicTunneling = basicTunnelingAllowed(System.getProperty(TUNNELING_DISABLED_SCHEMES));
    if (proxying.settings().hasCredentials() && !basicTunneling) {
      proxying
          .log()
          .warn(
              "the proxy URL carries credentials but this JVM refuses Basic proxy authentication"
                  + " for HTTPS tunnels; the kv launcher passes -D"
                  + TUNNELING_DISABLED_SCHEMES
                  + "= to allow it (a proxy that demands them will answer 407)");
    }
    return new ProxiedHttpClient(client, routes, basicTunneling);
  }

  /**
   * Whether the JDK sends Basic credentials when a proxy challenges an HTTPS tunnel (CONNECT): not
   * by default ({@code Basic} is listed when the property is unset, in the JDK's net.properties).
   */
  static boolean basicTunnelingAllowed(String disabledSchemes) {
    if (disabledSchemes == null) {
      return false;
    }
    for (String scheme : disabledSchemes.split(",")) {
      if (scheme.trim().equalsIgnoreCase("Basic")) {
        return false;
      }
    }
    return true;
  }

  /**
   * A plain JDK client for NMI/IMDS token calls: never proxied, whatever the environment or the
   * JVM's default proxy selector says (both are node-local endpoints; a proxy must not see a
   * managed-identity token).
   */
  public java.net.http.HttpClient jdkClient(HttpThreads threads) {
    return java.net.http.HttpClient.newBuilder()
        .executor(threads.executor())
        .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
        .sslContext(sslContext)
        .connectTimeout(connectTimeout)
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build();
  }
}
