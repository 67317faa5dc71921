package io.kvflex.vault.credentials;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.IdentityMode.ServicePrincipalCertificate;
import io.kvflex.options.Sensitive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.regex.Pattern;

/**
 * The {@code clientcert} material of a certificate service principal, checked before any request:
 * PEM (certificate + unencrypted private key) or PKCS#12 (with {@code clientcertpassword} or an
 * empty password). It stays in memory; it is handed to azure-identity as a stream, never written to
 * disk.
 */
final class ClientCertificateMaterial {
  private static final Pattern PEM_KEY = Pattern.compile("-----BEGIN (RSA |EC )?PRIVATE KEY-----");

  enum Kind {
    PEM,
    PKCS12
  }

  private final Kind kind;
  private final Sensitive bytes;
  private final String password;

  private ClientCertificateMaterial(Kind kind, Sensitive bytes, String password) {
    this.kind = kind;
    this.bytes = bytes;
    this.password = password;
  }

  static ClientCertificateMaterial of(ServicePrincipalCertificate sp) {
    byte[] raw = sp.certificate().reveal();
    String who = sp.describe();
    if (raw.length == 0) {
      throw new UserInputException(
          who
              + ": key clientcert of the secretRef Secret is empty; fix: put the PEM (certificate"
              + " and private key) or PKCS#12 file there");
    }
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN")) {
      if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
        throw new UserInputException(
            who
                + ": the PEM private key in clientcert is encrypted; fix: use an unencrypted PEM"
                + " key, or a PKCS#12 file with clientcertpassword");
      }
      if (!text.contains("-----BEGIN CERTIFICATE-----") || !PEM_KEY.matcher(text).find()) {
        throw new UserInputException(
            who
                + ": clientcert PEM must hold a CERTIFICATE block and a PRIVATE KEY block; fix:"
                + " concatenate the certificate and its private key into key clientcert");
      }
      return new ClientCertificateMaterial(Kind.PEM, sp.certificate(), null);
    }
    String password = sp.password().map(Sensitive::revealUtf8).orElse("");
    checkPkcs12(raw, password, who, sp.password().isPresent());
    return new ClientCertificateMaterial(Kind.PKCS12, sp.certificate(), password);
  }

  private static void checkPkcs12(byte[] raw, String password, String who, boolean hasPassword) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(raw), password.toCharArray());
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          return;
        }
      }
      throw new UserInputException(
          who
              + ": the PKCS#12 in clientcert holds no private key; fix: export the certificate"
              + " WITH its private key");
    } catch (IOException e) {
      throw new UserInputException(
          who
              + (hasPassword
                  ? ": clientcert is not a PKCS#12 file or clientcertpassword is wrong"
                  : ": clientcert is neither PEM nor a PKCS#12 file without password")
              + "; fix: check the clientcert and clientcertpassword keys of the secretRef Secret");
    } catch (GeneralSecurityException e) {
      throw new UserInputException(
          who
              + ": clientcert PKCS#12 cannot be read ("
              + e.getClass().getSimpleName()
              + "); fix: re-export it with standard algorithms");
    }
  }

  Kind kind() {
    return kind;
  }

  InputStream stream() {
    return new ByteArrayInputStream(bytes.reveal());
  }

  /** The PKCS#12 password ("" when none); null for PEM. */
  String password() {
    return password;
  }

  @Override
  public String toString() {
    return "ClientCertificateMaterial[" + kind + ", ****]";
  }
}
