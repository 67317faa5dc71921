package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Entra ID token endpoint: what MSAL4J sends, and the AADSTS errors. */
class TokenEndpointTest {
  static LocalVault lv;
  static Raw raw;
  static String form;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    raw = new Raw(lv);
    form = "grant_type=client_credentials&client_id=" + TestVaults.clientId("it-reader");
  }

  @Test
  void acceptsWhatMsalSendsAndReturnsASignedJwt() {
    String claims = Raw.enc("{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}");
    HttpResponse<String> r =
        raw.tokenRequest(
            TestVaults.TENANT,
            form
                + "&client_secret=reader-secret-value&client_info=1&claims="
                + claims
                + "&scope="
                + Raw.enc("openid https://vault.localvault.test/.default offline_access profile"));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = Raw.json(r);
    assertThat(body)
        .containsEntry("token_type", "Bearer")
        .containsKeys("expires_in", "ext_expires_in");
    String[] jwt = ((String) body.get("access_token")).split("\\.");
    assertThat(jwt).hasSize(3);
    String payload = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
    assertThat(payload)
        .contains("\"aud\":\"https://vault.localvault.test\"")
        .contains("\"tid\":\"" + TestVaults.TENANT + "\"")
        .contains("\"appid\":\"" + TestVaults.clientId("it-reader") + "\"")
        .contains("\"oid\":")
        .contains("\"exp\":");
  }

  @Test
  void basicAuthAndV1EndpointWork() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (TestVaults.clientId("it-reader") + ":reader-secret-value")
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        raw.send(
            HttpRequest.newBuilder(
                    URI.create(lv.authorityHost() + TestVaults.TENANT + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&resource="
                            + Raw.enc("https://vault.localvault.test"))));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Raw.json(r))
        .containsEntry("resource", "https://vault.localvault.test")
        .containsKey("expires_on");
  }

  @Test
  void errorsUseAadstsCodes() {
    assertError(raw.tokenRequest("no-such-tenant", form), 400, "invalid_request", "AADSTS90002");
    assertError(
        raw.tokenRequest(
            TestVaults.TENANT, form + "&client_secret=wrong&scope=" + Raw.enc(lv.vaultScope())),
        401,
        "invalid_client",
        "AADSTS7000215");
    assertError(
        raw.tokenRequest(
            TestVaults.TENANT,
            "grant_type=client_credentials&client_id=nobody&client_secret=x&scope="
                + Raw.enc(lv.vaultScope())),
        400,
        "unauthorized_client",
        "AADSTS700016");
    assertError(
        raw.tokenRequest(
            TestVaults.TENANT,
            form
                + "&client_secret=reader-secret-value&scope="
                + Raw.enc("https://vault.localvault.test")),
        400,
        "invalid_scope",
        "AADSTS1002012");
    assertError(
        raw.tokenRequest(
            TestVaults.TENANT,
            form
                + "&client_secret=reader-secret-value&scope="
                + Raw.enc("https://elsewhere.example/.default")),
        400,
        "invalid_resource",
        "AADSTS500011");
    assertError(
        raw.tokenRequest(TestVaults.TENANT, "client_id=x"), 400, "invalid_request", "AADSTS900144");
    assertError(
        raw.tokenRequest(TestVaults.TENANT, "grant_type=password&client_id=x"),
        400,
        "unsupported_grant_type",
        "AADSTS70003");
    assertError(
        raw.tokenRequest(TestVaults.TENANT, form + "&scope=" + Raw.enc(lv.vaultScope())),
        401,
        "invalid_client",
        "AADSTS7000218");
  }

  @Test
  void discoveryAndOpenIdMetadataAreServed() {
    HttpResponse<String> d =
        raw.send(
            HttpRequest.newBuilder(
                URI.create(
                    lv.authorityHost()
                        + "common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.localvault.test/"
                        + TestVaults.TENANT
                        + "/oauth2/v2.0/authorize")));
    assertThat(Raw.json(d)).containsKeys("tenant_discovery_endpoint", "metadata");
    HttpResponse<String> o =
        raw.send(
            HttpRequest.newBuilder(
                URI.create(
                    lv.authorityHost()
                        + TestVaults.TENANT
                        + "/v2.0/.well-known/openid-configuration")));
    assertThat(Raw.json(o).get("token_endpoint"))
        .isEqualTo(lv.authorityHost() + TestVaults.TENANT + "/oauth2/v2.0/token");
  }

  private static void assertError(HttpResponse<String> r, int status, String error, String code) {
    assertThat(r.statusCode()).isEqualTo(status);
    Map<String, Object> body = Raw.json(r);
    assertThat(body)
        .containsEntry("error", error)
        .containsKeys("error_codes", "trace_id", "correlation_id");
    assertThat(body.get("error_description").toString()).startsWith(code + ":");
  }
}
