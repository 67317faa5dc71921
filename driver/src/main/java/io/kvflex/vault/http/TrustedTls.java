package io.kvflex.vault.http;

import io.kvflex.errors.UserInputException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts the JDK's default CAs plus the cloud environment's extra CA certificates (Azure
 * Stack Hub, air-gapped clouds, localvault). Verification is never switched off: there is no
 * trust-all path in this class.
 */
public final class TrustedTls {
  private TrustedTls() {}

  /** An SSLContext trusting the JDK defaults and every certificate in {@code extra}. */
  public static SSLContext sslContext(List<X509Certificate> extra) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(extra), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new UserInputException(
          "cannot set up TLS: " + e.getClass().getSimpleName() + "; fix: check the JDK install");
    }
  }

  /** Trust managers over the JDK default CAs plus {@code extra}. */
  static TrustManager[] trustManagers(List<X509Certificate> extra) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (extra.isEmpty()) {
        tmf.init((KeyStore) null);
        return tmf.getTrustManagers();
      }
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int i = 0;
      for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
        anchors.setCertificateEntry("jdk-" + i++, ca);
      }
      i = 0;
      for (X509Certificate ca : extra) {
        anchors.setCertificateEntry("cloud-env-" + i++, ca);
      }
      tmf.init(anchors);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new UserInputException(
          "cannot trust kvflex.caCertificates of the cloud environment file ("
              + e.getClass().getSimpleName()
              + "); fix: give one or more valid PEM CERTIFICATE blocks");
    }
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JDK has no X509TrustManager");
  }
}
