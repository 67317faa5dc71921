package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.Pkcs12Encryption;
import java.util.List;

/**
 * The parts of a certificate policy localvault honours and reports.
 *
 * @param keyType {@code RSA}, {@code RSA-HSM}, {@code EC} or {@code EC-HSM}
 * @param issuerName {@code Self} or {@code Unknown} (issued by the local chain)
 * @param pkcs12Encryption localvault's own setting (not reported): how the PKCS#12 secret is
 *     protected
 */
public record CertificatePolicy(
    String subject,
    List<String> dnsNames,
    String keyType,
    Integer keySize,
    String curve,
    boolean exportable,
    String contentType,
    int validityMonths,
    String issuerName,
    Pkcs12Encryption pkcs12Encryption) {

  public CertificatePolicy {
    dnsNames = List.copyOf(dnsNames);
  }
}
