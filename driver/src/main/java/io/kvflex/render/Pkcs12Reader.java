package io.kvflex.render;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;

/**
 * Every key and certificate of a PKCS#12 (RFC 7292), whatever wrote it: shrouded and plain key
 * bags, certificate bags with or without {@code localKeyId}/{@code friendlyName} (attributes are
 * ignored: {@link CertificateMaterial} pairs key and certificate by public key), plain and
 * encrypted safe contents, nested safe contents, with or without a MAC, BER or DER. The JDK's
 * {@code KeyStore} skips plain key bags and loose certificates without attributes, so the structure
 * is read with BouncyCastle's ASN.1 classes; the cryptography stays with the JDK ({@link
 * Pkcs12Mac}, {@link Pkcs12Decryption}).
 *
 * <p>These three classes are the only ones that use BouncyCastle; they load on the first PKCS#12
 * read, so no other mount pays for it. Nothing BouncyCastle throws escapes: a file it cannot parse
 * is a {@link BadContentException}.
 */
final class Pkcs12Reader {
  /** Safe contents inside safe contents: real files never nest; a bound stops crafted ones. */
  private static final int MAX_NESTING = 4;

  private Pkcs12Reader() {}

  /** What a PKCS#12 holds, in stored order, as JDK types. */
  record Contents(List<PrivateKey> keys, List<X509Certificate> certificates) {}

  static Contents read(byte[] pfxBytes) throws BadContentException {
    Pfx pfx = parse(pfxBytes);
    byte[] authenticatedSafe = authenticatedSafe(pfx.getAuthSafe());
    EmptyPassword password =
        pfx.getMacData() == null
            ? EmptyPassword.TERMINATED
            : Pkcs12Mac.verify(pfx.getMacData(), authenticatedSafe);
    Contents contents = new Contents(new ArrayList<>(), new ArrayList<>());
    for (ContentInfo info : contentInfos(authenticatedSafe)) {
      readBags(safeContents(info, password), password, contents, 0);
    }
    return new Contents(List.copyOf(contents.keys()), List.copyOf(contents.certificates()));
  }

  private static Pfx parse(byte[] pfxBytes) throws BadContentException {
    try (ASN1InputStream in = new ASN1InputStream(pfxBytes)) {
      ASN1Primitive top = in.readObject();
      if (top == null || in.available() > 0) {
        throw damaged();
      }
      return Pfx.getInstance(top);
    } catch (IOException | RuntimeException e) {
      throw damaged();
    }
  }

  /** The DER of the AuthenticatedSafe: what the MAC covers. */
  private static byte[] authenticatedSafe(ContentInfo authSafe) throws BadContentException {
    ASN1ObjectIdentifier type = authSafe.getContentType();
    if (type.equals(PKCSObjectIdentifiers.signedData)) {
      throw BadContentException.withFix(
          "is a PKCS#12 in public-key integrity mode (signed), which kvflex does not read",
          "Re-export it in password integrity mode with an empty password (openssl pkcs12"
              + " -export -passout pass:).");
    }
    if (!type.equals(PKCSObjectIdentifiers.data)) {
      throw damaged();
    }
    return octets(authSafe.getContent());
  }

  private static ContentInfo[] contentInfos(byte[] authenticatedSafe) throws BadContentException {
    try {
      return AuthenticatedSafe.getInstance(ASN1Primitive.fromByteArray(authenticatedSafe))
          .getContentInfo();
    } catch (IOException | RuntimeException e) {
      throw damaged();
    }
  }

