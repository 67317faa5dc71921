package io.kvflex.localvault.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority (its certificate and key) that issues X.509 certificates. */
public final class CertificateAuthority {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey key;

  public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** A new self-signed root CA with an EC P-256 key. */
  public static CertificateAuthority generateRoot(String subject, Instant now, Duration validity) {
    KeyPair kp = KeyPairs.ecP256();
    X509Certificate cert =
        build(
            subject,
            new X500Name(subject),
            kp.getPublic(),
            kp.getPrivate(),
            null,
            now,
            validity,
            Profile.CA);
    return new CertificateAuthority(cert, kp.getPrivate());
  }

  /** A CA from PEM text (certificate and unencrypted private key). */
  public static CertificateAuthority fromPem(String certificatePem, String keyPem) {
    List<X509Certificate> certs = Pem.parseCertificates(certificatePem);
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no certificate in the CA certificate PEM");
    }
    return new CertificateAuthority(certs.get(0), Pem.parsePrivateKey(keyPem));
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's private key as unencrypted PKCS#8 PEM, e.g. to give this CA to another localvault. */
  public String privateKeyPem() {
    return Pem.privateKey(key);
  }

  /** An intermediate CA signed by this one. */
  public CertificateAuthority issueIntermediate(String subject, Instant now, Duration validity) {
    KeyPair kp = KeyPairs.ecP256();
    return new CertificateAuthority(
        issue(subject, kp.getPublic(), List.of(), now, validity, Profile.CA), kp.getPrivate());
  }

  /** A certificate for {@code publicKey}, signed by this CA. */
  public X509Certificate issue(
      String subject,
      PublicKey publicKey,
      List<GeneralName> sans,
      Instant notBefore,
      Duration validity,
      Profile profile) {
    return build(
        subject,
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
        publicKey,
        key,
        certificate,
        notBefore,
        validity,
        profile,
        sans);
  }

  /** A self-signed end-entity certificate. */
  public static X509Certificate selfSigned(
      String subject, KeyPair kp, List<GeneralName> sans, Instant notBefore, Duration validity) {
    return build(
        subject,
        new X500Name(subject),
        kp.getPublic(),
        kp.getPrivate(),
        null,
        notBefore,
        validity,
        Profile.END_ENTITY,
        sans);
  }

  /** What the certificate may be used for. */
  public enum Profile {
    CA,
    END_ENTITY,
    TLS_SERVER
  }

  private static X509Certificate build(
      String subject,
      X500Name issuer,
      PublicKey pub,
      PrivateKey signer,
      X509Certificate issuerCert,
      Instant notBefore,
      Duration validity,
      Profile profile) {
    return build(subject, issuer, pub, signer, issuerCert, notBefore, validity, profile, List.of());
  }

  private static X509Certificate build(
      String subject,
      X500Name issuer,
      PublicKey pub,
      PrivateKey signer,
      X509Certificate issuerCert,
      Instant notBefore,
      Duration validity,
      Profile profile,
      List<GeneralName> sans) {
    try {
      // Serial numbers are positive 128-bit random values, as CAs must use today.
      BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              serial,
              Date.from(notBefore),
              Date.from(notBefore.plus(validity)),
              new X500Name(subject),
              pub);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub));
      if (issuerCert != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
      }
      if (profile == Profile.CA) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      }
      if (!sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(signer)).build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build certificate " + subject, e);
    }
  }
}
