package io.kvflex.localvault.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.seed.KeyKind;
import io.kvflex.localvault.seed.Pkcs12Encryption;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#12 of a certificate secret, checked against the structure Key Vault writes. Recorded
 * (Azure SDK for C++, {@code
 * sdk/keyvault/azure-security-keyvault-certificates/test/ut/recordings/KeyVaultCertificateClientTest.DownloadImportPkcs.json},
 * the {@code application/x-pkcs12} secret of a certificate the vault created, read with {@code
 * openssl pkcs12 -info -passin pass:}): "MAC: sha1, Iteration 2000, MAC length: 20, salt length:
 * 20"; "PKCS7 Data, Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000" with bag
 * attributes localKeyID 01 00 00 00, a GUID friendlyName and "Microsoft CSP Name: Microsoft
 * Enhanced RSA and AES Cryptographic Provider"; "PKCS7 Encrypted data:
 * pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000, Certificate bag" with localKeyID 01 00 00 00;
 * its MAC verifies with the empty password as zero bytes (not the two-byte terminator the JDK
 * writes), and the JDK's {@code KeyStore} opens it with the empty password.
 */
class Pkcs12Test {
  private static final ASN1ObjectIdentifier MS_CSP_NAME =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.311.17.1");

  private final KeyPair rsa = KeyPairs.generate(KeyKind.RSA, 2048, null);
  private final KeyPair ec = KeyPairs.ecP256();
  private final X509Certificate rsaLeaf = selfSigned("CN=leaf", rsa);
  private final X509Certificate issuer = selfSigned("CN=issuer", ec);

  @Test
  void legacyIsWhatKeyVaultWrites() throws Exception {
    byte[] der = Pkcs12.write(rsa.getPrivate(), List.of(rsaLeaf, issuer), Pkcs12Encryption.LEGACY);
    PKCS12PfxPdu pfx = new PKCS12PfxPdu(der);

    MacData mac = pfx.toASN1Structure().getMacData();
    assertThat(pfx.getMacAlgorithmID())
        .as("SHA-1, written without parameters as recorded")
        .isEqualTo(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1));
    assertThat(mac.getIterationCount()).isEqualTo(2000);
    assertThat(mac.getSalt()).hasSize(20);
    assertThat(macMatches(pfx, new char[] {'\0'}))
        .as("the recorded MAC verifies with zero password bytes (the JCE's \"\\0\"), so must ours")
        .isTrue();
    assertThat(macMatches(pfx, new char[0])).as("not with the two-byte terminator").isFalse();

