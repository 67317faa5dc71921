package io.kvflex.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.kvflex.vault.http.Problem;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class EntraFailuresTest {
  private static final String ENDPOINT =
      "https://login.localvault.test:8443/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token";
  private static final String SENTINEL = "client-secret-SENTINEL-9c2e";
  private final EntraFailures secret =
      new EntraFailures(ENDPOINT, "app-1", "11111111-2222-3333-4444-555555555555", false);

  private static RuntimeException wrapped(String message, String code) {
    return new ClientAuthenticationException(
        "azure-identity failed", null, new MsalServiceException(message, code));
  }

  @Test
  void wrongSecretNamesTheKeyToFix() {
    Problem p =
        secret.classify(
            wrapped(
                "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent is"
                    + " the client secret value "
                    + SENTINEL
                    + "\r\nTrace ID: x",
                "invalid_client"));
    assertThat(p.describe())
        .contains("Entra ID refused the token request (invalid_client, AADSTS7000215)")
        .contains("the client secret is wrong for application app-1")
        .contains("clientsecret")
        .contains(ENDPOINT)
        .doesNotContain(SENTINEL)
        .doesNotContain("\r")
        .doesNotContain("\n");
  }

  @Test
  void unknownApplicationNamesTenantAndClientId() {
    Problem p =
        secret.classify(
            wrapped(
                "AADSTS700016: Application with identifier 'app-1' was not found",
                "unauthorized_client"));
    assertThat(p.describe())
        .contains("application app-1 was not found in tenant 11111111-2222-3333-4444-555555555555")
        .contains("check clientid");
  }

  @Test
  void assertionOutsideValidityHintsAtClockSkew() {
    Problem p =
        secret.classify(
            wrapped(
                "AADSTS700024: Client assertion is not within its valid time range.",
                "invalid_client"));
    assertThat(p.describe()).contains("clock skew").contains("NTP");
  }

  @Test
  void unknownTenant() {
    Problem p = secret.classify(wrapped("AADSTS90002: Tenant 'x' not found.", "invalid_request"));
    assertThat(p.describe()).contains("tenant 11111111-2222-3333-4444-555555555555 does not exist");
  }

  @Test
  void generic401WithoutCodeStillSaysWhatToCheck() {
    Problem p =
        new EntraFailures(ENDPOINT, "app-1", "t", true)
            .classify(wrapped("something " + SENTINEL, "invalid_client"));
    assertThat(p.describe())
        .contains("client certificate of application app-1")
        .contains("clientcert")
        .doesNotContain(SENTINEL);
  }

  @Test
  void unresolvableAuthorityHost() {
    Problem p =
        secret.classify(
            new ClientAuthenticationException(
                "x",
                null,
                new UncheckedIOException(new UnknownHostException("login.localvault.test"))));
    assertThat(p.describe())
        .contains("host login.localvault.test:8443 cannot be resolved")
        .contains("activeDirectoryEndpoint");
  }
}
