package io.kvflex.vault;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.OnceTokenCredential;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import java.util.Objects;

/**
 * The {@link VaultClient} adapter over the Azure SDK's synchronous Secret/Key/Certificate clients.
 * One instance serves one mount: one vault, one identity, one token ({@link OnceTokenCredential}),
 * and is safe to call from several threads. Build it with {@link VaultClients}.
 */
public final class AzureVaultClient implements VaultClient {
  private final String vaultName;
  private final SecretClient secrets;
  private final KeyClient keys;
  private final CertificateClient certificates;
  private final OnceTokenCredential credential;
  private final VaultFailures failures;
  private final Deadline deadline;

  AzureVaultClient(
      String vaultName,
      SecretClient secrets,
      KeyClient keys,
      CertificateClient certificates,
      OnceTokenCredential credential,
      VaultFailures failures,
      Deadline deadline) {
    this.vaultName = Objects.requireNonNull(vaultName);
    this.secrets = Objects.requireNonNull(secrets);
    this.keys = Objects.requireNonNull(keys);
    this.certificates = Objects.requireNonNull(certificates);
    this.credential = Objects.requireNonNull(credential);
    this.failures = Objects.requireNonNull(failures);
    this.deadline = Objects.requireNonNull(deadline);
  }

  @Override
  public VaultObject fetch(ObjectRef ref) {
    if (deadline.passed()) {
      throw new RemoteException(
          failures.message(
              ref,
              Problem.of(
                  "the mount deadline passed before the request",
                  secrets.getVaultUrl(),
                  0,
                  "earlier steps used up the time",
                  "raise the volume option timeout; the kubelet will retry the mount")));
    }
    VaultObject object;
    try {
      object = get(ref);
    } catch (KvflexException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failures.toException(ref, e);
    }
    return object;
  }

  private VaultObject get(ObjectRef ref) {
    String version = ref.version().orElse("");
    return switch (ref.type()) {
      case SECRET -> {
        KeyVaultSecret s = secrets.getSecret(ref.name(), version);
        checkEnabled(ref, s.getProperties().isEnabled());
        yield SdkRecords.secret(ref, s, vaultName);
      }
      case KEY -> {
        var k = keys.getKey(ref.name(), version);
        checkEnabled(ref, k.getProperties().isEnabled());
        yield SdkRecords.key(ref, k, vaultName);
      }
      case CERT -> {
        var c =
            version.isEmpty()
                ? certificates.getCertificate(ref.name())
                : certificates.getCertificateVersion(ref.name(), version);
        checkEnabled(ref, c.getProperties().isEnabled());
        yield SdkRecords.certificate(ref, c, vaultName);
      }
    };
  }

  private void checkEnabled(ObjectRef ref, Boolean enabled) {
    if (Boolean.FALSE.equals(enabled)) {
      throw new RemoteException(
          failures.message(
              ref,
              Problem.of(
                  "Key Vault served a disabled object",
                  secrets.getVaultUrl(),
                  200,
                  ref.describe() + " is disabled",
                  "enable it in the vault, or pin an enabled version in keyvaultobjectversions")));
    }
  }

  /** Real token requests made so far (one per mount when all goes well). */
  public int tokenRequests() {
    return credential.requests();
  }

  @Override
  public String toString() {
    return "AzureVaultClient[" + secrets.getVaultUrl() + "]";
  }
}
