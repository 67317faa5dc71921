package io.kvflex.e2e.framework;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks read with the JDK only, so the suite checks the driver's files independently. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  /** One PEM block: its label and decoded bytes. */
  public record Block(String label, byte[] der) {}

  private Pem() {}

  /** Every block in order. */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  /** The certificates in order. */
  public static List<X509Certificate> certificates(String text) {
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.label().equals("CERTIFICATE")) {
        out.add(certificate(b.der()));
      }
    }
    return out;
  }

  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a DER certificate: " + e.getMessage(), e);
    }
  }

  /** The first {@code PRIVATE KEY} (PKCS#8) block as a key (RSA or EC). */
  public static PrivateKey privateKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PRIVATE KEY")) {
        for (String alg : List.of("RSA", "EC")) {
          try {
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(b.der()));
          } catch (GeneralSecurityException tryNext) {
            // not this algorithm
          }
        }
        throw new IllegalArgumentException("the PRIVATE KEY block is neither RSA nor EC PKCS#8");
      }
    }
    throw new IllegalArgumentException("no PRIVATE KEY block");
  }

  /** The first {@code PUBLIC KEY} (SubjectPublicKeyInfo) block as a key. */
  public static PublicKey publicKey(String text) {
    for (Block b : blocks(text)) {
      if (b.label().equals("PUBLIC KEY")) {
        for (String alg : List.of("RSA", "EC")) {
          try {
            return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(b.der()));
          } catch (GeneralSecurityException tryNext) {
            // not this algorithm
          }
        }
        throw new IllegalArgumentException("the PUBLIC KEY block is neither RSA nor EC");
      }
    }
    throw new IllegalArgumentException("no PUBLIC KEY block");
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
