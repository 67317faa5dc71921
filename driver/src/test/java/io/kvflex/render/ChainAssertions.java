package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rendered key+chain PEM with the JDK alone (independent of the code under test): the key
 * signs what the leaf's public key verifies, and every certificate is signed by the next one.
 */
final class ChainAssertions {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\n([A-Za-z0-9+/=\n]+)-----END \\1-----\n");

  private ChainAssertions() {}

  record Parsed(PrivateKey key, List<X509Certificate> chain) {}

  static Parsed parse(byte[] pem) throws Exception {
    String text = new String(pem, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    PrivateKey key = null;
    List<X509Certificate> chain = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      assertThat(m.start()).as("blocks are contiguous").isEqualTo(end);
      end = m.end();
      for (String line : m.group(2).split("\n")) {
        assertThat(line.length()).as("PEM line length").isLessThanOrEqualTo(64);
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        assertThat(key).as("one private key").isNull();
        assertThat(chain).as("key comes first").isEmpty();
        key = pkcs8(der);
      } else {
        assertThat(m.group(1)).isEqualTo("CERTIFICATE");
        chain.add(
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
      }
    }
    assertThat(end).as("nothing after the last block").isEqualTo(text.length());
    return new Parsed(key, chain);
  }

  private static PrivateKey pkcs8(byte[] der) throws Exception {
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (java.security.spec.InvalidKeySpecException next) {
        // try the other
      }
    }
    throw new AssertionError("private key is neither RSA nor EC PKCS#8");
  }

  /** Leaf → root order by signature, root self-signed, key belongs to the leaf. */
  static void assertKeyMatchesLeafAndChainOrdered(PrivateKey key, List<X509Certificate> chain)
      throws Exception {
    assertThat(chain).hasSize(3);
    for (int i = 0; i + 1 < chain.size(); i++) {
      chain.get(i).verify(chain.get(i + 1).getPublicKey());
      assertThat(chain.get(i).getIssuerX500Principal())
          .isEqualTo(chain.get(i + 1).getSubjectX500Principal());
    }
    X509Certificate root = chain.get(chain.size() - 1);
    root.verify(root.getPublicKey());
    assertThat(chain.get(0).getBasicConstraints()).as("leaf is not a CA").isEqualTo(-1);
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] message = "proof of possession".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(message);
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(chain.get(0).getPublicKey());
    verifier.update(message);
    assertThat(verifier.verify(signer.sign())).as("key belongs to the leaf").isTrue();
  }
}
