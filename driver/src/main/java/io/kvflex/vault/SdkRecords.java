package io.kvflex.vault;

import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.Optional;
import java.util.Set;

/** Azure SDK models → our {@link VaultObject} records; nothing SDK-typed leaves this class. */
final class SdkRecords {
  private static final Set<String> KEY_TYPES = Set.of("RSA", "RSA-HSM", "EC", "EC-HSM");

  private SdkRecords() {}

  static VaultObject.Secret secret(ObjectRef ref, KeyVaultSecret s, String vaultName) {
    if (s.getValue() == null) {
      throw new RemoteException(
          "Key Vault '"
              + vaultName
              + "' returned "
              + ref.describe()
              + " without a value; fix:"
              + " check that the secret has a value and the caller may read it");
    }
    return new VaultObject.Secret(
        ref,
        nonNull(s.getProperties().getVersion()),
        Sensitive.ofUtf8(s.getValue()),
        Optional.ofNullable(s.getProperties().getContentType()).filter(c -> !c.isEmpty()));
  }

  static VaultObject.Key key(ObjectRef ref, KeyVaultKey k, String vaultName) {
    JsonWebKey jwk = k.getKey();
    String kty = jwk == null || jwk.getKeyType() == null ? "" : jwk.getKeyType().toString();
    if (!KEY_TYPES.contains(kty)) {
      throw new UserInputException(
          ref.describe()
              + " in vault '"
              + vaultName
              + "' is a key of type "
              + (kty.isEmpty() ? "(none)" : kty)
              + "; only RSA, RSA-HSM, EC and EC-HSM keys have a public part to mount; fix: list"
              + " another object in keyvaultobjectnames");
    }
    return new VaultObject.Key(
        ref,
        nonNull(k.getProperties().getVersion()),
        new VaultObject.PublicJwk(
            nonNull(jwk.getId()),
            kty,
            jwk.getCurveName() == null ? "" : jwk.getCurveName().toString(),
            jwk.getN(),
            jwk.getE(),
            jwk.getX(),
            jwk.getY()));
  }

  static VaultObject.Certificate certificate(
      ObjectRef ref, KeyVaultCertificate c, String vaultName) {
    byte[] cer = c.getCer();
    if (cer == null || cer.length == 0) {
      throw new RemoteException(
          "Key Vault '"
              + vaultName
              + "' returned "
              + ref.describe()
              + " without certificate"
              + " bytes (cer); fix: check that the certificate is issued (not pending)");
    }
    return new VaultObject.Certificate(ref, nonNull(c.getProperties().getVersion()), cer);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
