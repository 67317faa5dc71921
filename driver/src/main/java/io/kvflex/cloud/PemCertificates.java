package io.kvflex.cloud;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a string of one or more PEM {@code CERTIFICATE} blocks. */
final class PemCertificates {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

  private PemCertificates() {}

  /** The result: the certificates, or why the text is not valid. */
  record Parsed(List<X509Certificate> certificates, Optional<String> error) {}

  static Parsed parse(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK lacks X.509 support", e);
    }
    int index = 0;
    int end = 0;
    while (m.find()) {
      index++;
      if (!pem.substring(end, m.start()).isBlank()) {
        return fail("has text that is not a PEM CERTIFICATE block before certificate #" + index);
      }
      end = m.end();
      try {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException e) {
        return fail("certificate #" + index + " is not a valid X.509 certificate");
      }
    }
    if (index == 0) {
      return fail("holds no \"-----BEGIN CERTIFICATE-----\" block");
    }
    if (!pem.substring(end).isBlank()) {
      return fail("has text that is not a PEM CERTIFICATE block after certificate #" + index);
    }
    return new Parsed(List.copyOf(out), Optional.empty());
  }

  private static Parsed fail(String why) {
    return new Parsed(List.of(), Optional.of(why));
  }
}
