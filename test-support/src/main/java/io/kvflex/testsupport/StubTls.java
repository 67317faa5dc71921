package io.kvflex.testsupport;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway self-signed certificate for {@code localhost} and {@code 127.0.0.1}: a PKCS#12
 * keystore for an HTTPS stub (WireMock's {@code keystorePath}) and its PEM, which the client under
 * test trusts as an extra CA. TLS verification stays on everywhere.
 *
 * @param keystore the PKCS#12 file, protected by {@link #PASSWORD}
 * @param certificatePem the certificate, to trust
 */
public record StubTls(Path keystore, String certificatePem) {
  /** The keystore's and the key's password. */
  public static final String PASSWORD = "stub-keystore";

  /** Writes {@code stub.p12} into {@code dir} (created if needed). */
  public static StubTls create(Path dir) {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(256);
      KeyPair kp = kpg.generateKeyPair();
      X500Name subject = new X500Name("CN=localhost");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(1, ChronoUnit.HOURS)),
              Date.from(now.plus(1, ChronoUnit.DAYS)),
              subject,
              kp.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("stub", kp.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {cert});
      Files.createDirectories(dir);
      Path file = dir.resolve("stub.p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        ks.store(out, PASSWORD.toCharArray());
      }
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
        w.writeObject(cert);
      }
      return new StubTls(file, pem.toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the stub TLS certificate in " + dir, e);
    }
  }
}
