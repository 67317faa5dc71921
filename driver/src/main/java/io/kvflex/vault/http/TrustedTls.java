package io.kvflex.vault.http;

import io.kvflex.errors.UserInputException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

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

  /**
   * Trust managers over the JDK default CAs plus {@code extra}; with extra CAs, the JDK's CA store
   * is read only for a chain that does not lead to one of them ({@link CloudTrustManager}).
   */
  static TrustManager[] trustManagers(List<X509Certificate> extra) {
    try {
      if (extra.isEmpty()) {
        return new TrustManager[] {CloudTrustManager.x509(null)};
      }
      return new TrustManager[] {CloudTrustManager.over(extra)};
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new UserInputException(
          "cannot trust kvflex.caCertificates of the cloud environment file ("
              + e.getClass().getSimpleName()
              + "); fix: give one or more valid PEM CERTIFICATE blocks");
    }
  }
}
