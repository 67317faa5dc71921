package io.kvflex.vault.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Timeouts and TLS shared by every HTTP call of one mount, and the clients built from them: one
 * azure-core client (Key Vault and Entra ID) and one JDK client (NMI and IMDS, plain loopback
 * HTTP).
 *
 * @param connectTimeout TCP/TLS connect timeout of every call
 * @param readTimeout longest wait for a response of one call (further capped by the deadline)
 * @param sslContext trusts JDK defaults plus the cloud environment's CAs ({@link TrustedTls})
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

  public static HttpSettings withExtraCas(
      java.util.List<java.security.cert.X509Certificate> extraCas) {
    return new HttpSettings(
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, TrustedTls.sslContext(extraCas));
  }

  /** The one azure-core HTTP client of a mount (JDK HttpClient underneath, no Netty). */
  public HttpClient azureClient() {
    java.net.http.HttpClient.Builder jdk =
        java.net.http.HttpClient.newBuilder()
            .sslContext(sslContext)
            .connectTimeout(connectTimeout)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
    return new JdkHttpClientBuilder(jdk)
        // Configuration.NONE: proxy and other settings come from code, not the process env.
        .configuration(Configuration.NONE)
        .connectionTimeout(connectTimeout)
        .responseTimeout(readTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .build();
  }

  /** A plain JDK client for NMI/IMDS token calls. */
  public java.net.http.HttpClient jdkClient() {
    return java.net.http.HttpClient.newBuilder()
        .sslContext(sslContext)
        .connectTimeout(connectTimeout)
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build();
  }
}
