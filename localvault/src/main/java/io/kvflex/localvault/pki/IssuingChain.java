package io.kvflex.localvault.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The root -> intermediate CA chain that issues "chain" certificates of every vault. */
public final class IssuingChain {
  private final CertificateAuthority root;
  private final CertificateAuthority intermediate;

  private IssuingChain(CertificateAuthority root, CertificateAuthority intermediate) {
    this.root = root;
    this.intermediate = intermediate;
  }

  public static IssuingChain generate(Instant now) {
    Instant start = now.minus(Duration.ofDays(1));
    CertificateAuthority root =
        CertificateAuthority.generateRoot(
            "CN=localvault Test Root CA,O=kvflex", start, Duration.ofDays(3650));
    return new IssuingChain(
        root,
        root.issueIntermediate(
            "CN=localvault Test Issuing CA 1,O=kvflex", start, Duration.ofDays(1825)));
  }

  public CertificateAuthority issuer() {
    return intermediate;
  }

  /** The issuers of a leaf, nearest first: intermediate, root. */
  public List<X509Certificate> issuers() {
    return List.of(intermediate.certificate(), root.certificate());
  }
}