    ContentInfo[] contents = pfx.getContentInfos();
    assertThat(contents)
        .extracting(ContentInfo::getContentType)
        .containsExactly(PKCSObjectIdentifiers.data, PKCSObjectIdentifiers.encryptedData);
    PKCS12SafeBag keyBag = singleBag(contents[0]);
    assertThat(keyBag.getType()).isEqualTo(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag);
    AlgorithmIdentifier keyAlg =
        ((PKCS8EncryptedPrivateKeyInfo) keyBag.getBagValue()).getEncryptionAlgorithm();
    assertTripleDes2000(keyAlg);
    assertThat(attribute(keyBag, PKCS12SafeBag.localKeyIdAttribute))
        .isEqualTo(new DEROctetString(new byte[] {1, 0, 0, 0}));
    assertThat(attribute(keyBag, PKCS12SafeBag.friendlyNameAttribute).toString())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(attribute(keyBag, MS_CSP_NAME))
        .isEqualTo(new DERBMPString("Microsoft Enhanced RSA and AES Cryptographic Provider"));
    PrivateKeyInfo key =
        ((PKCS8EncryptedPrivateKeyInfo) keyBag.getBagValue()).decryptPrivateKeyInfo(decryptor());
    assertThat(Hex.toHexString(key.getAttributes().getEncoded()))
        .as("recorded \"Key Attributes: X509v3 Key Usage: 10\"")
        .isEqualTo("310d300b0603551d0f310403020010");
    assertThat(key.parsePrivateKey())
        .isEqualTo(PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded()).parsePrivateKey());

    assertTripleDes2000(
        EncryptedData.getInstance(contents[1].getContent()).getEncryptionAlgorithm());
    List<PKCS12SafeBag> certBags = decryptedBags(contents[1]);
    assertThat(certBags)
        .extracting(PKCS12SafeBag::getType)
        .containsOnly(PKCSObjectIdentifiers.certBag)
        .hasSize(2);
    assertThat(attribute(certBags.get(0), PKCS12SafeBag.localKeyIdAttribute))
        .as("the leaf is tied to the key")
        .isEqualTo(new DEROctetString(new byte[] {1, 0, 0, 0}));
    assertThat(certBags.get(1).getAttributes()).as("issuers carry no attributes").isNull();

    assertJdkOpensWithEmptyPassword(der);
  }

  @Test
  void modernUsesPbes2WithAes256AndAnHmacSha256Mac() throws Exception {
    byte[] der = Pkcs12.write(ec.getPrivate(), List.of(issuer), Pkcs12Encryption.MODERN);
    PKCS12PfxPdu pfx = new PKCS12PfxPdu(der);
    assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(pfx.toASN1Structure().getMacData().getIterationCount()).isEqualTo(10_000);
    ContentInfo[] contents = pfx.getContentInfos();
    AlgorithmIdentifier keyAlg =
        ((PKCS8EncryptedPrivateKeyInfo) singleBag(contents[0]).getBagValue())
            .getEncryptionAlgorithm();
    assertPbes2Aes256(keyAlg);
    assertPbes2Aes256(EncryptedData.getInstance(contents[1].getContent()).getEncryptionAlgorithm());
    assertThat(attribute(singleBag(contents[0]), MS_CSP_NAME))
        .as("the Windows CSP name belongs to RSA keys only")
        .isNull();
    assertJdkOpensWithEmptyPassword(der);
  }

  @Test
  void withoutAKeyOnlyTheCertificatesAreWritten() throws Exception {
    byte[] der = Pkcs12.write(null, List.of(rsaLeaf), Pkcs12Encryption.LEGACY);
    ContentInfo[] contents = new PKCS12PfxPdu(der).getContentInfos();
    assertThat(contents)
        .extracting(ContentInfo::getContentType)
        .containsExactly(PKCSObjectIdentifiers.encryptedData);
    // A bare certificate bag, as Windows writes it: no friendlyName and no Oracle "trusted"
    // attribute, so the JDK's KeyStore loads the file but lists no entry for it; readers that
    // mount non-exportable certificates must look at the bags themselves.
    List<PKCS12SafeBag> bags = decryptedBags(contents[0]);
    assertThat(bags).singleElement().satisfies(b -> assertThat(b.getAttributes()).isNull());
    assertThat(((X509CertificateHolder) bags.get(0).getBagValue()).getEncoded())
        .isEqualTo(rsaLeaf.getEncoded());
  }

  private void assertJdkOpensWithEmptyPassword(byte[] der) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(der), new char[0]);
    List<String> aliases = Collections.list(ks.aliases());
    assertThat(aliases).hasSize(1);
    assertThat(ks.isKeyEntry(aliases.get(0))).isTrue();
    assertThat(ks.getKey(aliases.get(0), new char[0])).isNotNull();
  }

  private static boolean macMatches(PKCS12PfxPdu pfx, char[] password) throws Exception {
    MacData md = pfx.toASN1Structure().getMacData();
    Mac mac = Mac.getInstance("HmacPBESHA1");
    mac.init(
        SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password)),
        new PBEParameterSpec(md.getSalt(), md.getIterationCount().intValue()));
    byte[] authSafe =
        ASN1OctetString.getInstance(pfx.toASN1Structure().getAuthSafe().getContent()).getOctets();
    return Arrays.equals(mac.doFinal(authSafe), md.getMac().getDigest());
  }

  private static void assertTripleDes2000(AlgorithmIdentifier alg) {
    assertThat(alg.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC);
    PKCS12PBEParams p = PKCS12PBEParams.getInstance(alg.getParameters());
    assertThat(p.getIterations().intValue()).isEqualTo(2000);
    assertThat(p.getIV()).hasSize(8);
  }

  private static void assertPbes2Aes256(AlgorithmIdentifier alg) {
    assertThat(alg.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters p = PBES2Parameters.getInstance(alg.getParameters());
    assertThat(p.getEncryptionScheme().getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
    PBKDF2Params kdf = PBKDF2Params.getInstance(p.getKeyDerivationFunc().getParameters());
    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(kdf.getIterationCount().intValue()).isEqualTo(10_000);
  }

  private static PKCS12SafeBag singleBag(ContentInfo plain) {
    PKCS12SafeBag[] bags = new PKCS12SafeBagFactory(plain).getSafeBags();
    assertThat(bags).hasSize(1);
    return bags[0];
  }

  /** Decrypts with the empty password as Key Vault encodes it (zero bytes, BouncyCastle's way). */
  private static List<PKCS12SafeBag> decryptedBags(ContentInfo encrypted) throws Exception {
    return new ArrayList<>(List.of(new PKCS12SafeBagFactory(encrypted, decryptor()).getSafeBags()));
  }

  private static InputDecryptorProvider decryptor() throws Exception {
    return new JcePKCSPBEInputDecryptorProviderBuilder()
        .setProvider(new BouncyCastleProvider())
        .build(new char[0]);
  }

  private static Object attribute(PKCS12SafeBag bag, ASN1ObjectIdentifier type) {
    if (bag.getAttributes() == null) {
      return null;
    }
    for (var a : bag.getAttributes()) {
      if (a.getAttrType().equals(type)) {
        return a.getAttrValues().getObjectAt(0);
      }
    }
    return null;
  }

  private static X509Certificate selfSigned(String subject, KeyPair kp) {
    return CertificateAuthority.selfSigned(
        subject, kp, List.of(), Instant.now().minusSeconds(60), Duration.ofDays(30));
  }
}
