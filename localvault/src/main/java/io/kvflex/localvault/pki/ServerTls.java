package io.kvflex.localvault.pki;

import io.kvflex.localvault.pki.CertificateAuthority.Profile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/** The HTTPS server certificate (one for every host name served) and its SSLContext. */
public final class ServerTls {
  private ServerTls() {}

  /**
   * An SSLContext presenting a fresh certificate for {@code dnsNames} and 127.0.0.1, from {@code
   * ca}.
   */
  public static SSLContext create(CertificateAuthority ca, List<String> dnsNames, Instant now) {
    KeyPair kp = KeyPairs.ecP256();
    List<GeneralName> sans = new ArrayList<>();
    for (String n : dnsNames) {
      sans.add(new GeneralName(GeneralName.dNSName, n));
    }
    sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(loopback())));
    X509Certificate cert =
        ca.issue(
            "CN=localvault",
            kp.getPublic(),
            sans,
            now.minus(Duration.ofHours(1)),
            Duration.ofDays(397),
            Profile.TLS_SERVER);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = "localvault".toCharArray();
      ks.setKeyEntry("server", kp.getPrivate(), pw, new Certificate[] {cert, ca.certificate()});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS", e);
    }
  }

  private static byte[] loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
