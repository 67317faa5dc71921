package io.kvflex.localvault.seed;

import java.util.List;

/**
 * A certificate with its key pair and backing secret.
 *
 * @param chain true: issued by a generated root -> intermediate CA chain; false: self-signed
 * @param contentType backing secret format: {@code application/x-pkcs12} or {@code
 *     application/x-pem-file}
 * @param pkcs12Encryption how a PKCS#12 secret is protected (legacy: as Key Vault writes it)
 */
public record CertificateSpec(
    String name,
    String subject,
    List<String> dnsNames,
    KeyKind kind,
    int size,
    String curve,
    String contentType,
    boolean chain,
    int validityMonths,
    boolean exportable,
    Pkcs12Encryption pkcs12Encryption,
    int versions,
    boolean enabled) {

  public static final String PKCS12 = "application/x-pkcs12";
  public static final String PEM = "application/x-pem-file";
}
