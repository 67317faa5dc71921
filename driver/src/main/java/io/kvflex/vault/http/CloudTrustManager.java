package io.kvflex.vault.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer whose chain leads to one of the cloud environment's extra CAs or, failing that, to
 * one of the JDK's CAs: the same peers as one trust manager over both sets (a chain ends at one
 * anchor), with host name checks by both. The JDK's CA store (some 150 certificates to parse) is
 * read only when a chain does not lead to an extra CA, so a mount against Azure Stack Hub, an
 * air-gapped cloud or localvault never reads it (cold start, docs/benchmarks.md).
 *
 * <p>When both refuse a chain, the refusal that says more is thrown: "no trusted issuer" from one
 * set means nothing when the other set knows the issuer and found the certificate expired or naming
 * another host ({@link CertificateFailure} reads it).
 */
final class CloudTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager extra;
  private final X509Certificate[] extraCas;
  private X509ExtendedTrustManager jdk;

  private CloudTrustManager(X509ExtendedTrustManager extra, X509Certificate[] extraCas) {
    this.extra = extra;
    this.extraCas = extraCas;
  }

  /** Trusts {@code extraCas} and, read when first needed, the JDK's default CAs. */
  static CloudTrustManager over(java.util.List<X509Certificate> extraCas)
      throws GeneralSecurityException, java.io.IOException {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    int i = 0;
    for (X509Certificate ca : extraCas) {
      anchors.setCertificateEntry("cloud-env-" + i++, ca);
    }
    return new CloudTrustManager(x509(anchors), extraCas.toArray(new X509Certificate[0]));
  }

  /** The PKIX trust manager over {@code anchors} (null: the JDK's CA store). */
  static X509ExtendedTrustManager x509(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JDK has no X509ExtendedTrustManager");
  }

  private synchronized X509ExtendedTrustManager jdk() throws CertificateException {
    if (jdk == null) {
      try {
        jdk = x509(null);
      } catch (GeneralSecurityException e) {
        throw new CertificateException("cannot read the JDK's CA certificates", e);
      }
    }
    return jdk;
  }

  /** Whether the JDK's CA store has been read (tests). */
  synchronized boolean jdkCasRead() {
    return jdk != null;
  }

  /** One check by one trust manager. */
  private interface Check {
    void run(X509ExtendedTrustManager tm) throws CertificateException;
  }

  private void either(Check check) throws CertificateException {
    try {
      check.run(extra);
    } catch (CertificateException byExtra) {
      try {
        check.run(jdk());
      } catch (CertificateException byJdk) {
        throw untrusted(byJdk) && !untrusted(byExtra) ? byExtra : byJdk;
      }
    }
  }

  private static boolean untrusted(CertificateException e) {
    return CertificateFailure.of(e).orElse(CertificateFailure.OTHER)
        == CertificateFailure.UNTRUSTED_ISSUER;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType));
  }

  /** The extra CAs and the JDK's (a TLS client never asks; kept complete for callers that do). */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    X509Certificate[] jdkCas;
    try {
      jdkCas = jdk().getAcceptedIssuers();
    } catch (CertificateException e) {
      jdkCas = new X509Certificate[0];
    }
    return Stream.concat(Arrays.stream(extraCas), Arrays.stream(jdkCas))
        .toArray(X509Certificate[]::new);
  }
}
