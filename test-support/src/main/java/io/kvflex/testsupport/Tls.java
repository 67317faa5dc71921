package io.kvflex.testsupport;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Clients that trust exactly the given CAs (localvault's, a {@link StubTls}'s) and nothing else, so
 * a test reaches a loopback HTTPS server with verification on.
 */
public final class Tls {
  private Tls() {}

  /** An SSLContext trusting only the certificates in {@code caPem}. */
  public static SSLContext trusting(String caPem) {
    List<X509Certificate> cas = Pem.certificates(caPem);
    if (cas.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block to trust");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the given CA certificates", e);
    }
  }

  /** A JDK HttpClient trusting only {@code caPem}, with a 10 s connect timeout. */
  public static HttpClient httpClient(String caPem) {
    return HttpClient.newBuilder()
        .sslContext(trusting(caPem))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }
}
