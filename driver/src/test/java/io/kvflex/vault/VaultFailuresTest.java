package io.kvflex.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import io.kvflex.errors.CauseTrail;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.TokenFailure;
import io.kvflex.vault.http.Problem;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VaultFailuresTest {
  private static final String URL = "https://myvault.vault.localvault.test:8443/";
  private static final String SENTINEL = "SENTINEL-secret-value-0d3b";
  private static final IdentityMode SP =
      new IdentityMode.ServicePrincipalSecret("app-1", Sensitive.ofUtf8(SENTINEL));
  private final VaultFailures failures = new VaultFailures("myvault", URL, SP);

  private static ObjectRef ref(ObjectType type, String version) {
    return new ObjectRef(type, "db", Optional.ofNullable(version));
  }

  private static HttpResponseException status(int status, String body) {
    HttpHeaders h = new HttpHeaders();
    if (status == 429) {
      h.set(HttpHeaderName.RETRY_AFTER, "30");
    }
    return new HttpResponseException(
        "Status code " + status + ", \"" + body + "\"", new FakeHttpResponse(status, h, body));
  }

  private String message(ObjectRef ref, RuntimeException e) {
    KvflexException k = failures.toException(ref, e);
    assertThat(k).isInstanceOf(RemoteException.class);
    // The cause is only the trail for the log: class names and the JDK's own network messages.
    assertThat(k.getCause()).isInstanceOf(CauseTrail.class);
    assertThat(k.getCause().getMessage()).doesNotContain(SENTINEL);
    assertThat(k.getCause().getStackTrace()).isEmpty();
    assertThat(k.getMessage()).doesNotContain(SENTINEL).doesNotContain("\n").doesNotContain("\r");
    return k.getMessage();
  }

  @Test
  void forbiddenNamesRoleAndAccessPolicyPerObjectType() {
    String rbac =
        "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not authorized"
            + ".\\r\\nCaller: appid=app-1 "
            + SENTINEL
            + "\",\"innererror\":{\"code\":\"ForbiddenByRbac\"}}}";
    assertThat(message(ref(ObjectType.SECRET, null), status(403, rbac)))
        .startsWith(
            "cannot fetch secret/db (latest) from Key Vault 'myvault' as service principal app-1 (client secret): ")
        .contains("Key Vault answered Forbidden/ForbiddenByRbac [HTTP 403] at " + URL)
        .contains("may not read secret db (secrets get)")
        .contains("\"Key Vault Secrets User\"")
        .contains("access policy with get on secrets");
    assertThat(message(ref(ObjectType.KEY, null), status(403, rbac)))
        .contains("\"Key Vault Crypto User\"")
        .contains("get on keys");
    assertThat(message(ref(ObjectType.CERT, null), status(403, rbac)))
        .contains("\"Key Vault Certificate User\"")
        .contains("get on certificates");
  }

  @Test
  void disabledObject() {
    String body =
        "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation get is not allowed on a disabled"
            + " secret.\",\"innererror\":{\"code\":\"SecretDisabled\"}}}";
    assertThat(
            message(ref(ObjectType.SECRET, "0123456789abcdef0123456789abcdef"), status(403, body)))
        .contains("secret db version 0123456789abcdef0123456789abcdef is disabled")
        .contains("[HTTP 403]");
  }

  @Test
  void notFoundNamesObjectVersionAndVault() {
    String body =
        "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) db was not found\"}}";
    assertThat(
            message(
                ref(ObjectType.SECRET, "abc"),
                new ResourceNotFoundException(
                    "Status code 404", new FakeHttpResponse(404, new HttpHeaders(), body))))
        .contains("SecretNotFound [HTTP 404]")
        .contains("secret db version abc was not found in vault myvault")
        .contains("keyvaultobjectversions");
  }

  @Test
  void throttlingCarriesTheRetryAfterForPollers() {
    KvflexException k = failures.toException(ref(ObjectType.SECRET, null), status(429, "{}"));
    assertThat(((RemoteException) k).throttling())
        .hasValueSatisfying(
            t -> assertThat(t.retryAfter()).hasValue(java.time.Duration.ofSeconds(30)));
    KvflexException wrapped = new RemoteException("secret/db: " + k.getMessage(), k);
    assertThat(((RemoteException) wrapped).throttling()).as("found through a wrapper").isPresent();
    KvflexException other = failures.toException(ref(ObjectType.SECRET, null), status(503, "{}"));
    assertThat(((RemoteException) other).throttling()).isEmpty();
  }

  @Test
  void throttledPastTheDeadline() {
    assertThat(
            message(ref(ObjectType.KEY, null), status(429, "{\"error\":{\"code\":\"Throttled\"}}")))
        .contains("[HTTP 429]")
        .contains("retrying would pass the mount deadline");
  }

  @Test
  void tokenRejectedByTheVaultHintsTenantAndClock() {
    assertThat(
            message(
                ref(ObjectType.SECRET, null),
                status(401, "{\"error\":{\"code\":\"Unauthorized\"}}")))
        .contains("[HTTP 401]")
        .contains("tenantid")
        .contains("clock");
  }

  @Test
  void tokenFailuresAreReportedWithTheObjectThatNeededTheToken() {
    Problem p =
        Problem.of(
            "Entra ID refused the token request",
            "https://login/t/oauth2/v2.0/token",
            401,
            "wrong secret",
            "fix it");
    assertThat(
            message(
                ref(ObjectType.SECRET, null), new RuntimeException("wrapped", new TokenFailure(p))))
        .isEqualTo(
            "cannot fetch secret/db (latest) from Key Vault 'myvault' as service principal app-1"
                + " (client secret): Entra ID refused the token request [HTTP 401] at"
                + " https://login/t/oauth2/v2.0/token: wrong secret; fix: fix it");
  }

  @Test
  void unknownVaultHostAndRefusedConnection() {
    assertThat(
            message(
                ref(ObjectType.SECRET, null),
                new UncheckedIOException(
                    new UnknownHostException("myvault.vault.localvault.test " + SENTINEL))))
        .contains("host myvault.vault.localvault.test:8443 cannot be resolved")
        .contains("keyvaultname, cloudname");
    assertThat(
            message(
                ref(ObjectType.SECRET, null),
                new UncheckedIOException(new ConnectException("refused"))))
        .contains("connection to myvault.vault.localvault.test:8443 failed");
  }

  @Test
  void challengeResourceMismatch() {
    assertThat(
            message(
                ref(ObjectType.SECRET, null),
                new IllegalStateException(
                    "The challenge resource 'https://x/.default' does not match the requested domain.")))
        .contains("keyVaultDNSSuffix and resourceIdentifiers.keyVault");
  }

  @Test
  void unexpectedErrorsDoNotCopyTheirText() {
    assertThat(
            message(ref(ObjectType.SECRET, null), new IllegalArgumentException("boom " + SENTINEL)))
        .contains("(IllegalArgumentException)");
  }
}
