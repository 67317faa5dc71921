package io.kvflex.testsupport;

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

/**
 * The PEM oracle: PEM read and written with the JDK alone, so tests check the files kvflex writes
 * independently of kvflex's own PEM code. {@link #blocks} is lenient (any whitespace, text around
 * the blocks); {@link #strictBlocks} and {@link #keyAndChain} hold a file to the layout kvflex
 * promises (blocks back to back, 64-column lines, LF, nothing after the last block).
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
  private static final Pattern STRICT_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\n([A-Za-z0-9+/=\n]+)-----END \\1-----\n");

  /** One PEM block: its label and decoded bytes. */
  public record Block(String label, byte[] der) {}

  /** A private key (or none) followed by its certificate chain, leaf first. */
  public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {}

  private Pem() {}

  /** Every block in order, wherever it stands in {@code text}. */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  /**
   * Every block, failing (AssertionError) unless the text is nothing but blocks back to back, each
   * ending in LF, with base64 lines of at most 64 characters.
   */
  public static List<Block> strictBlocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = STRICT_BLOCK.matcher(text);
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new AssertionError("PEM blocks are not contiguous at offset " + end + ": " + text);
      }
      end = m.end();
      for (String line : m.group(2).split("\n")) {
        if (line.length() > 64) {
          throw new AssertionError("PEM line longer than 64 characters: " + line);
        }
      }
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    if (end != text.length()) {
      throw new AssertionError("text after the last PEM block at offset " + end + ": " + text);
    }
    return out;
  }

  /**
   * A strict PEM file of an optional {@code PRIVATE KEY} (PKCS#8) first, then only {@code
   * CERTIFICATE} blocks, as kvflex writes a key with its chain.
   */
  public static KeyAndChain keyAndChain(byte[] pem) {
    PrivateKey key = null;
    List<X509Certificate> chain = new ArrayList<>();
    for (Block b : strictBlocks(text(pem))) {
      if (b.label().equals("PRIVATE KEY")) {
        if (key != null || !chain.isEmpty()) {
          throw new AssertionError("one private key, before every certificate");
        }
        key = privateKey(b.der());
      } else if (b.label().equals("CERTIFICATE")) {
        chain.add(certificate(b.der()));
      } else {
        throw new AssertionError("unexpected PEM block " + b.label());
      }
    }
    return new KeyAndChain(key, chain);
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

  /** A DER certificate. */
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
        return privateKey(b.der());
      }
    }
    throw new IllegalArgumentException("no PRIVATE KEY block");
  }

  /** A PKCS#8 DER key, RSA or EC. */
  public static PrivateKey privateKey(byte[] pkcs8) {
    for (String alg : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    throw new IllegalArgumentException("the PRIVATE KEY block is neither RSA nor EC PKCS#8");
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

  /** One block the way kvflex writes it: 64-column base64, LF line ends. */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** PEM bytes as text. */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