  private static ASN1Sequence safeContents(ContentInfo info, EmptyPassword password)
      throws BadContentException {
    ASN1ObjectIdentifier type = info.getContentType();
    if (type.equals(PKCSObjectIdentifiers.data)) {
      return sequence(octets(info.getContent()));
    }
    if (type.equals(PKCSObjectIdentifiers.encryptedData)) {
      EncryptedData encrypted;
      try {
        encrypted = EncryptedData.getInstance(info.getContent());
      } catch (RuntimeException e) {
        throw damaged();
      }
      if (encrypted.getContent() == null) {
        return new DERSequence();
      }
      return Pkcs12Decryption.decrypt(
          encrypted.getEncryptionAlgorithm(),
          encrypted.getContent().getOctets(),
          Pkcs12Reader::sequence,
          password);
    }
    if (type.equals(PKCSObjectIdentifiers.envelopedData)) {
      throw BadContentException.withFix(
          "is a PKCS#12 in public-key privacy mode (enveloped), which kvflex does not read",
          "Re-export it with password privacy and an empty password (openssl pkcs12 -export"
              + " -passout pass:).");
    }
    throw damaged();
  }

  private static void readBags(ASN1Sequence bags, EmptyPassword password, Contents into, int depth)
      throws BadContentException {
    for (ASN1Encodable element : bags) {
      SafeBag bag;
      try {
        bag = SafeBag.getInstance(element);
      } catch (RuntimeException e) {
        throw damaged();
      }
      ASN1ObjectIdentifier type = bag.getBagId();
      if (type.equals(PKCSObjectIdentifiers.keyBag)) {
        into.keys().add(PrivateKeys.fromPkcs8(privateKeyInfo(bag.getBagValue())));
      } else if (type.equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
        into.keys().add(PrivateKeys.fromPkcs8(shroudedKey(bag.getBagValue(), password)));
      } else if (type.equals(PKCSObjectIdentifiers.certBag)) {
        into.certificates().add(certificate(bag.getBagValue()));
      } else if (type.equals(PKCSObjectIdentifiers.safeContentsBag)) {
        if (depth >= MAX_NESTING) {
          throw new BadContentException("is a PKCS#12 with safe contents nested too deeply");
        }
        readBags(sequence(bag.getBagValue()), password, into, depth + 1);
      }
      // CRL and secret bags (and unknown ones) hold nothing a key or chain file could carry.
    }
  }

  private static byte[] shroudedKey(ASN1Encodable value, EmptyPassword password)
      throws BadContentException {
    EncryptedPrivateKeyInfo info;
    try {
      info = EncryptedPrivateKeyInfo.getInstance(value);
    } catch (RuntimeException e) {
      throw damaged();
    }
    return Pkcs12Decryption.decrypt(
        info.getEncryptionAlgorithm(),
        info.getEncryptedData(),
        plaintext -> privateKeyInfo(ASN1Primitive.fromByteArray(plaintext)),
        password);
  }

  /** PKCS#8, re-encoded as DER (the JDK's key factories do not take BER). */
  private static byte[] privateKeyInfo(ASN1Encodable value) throws BadContentException {
    try {
      return PrivateKeyInfo.getInstance(value).getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new BadContentException("is a PKCS#12 with a malformed private key");
    }
  }

  private static X509Certificate certificate(ASN1Encodable value) throws BadContentException {
    CertBag bag;
    try {
      bag = CertBag.getInstance(value);
    } catch (RuntimeException e) {
      throw damaged();
    }
    if (!bag.getCertId().equals(PKCSObjectIdentifiers.x509Certificate)) {
      throw new BadContentException(
          "is a PKCS#12 with a certificate that is not X.509 (" + bag.getCertId().getId() + ")");
    }
    byte[] der = octets(bag.getCertValue());
    try {
      return CertificateBundles.certificate(der);
    } catch (BadContentException e) {
      throw new BadContentException("is a PKCS#12 with a malformed certificate");
    }
  }

  private static ASN1Sequence sequence(byte[] der) throws BadContentException {
    try {
      return sequence(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw damaged();
    }
  }

  private static ASN1Sequence sequence(ASN1Encodable value) throws BadContentException {
    try {
      return ASN1Sequence.getInstance(value);
    } catch (RuntimeException e) {
      throw damaged();
    }
  }

  private static byte[] octets(ASN1Encodable value) throws BadContentException {
    try {
      return ASN1OctetString.getInstance(value).getOctets();
    } catch (RuntimeException e) {
      throw damaged();
    }
  }

  private static BadContentException damaged() {
    return Pkcs12Problems.damaged();
  }
}
