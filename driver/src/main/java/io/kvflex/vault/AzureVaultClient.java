package io.kvflex.vault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.OnceTokenCredential;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.DeadlineRetryStrategy;
import io.kvflex.vault.http.Problem;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@link VaultClient} adapter over the Azure SDK's synchronous Secret/Key/Certificate clients.
 * One instance serves one mount: one vault, one identity, one token ({@link OnceTokenCredential}),
 * and is safe to call from several threads. Build it with {@link VaultClients}.
 *
 * <p>When the vault rejects the mount's token (401), the request is made once more with a fresh
 * token: the SDK clients are rebuilt for it, since azure-core's token cache inside them would hand
 * out the rejected token again.
 */
public final class AzureVaultClient implements VaultClient {
  private final String vaultName;
  private final String vaultUrl;
  private final Supplier<SdkClients> build;
  private final AtomicReference<SdkClients> clients;
  private final OnceTokenCredential credential;
  private final DeadlineRetryStrategy retry;
  private final VaultFailures failures;
  private final Deadline deadline;

  AzureVaultClient(
      String vaultName,
      String vaultUrl,
      Supplier<SdkClients> build,
      OnceTokenCredential credential,
      DeadlineRetryStrategy retry,
      VaultFailures failures,
      Deadline deadline) {
    this.vaultName = Objects.requireNonNull(vaultName);
    this.vaultUrl = Objects.requireNonNull(vaultUrl);
    this.build = Objects.requireNonNull(build);
    this.clients = new AtomicReference<>(build.get());
    this.credential = Objects.requireNonNull(credential);
    this.retry = Objects.requireNonNull(retry);
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
                  vaultUrl,
                  0,
                  "earlier steps used up the time",
                  "raise the volume option timeout; the kubelet will retry the mount")));
    }
    retry.forget();
    try {
      SdkClients used = clients.get();
      try {
        return get(ref, used);
      } catch (HttpResponseException e) {
        if (!tokenRejected(e)) {
          throw e;
        }
        clients.compareAndSet(used, build.get());
        retry.forget();
        return get(ref, clients.get());
      }
    } catch (KvflexException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failures.toException(ref, e, retry.lastStop(), credential.refreshed());
    }
  }

  /** A 401 to a request that carried this mount's token, which may now be replaced once. */
  private boolean tokenRejected(HttpResponseException e) {
    HttpResponse response = e.getResponse();
    if (response == null || response.getStatusCode() != 401 || response.getRequest() == null) {
      return false;
    }
    String authorization =
        Optional.ofNullable(
                response.getRequest().getHeaders().getValue(HttpHeaderName.AUTHORIZATION))
            .orElse("");
    return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && credential.rejected(authorization.substring(7).trim());
  }

  private VaultObject get(ObjectRef ref, SdkClients sdk) {
    String version = ref.version().orElse("");
    return switch (ref.type()) {
      case SECRET -> {
        KeyVaultSecret s = sdk.secrets().getSecret(ref.name(), version);
        checkEnabled(ref, s.getProperties().isEnabled());
        yield SdkRecords.secret(ref, s, vaultName);
      }
      case KEY -> {
        var k = sdk.keys().getKey(ref.name(), version);
        checkEnabled(ref, k.getProperties().isEnabled());
        yield SdkRecords.key(ref, k, vaultName);
      }
      case CERT -> {
        var c =
            version.isEmpty()
                ? sdk.certificates().getCertificate(ref.name())
                : sdk.certificates().getCertificateVersion(ref.name(), version);
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
                  vaultUrl,
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
    return "AzureVaultClient[" + vaultUrl + "]";
  }
}
