package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredential;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.kvflex.localvault.pki.Pem;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys and certificates (and their backing secrets) through the real SDK clients. */
class KeysAndCertificatesSdkTest {
  static LocalVault lv;
  static KeyClient keys;
  static CertificateClient certs;
  static SecretClient secrets;
  static CertificateClient writerCerts;
  static SecretClient writerSecrets;
  static KeyClient writerKeys;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    HttpClient http = TestVaults.azureHttpClient(lv);
    ClientSecretCredential reader =
        TestVaults.credential(lv, http, TestVaults.clientId("it-reader"), "reader-secret-value");
    ClientSecretCredential writer =
        TestVaults.credential(lv, http, TestVaults.clientId("it-writer"), "writer-secret-value");
    String url = lv.vaultUrl(TestVaults.VAULT);
    keys = new KeyClientBuilder().vaultUrl(url).credential(reader).httpClient(http).buildClient();
    certs =
        new CertificateClientBuilder()
            .vaultUrl(url)
            .credential(reader)
            .httpClient(http)
            .buildClient();
    secrets =
        new SecretClientBuilder().vaultUrl(url).credential(reader).httpClient(http).buildClient();
    writerCerts =
        new CertificateClientBuilder()
            .vaultUrl(url)
            .credential(writer)
            .httpClient(http)
            .buildClient();
    writerSecrets =
        new SecretClientBuilder().vaultUrl(url).credential(writer).httpClient(http).buildClient();
    writerKeys =
        new KeyClientBuilder().vaultUrl(url).credential(writer).httpClient(http).buildClient();
  }

  @Test
  void rsaAndEcKeysExposePublicJwks() {
    KeyVaultKey rsa = keys.getKey("rsa-key");
    assertThat(rsa.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(((RSAPublicKey) rsa.getKey().toRsa().getPublic()).getModulus().bitLength())
        .isEqualTo(2048);
    assertThat(rsa.getKey().hasPrivateKey()).isFalse();
    KeyVaultKey ec = keys.getKey("ec-key");
    assertThat(ec.getKeyType()).isEqualTo(KeyType.EC);
    assertThat(ec.getKey().getCurveName().toString()).isEqualTo("P-384");
  }

  /**
   * Recorded: a Managed HSM key created as {@code RSA-HSM} answers 200 with {@code "kty":"RSA-HSM"}
   * (Java {@code
   * sdk/keyvault/azure-security-keyvault-keys/src/test/resources/session-records/KeyClientManagedHsmTest.createRsaKey[1].json}),
   * and an {@code EC-HSM} key with {@code "kty":"EC-HSM"} on create and GET (C++ {@code
   * sdk/keyvault/azure-security-keyvault-keys/test/ut/recordings/KeyVaultKeyClient.CreateEcHsmKey.json}).
   */
  @Test
  void hsmKeysKeepTheirKeyType() {
    KeyVaultKey rsa = keys.getKey("rsa-hsm-key");
    assertThat(rsa.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    assertThat(rsa.getKey().getKeyType()).isEqualTo(KeyType.RSA_HSM);
    assertThat(((RSAPublicKey) rsa.getKey().toRsa().getPublic()).getModulus().bitLength())
        .isEqualTo(2048);
    KeyVaultKey ec = keys.getKey("ec-hsm-key");
    assertThat(ec.getKeyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(ec.getKey().getCurveName().toString()).isEqualTo("P-256");
    KeyVaultKey created =
        writerKeys.createKey(new CreateEcKeyOptions("created-ec-hsm").setHardwareProtected(true));
    assertThat(created.getKeyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(writerKeys.getKey("created-ec-hsm").getKeyType()).isEqualTo(KeyType.EC_HSM);
  }

  /** {@code pkcs12: modern} in the seed: the same secret, AES-256 bags and an HMAC-SHA-256 MAC. */
  @Test
  void modernPkcs12IsStillAnEmptyPasswordPfx() throws Exception {
    KeyVaultSecret secret = secrets.getSecret("modern-pfx");
    byte[] der = Base64.getDecoder().decode(secret.getValue());
    assertThat(new PKCS12PfxPdu(der).getMacAlgorithmID().getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_sha256);
    KeyStore pfx = KeyStore.getInstance("PKCS12");
    pfx.load(new ByteArrayInputStream(der), new char[0]);
    assertThat(pfx.getKey(Collections.list(pfx.aliases()).get(0), new char[0])).isNotNull();
    assertThat(
            new PKCS12PfxPdu(Base64.getDecoder().decode(secrets.getSecret("web-pfx").getValue()))
                .getMacAlgorithmID()
                .getAlgorithm())
        .as("the default is Key Vault's SHA-1 MAC")
        .isEqualTo(OIWObjectIdentifiers.idSHA1);
  }

  @Test
  void certificateKeyAndSecretShareNameAndVersion() throws Exception {
    KeyVaultCertificateWithPolicy cert = certs.getCertificate("web-pfx");
    String version = cert.getProperties().getVersion();
    assertThat(cert.getKeyId()).endsWith("/keys/web-pfx/" + version);
    assertThat(cert.getSecretId()).endsWith("/secrets/web-pfx/" + version);
    X509Certificate x509 =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.getCer()));
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=web.kvflex.test");
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(cert.getCer());
    assertThat(cert.getProperties().getX509Thumbprint()).isEqualTo(sha1);
    assertThat(cert.getPolicy().getContentType()).isEqualTo(CertificateContentType.PKCS12);

    KeyVaultSecret secret = secrets.getSecret("web-pfx", version);
    assertThat(secret.getProperties().getContentType()).isEqualTo("application/x-pkcs12");
    assertThat(secret.getProperties().isManaged()).isTrue();
    assertThat(secret.getProperties().getKeyId()).endsWith("/keys/web-pfx/" + version);
    KeyStore pfx = KeyStore.getInstance("PKCS12");
    pfx.load(new ByteArrayInputStream(Base64.getDecoder().decode(secret.getValue())), new char[0]);
    String alias = Collections.list(pfx.aliases()).get(0);
    assertThat(pfx.getKey(alias, new char[0])).isNotNull();
    List<String> chain =
        java.util.Arrays.stream(pfx.getCertificateChain(alias))
            .map(c -> ((X509Certificate) c).getSubjectX500Principal().getName())
            .toList();
    assertThat(chain)
        .containsExactly(
            "CN=web.kvflex.test",
            "O=kvflex,CN=localvault Test Issuing CA 1",
            "O=kvflex,CN=localvault Test Root CA");
    KeyVaultKey key = keys.getKey("web-pfx", version);
    assertThat(key.getProperties().isManaged()).isTrue();
  }

  @Test
  void pemCertificateSecretHasKeyFirstThenLeafThenChain() throws Exception {
    KeyVaultSecret secret = secrets.getSecret("web-pem");
    assertThat(secret.getProperties().getContentType()).isEqualTo("application/x-pem-file");
    String pem = secret.getValue();
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    List<X509Certificate> chain = Pem.parseCertificates(pem);
    assertThat(chain).hasSize(3);
    chain.get(0).verify(chain.get(1).getPublicKey());
    chain.get(1).verify(chain.get(2).getPublicKey());
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
        .isTrue();
  }

  @Test
  void certificateVersionsAreListed() {
    assertThat(certs.listPropertiesOfCertificateVersions("self-signed").stream().count())
        .isEqualTo(2);
  }

  @Test
  void sdkCanCreateCertificatesAndSetAndRotateSecrets() {
    KeyVaultCertificateWithPolicy created =
        writerCerts
            .beginCreateCertificate(
                "created-by-sdk",
                new CertificatePolicy("Self", "CN=created.kvflex.test")
                    .setContentType(CertificateContentType.PEM))
            .getFinalResult();
    assertThat(created.getProperties().getVersion()).matches("[0-9a-f]{32}");
    assertThat(writerSecrets.getSecret("created-by-sdk").getValue())
        .contains("-----BEGIN CERTIFICATE-----");

    writerSecrets.setSecret("rotated", "one");
    KeyVaultSecret two = writerSecrets.setSecret("rotated", "two");
    assertThat(writerSecrets.getSecret("rotated").getValue()).isEqualTo("two");
    assertThat(writerSecrets.listPropertiesOfSecretVersions("rotated").stream().count())
        .isEqualTo(2);
    two.getProperties().setEnabled(false);
    writerSecrets.updateSecretProperties(two.getProperties());
    assertThat(
            writerSecrets.listPropertiesOfSecretVersions("rotated").stream()
                .filter(p -> Boolean.FALSE.equals(p.isEnabled()))
                .count())
        .isEqualTo(1);
  }
}
