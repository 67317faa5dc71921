package io.kvflex.localvault.store;

import java.util.List;

/**
 * The parts of a certificate policy localvault honours and reports.
 *
 * @param issuerName {@code Self} or {@code Unknown} (issued by the local chain)
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
    String issuerName) {

  public CertificatePolicy {
    dnsNames = List.copyOf(dnsNames);
  }
}
