package io.kvflex.vault;

import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the vault returned for one {@link ObjectRef}, in our own types (no Azure SDK type crosses
 * the {@link VaultClient} port). Renderers turn these into files.
 */
public sealed interface VaultObject {

  /** The reference that was asked for. */
  ObjectRef ref();

  /** The concrete version the vault served (the latest when none was pinned). */
  String version();

  /**
   * A secret. {@code contentType} is what Key Vault stores (e.g. {@code application/x-pkcs12} or
   * {@code application/x-pem-file} for certificate-backed secrets), empty when unset.
   */
  record Secret(ObjectRef ref, String version, Sensitive value, Optional<String> contentType)
      implements VaultObject {
    public Secret {
      Objects.requireNonNull(ref);
      Objects.requireNonNull(version);
      Objects.requireNonNull(value);
      Objects.requireNonNull(contentType);
    }
  }

  /**
   * A key's public part as Key Vault returns it in JWK form. RSA keys carry {@code n}/{@code e}; EC
   * keys carry {@code crv} ({@code P-256}, {@code P-384}, {@code P-521}) and {@code x}/{@code y}.
   * Byte arrays are the decoded (unsigned big-endian) JWK values.
   */
  record Key(ObjectRef ref, String version, PublicJwk jwk) implements VaultObject {
    public Key {
      Objects.requireNonNull(ref);
      Objects.requireNonNull(version);
      Objects.requireNonNull(jwk);
    }
  }

  /** A certificate's public X.509 certificate, DER-encoded (Key Vault's {@code cer} field). */
  record Certificate(ObjectRef ref, String version, byte[] der) implements VaultObject {
    public Certificate {
      Objects.requireNonNull(ref);
      Objects.requireNonNull(version);
      der = Objects.requireNonNull(der).clone();
    }

    @Override
    public byte[] der() {
      return der.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Certificate c
          && ref.equals(c.ref)
          && version.equals(c.version)
          && Arrays.equals(der, c.der);
    }

    @Override
    public int hashCode() {
      return Objects.hash(ref, version, Arrays.hashCode(der));
    }

    @Override
    public String toString() {
      return "Certificate["
          + ref.describe()
          + ", version "
          + version
          + ", "
          + der.length
          + " bytes]";
    }
  }

  /**
   * Public JWK fields. {@code kty} is {@code RSA}, {@code RSA-HSM}, {@code EC} or {@code EC-HSM};
   * absent fields are empty arrays / empty strings.
   */
  record PublicJwk(String kid, String kty, String crv, byte[] n, byte[] e, byte[] x, byte[] y) {
    public PublicJwk {
      Objects.requireNonNull(kid);
      Objects.requireNonNull(kty);
      Objects.requireNonNull(crv);
      n = n == null ? new byte[0] : n.clone();
      e = e == null ? new byte[0] : e.clone();
      x = x == null ? new byte[0] : x.clone();
      y = y == null ? new byte[0] : y.clone();
    }

    public boolean isRsa() {
      return kty.startsWith("RSA");
    }

    public boolean isEc() {
      return kty.startsWith("EC");
    }

    @Override
    public byte[] n() {
      return n.clone();
    }

    @Override
    public byte[] e() {
      return e.clone();
    }

    @Override
    public byte[] x() {
      return x.clone();
    }

    @Override
    public byte[] y() {
      return y.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PublicJwk j
          && kid.equals(j.kid)
          && kty.equals(j.kty)
          && crv.equals(j.crv)
          && Arrays.equals(n, j.n)
          && Arrays.equals(e, j.e)
          && Arrays.equals(x, j.x)
          && Arrays.equals(y, j.y);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kid, kty, crv, Arrays.hashCode(n), Arrays.hashCode(x));
    }

    @Override
    public String toString() {
      return "PublicJwk[" + kty + (crv.isEmpty() ? "" : " " + crv) + ", " + kid + "]";
    }
  }
}
