package io.kvflex.localvault.pki;

import io.kvflex.localvault.seed.Pkcs12Encryption;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PKCS#12 files as Key Vault exports a certificate's secret: empty password; first a plain data bag
 * holding the shrouded key (attributes {@code localKeyID} 01 00 00 00, a GUID {@code friendlyName}
 * and, for RSA, the Windows CSP name), then an encrypted bag with the certificates (the leaf
 * carrying the same {@code localKeyID}, then its issuers), then the MAC. Recorded: Azure SDK for
 * C++ {@code
 * sdk/keyvault/azure-security-keyvault-certificates/test/ut/recordings/KeyVaultCertificateClientTest.DownloadImportPkcs.json}.
 */
public final class Pkcs12 {
  /** {@code szOID_LOCAL_MACHINE_KEYSET}'s sibling: the Microsoft CSP name bag attribute. */
  private static final ASN1ObjectIdentifier MS_CSP_NAME =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.311.17.1");

  private static final String RSA_CSP = "Microsoft Enhanced RSA and AES Cryptographic Provider";
  private static final byte[] LOCAL_KEY_ID = {1, 0, 0, 0};

  private Pkcs12() {}

  /** A modern PFX (AES-256, HMAC-SHA-256), for files that are not Key Vault objects. */
  public static byte[] write(PrivateKey key, List<X509Certificate> chain) {
    return write(key, chain, Pkcs12Encryption.MODERN);
  }

  /**
   * A PFX with the key (if any) and the chain (leaf first), openable with the empty password.
   * Without a key (a non-exportable certificate) only the certificates are written.
   */
  public static byte[] write(
      PrivateKey key, List<X509Certificate> chain, Pkcs12Encryption encryption) {
    Pkcs12Crypto crypto = new Pkcs12Crypto(encryption, new SecureRandom());
    try {
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      if (key != null) {
        PKCS12SafeBagBuilder keyBag = new PKCS12SafeBagBuilder(keyInfo(key), crypto.encryptor());
        keyBag.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, new DEROctetString(LOCAL_KEY_ID));
        keyBag.addBagAttribute(
            PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(UUID.randomUUID().toString()));
        if (key instanceof RSAKey) {
          keyBag.addBagAttribute(MS_CSP_NAME, new DERBMPString(RSA_CSP));
        }
        pfx.addData(keyBag.build());
      }
      List<PKCS12SafeBag> certs = new ArrayList<>();
      for (int i = 0; i < chain.size(); i++) {
        certs.add(certBag(chain.get(i), i == 0 && key != null));
      }
      pfx.addEncryptedData(crypto.encryptor(), certs.toArray(new PKCS12SafeBag[0]));
      return pfx.build(crypto.mac(), new char[0]).getEncoded(ASN1Encoding.DER);
    } catch (IOException | PKCSException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot write PKCS#12", e);
    }
  }

  /**
   * The key as PKCS#8; RSA keys carry the key-usage attribute Windows adds (a {@code keyUsage} BIT
   * STRING {@code 0x10}, as in the recording).
   */
  private static PrivateKeyInfo keyInfo(PrivateKey key) throws IOException {
    PrivateKeyInfo plain = PrivateKeyInfo.getInstance(key.getEncoded());
    if (!(key instanceof RSAKey)) {
      return plain;
    }
    Attribute keyUsage =
        new Attribute(Extension.keyUsage, new DERSet(new DERBitString(new byte[] {0x10}, 0)));
    return new PrivateKeyInfo(
        plain.getPrivateKeyAlgorithm(), plain.parsePrivateKey(), new DERSet(keyUsage));
  }

  /**
   * A certificate bag; only the leaf of a key has attributes (its {@code localKeyID}). Built by
   * hand because BouncyCastle's bag builder always writes an attribute set, even an empty one.
   */
  private static PKCS12SafeBag certBag(X509Certificate cert, boolean leafOfKey)
      throws CertificateEncodingException {
    CertBag value =
        new CertBag(PKCSObjectIdentifiers.x509Certificate, new DEROctetString(cert.getEncoded()));
    ASN1Set attributes =
        leafOfKey
            ? new DERSet(
                new Attribute(
                    PKCS12SafeBag.localKeyIdAttribute,
                    new DERSet(new DEROctetString(LOCAL_KEY_ID))))
            : null;
    return new PKCS12SafeBag(new SafeBag(PKCSObjectIdentifiers.certBag, value, attributes));
  }
}
