package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** Keys and certificates in the volume, checked with the JDK against what the vault holds. */
public final class CryptoAssertions {
  private static final char[] EMPTY = new char[0];

  private final World world;
  private final VaultContext vault;
  private final MountContext mounts;

  public CryptoAssertions(World world, VaultContext vault, MountContext mounts) {
    this.world = world;
    this.vault = vault;
    this.mounts = mounts;
  }

  @Then("file {string} is a PEM certificate equal to the vault's certificate {string}")
  public void pemCertificate(String path, String cert) {
    List<X509Certificate> certs = Pem.certificates(text(path));
    assertThat(certs).as("certificates in " + path).hasSize(1);
    assertThat(certs.get(0)).isEqualTo(vaultCertificate(cert));
  }

  @Then("file {string} holds the DER bytes of the vault's certificate {string}")
  public void derCertificate(String path, String cert) throws CertificateEncodingException {
    assertThat(bytes(path)).isEqualTo(vaultCertificate(cert).getEncoded());
  }

  @Then("file {string} starts with a PKCS#8 private key")
  public void startsWithPkcs8(String path) {
    List<Pem.Block> blocks = Pem.blocks(text(path));
    assertThat(blocks).isNotEmpty();
    assertThat(blocks.get(0).label()).isEqualTo("PRIVATE KEY");
    assertThat(text(path)).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Then("the private key in file {string} matches the certificate {string}")
  public void privateKeyMatches(String path, String cert) {
    assertThat(KeyMaterial.pairs(Pem.privateKey(text(path)), vaultCertificate(cert).getPublicKey()))
        .as("the key in " + path + " signs what certificate " + cert + " verifies")
        .isTrue();
  }

  @Then("the certificates in file {string} run leaf, intermediate, root")
  public void chainOrder(String path) {
    List<X509Certificate> chain = Pem.certificates(text(path));
    assertThat(chain).as("certificates in " + path).hasSize(3);
    assertThat(KeyMaterial.chainOrderProblems(chain)).isEmpty();
    assertThat(chain.get(0).getBasicConstraints()).as("the first is the leaf").isEqualTo(-1);
  }

  @Then(
      "file {string} is a PKCS#12 keystore with an empty password holding the key of certificate {string}")
  public void pkcs12(String path, String cert) {
    KeyMaterial.KeyEntry entry =
        KeyMaterial.keyEntry(KeyMaterial.pkcs12(bytes(path), EMPTY), EMPTY);
    assertThat(entry.chain()).isNotEmpty();
    assertThat(entry.chain().get(0)).isEqualTo(vaultCertificate(cert));
    assertThat(KeyMaterial.pairs(entry.key(), vaultCertificate(cert).getPublicKey())).isTrue();
  }

  @Then("file {string} holds the stored value of secret {string}")
  public void storedValue(String path, String secret) {
    assertThat(vault.secretValues).containsKey(secret);
    assertThat(text(path)).isEqualTo(vault.secretValues.get(secret));
  }

  @Then("the public key in file {string} matches the certificate in file {string}")
  public void publicKeyMatchesCertificate(String keyPath, String certPath) {
    PublicKey key = Pem.publicKey(text(keyPath));
    List<X509Certificate> certs = Pem.certificates(text(certPath));
    assertThat(certs).hasSize(1);
    assertThat(key).isEqualTo(certs.get(0).getPublicKey());
  }

  @Then("file {string} is a PEM public key equal to the vault's key {string}")
  public void pemPublicKey(String path, String key) {
    assertThat(Pem.publicKey(text(path))).isEqualTo(KeyMaterial.fromJwk(vaultKey(key)));
  }

  @Then("file {string} is a JWK equal to the vault's key {string}")
  public void jwk(String path, String key) {
    Map<String, Object> written = Json.object(text(path));
    Map<String, Object> expected = vaultKey(key);
    assertThat(Json.text(written, "kty")).isEqualTo(Json.text(expected, "kty").replace("-HSM", ""));
    for (String member : List.of("kid", "n", "e", "crv", "x", "y")) {
      assertThat(Json.text(written, member))
          .as("JWK member " + member)
          .isEqualTo(Json.text(expected, member));
    }
    assertThat(written)
        .as("a public JWK: no private members")
        .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    assertThat(KeyMaterial.fromJwk(written)).isEqualTo(KeyMaterial.fromJwk(expected));
  }

  @Then("the vault serves key {string} with kty {string}")
  public void servedKty(String key, String kty) {
    assertThat(Json.text(vaultKey(key), "kty")).isEqualTo(kty);
  }

  @Then("file {string} holds the base64url modulus of the vault's key {string}")
  public void modulus(String path, String key) {
    assertThat(text(path)).isEqualTo(Json.text(vaultKey(key), "n"));
  }

  private X509Certificate vaultCertificate(String name) {
    assertThat(vault.certificates).as("certificates this scenario created").containsKey(name);
    return vault.certificates.get(name);
  }

  private Map<String, Object> vaultKey(String name) {
    assertThat(vault.keys).as("keys this scenario created").containsKey(name);
    return vault.keys.get(name);
  }

  private byte[] bytes(String path) {
    return world
        .backend()
        .read(mounts.lastMount(), path)
        .orElseThrow(() -> new AssertionError("the pod sees no file " + path));
  }

  private String text(String path) {
    return Pem.text(bytes(path));
  }
}
