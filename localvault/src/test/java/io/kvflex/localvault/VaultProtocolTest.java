package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Tls;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Key Vault protocol details over raw HTTP: challenge, errors, URL forms, paging, 403, disabled.
 */
class VaultProtocolTest extends RawReaderTests {
  @Test
  void unauthenticatedRequestGetsTheChallenge() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password/?api-version=7.4", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer authorization=\"https://login.localvault.test:"
                + lv.httpsPort()
                + "/"
                + TestVaults.TENANT
                + "\", resource=\"https://vault.localvault.test\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a"
                + " Bearer or PoP token.\"}}");
    assertThat(r.headers().firstValue("x-ms-request-id")).isPresent();
  }

  @Test
  void challengeCarriesTheVaultsOwnTenant() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-other", "secrets/elsewhere?api-version=7.4", null);
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"");
  }

  @Test
  void tokenOfAnotherTenantIsRejected() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-other", "secrets/elsewhere?api-version=7.4", reader);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Raw.error(r).get("message").toString()).startsWith("AKV10032: Invalid issuer.");
  }

  @Test
  void garbageTokenIsRejectedWithChallenge() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", "not.a.jwt");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void bothLatestVersionFormsAndExplicitVersion() {
    HttpResponse<String> slash =
        raw.vaultGet("kvflex-it", "secrets/db-password/?api-version=7.4", reader);
    HttpResponse<String> noSlash =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.5", reader);
    assertThat(slash.statusCode()).isEqualTo(200);
    assertThat(noSlash.statusCode()).isEqualTo(200);
    Map<String, Object> a = Raw.json(slash);
    assertThat(a.get("id")).isEqualTo(Raw.json(noSlash).get("id"));
    String id = (String) a.get("id");
    String version = id.substring(id.lastIndexOf('/') + 1);
    assertThat(version).matches("[0-9a-f]{32}");
    HttpResponse<String> explicit =
        raw.vaultGet("kvflex-it", "secrets/db-password/" + version + "?api-version=7.6", reader);
    assertThat(Raw.json(explicit).get("value")).isEqualTo("s3cr3t-value");
    @SuppressWarnings("unchecked")
    Map<String, Object> attrs = (Map<String, Object>) a.get("attributes");
    assertThat(attrs)
        .containsEntry("enabled", true)
        .containsEntry("recoveryLevel", "Recoverable+Purgeable");
    assertThat(((Number) attrs.get("created")).longValue())
        .isBetween(1_700_000_000L, 4_000_000_000L);
  }

  @Test
  void apiVersionIsRequiredAndChecked() {
    HttpResponse<String> missing = raw.vaultGet("kvflex-it", "secrets/db-password", reader);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Raw.error(missing)).containsEntry("code", "BadParameter");
    HttpResponse<String> bogus =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=1.0", reader);
    assertThat(bogus.statusCode()).isEqualTo(400);
    assertThat(Raw.error(bogus).get("message").toString()).contains("not recognized");
  }

  @Test
  void notFoundErrorsUseTheRealCodesAndMessages() {
    HttpResponse<String> s = raw.vaultGet("kvflex-it", "secrets/missing?api-version=7.4", reader);
    HttpResponse<String> k = raw.vaultGet("kvflex-it", "keys/missing?api-version=7.4", reader);
    HttpResponse<String> c =
        raw.vaultGet("kvflex-it", "certificates/missing/?api-version=7.4", reader);
    assertThat(List.of(s.statusCode(), k.statusCode(), c.statusCode())).containsOnly(404);
    assertThat(Raw.error(s))
        .containsEntry("code", "SecretNotFound")
        .containsEntry(
            "message",
            "A secret with (name/id) missing was not found in this key vault. If you recently"
                + " deleted this secret you may be able to recover it using the correct recovery"
                + " command. For help resolving this issue, please see"
                + " https://go.microsoft.com/fwlink/?linkid=2125182");
    assertThat(Raw.error(k)).containsEntry("code", "KeyNotFound");
    assertThat(Raw.error(c)).containsEntry("code", "CertificateNotFound");
    HttpResponse<String> badVersion =
        raw.vaultGet(
            "kvflex-it",
            "secrets/db-password/00000000000000000000000000000000?api-version=7.4",
            reader);
    assertThat(Raw.error(badVersion)).containsEntry("code", "SecretNotFound");
  }

  @Test
  void callerWithoutPermissionGetsForbiddenByPolicy() {
    String token = raw.token("it-no-access", "no-access-secret-value");
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", token);
    assertThat(r.statusCode()).isEqualTo(403);
    Map<String, Object> err = Raw.error(r);
    assertThat(err)
        .containsEntry("code", "Forbidden")
        .containsEntry("innererror", Map.of("code", "ForbiddenByPolicy"));
    assertThat(err.get("message").toString())
        .startsWith(
            "The user, group or application 'appid="
                + TestVaults.clientId("it-no-access")
                + ";oid=")
        .contains("does not have secrets get permission on key vault 'kvflex-it;location=");
  }

  @Test
  void listNeedsListPermission() {
    String token = raw.token("it-no-access", "no-access-secret-value");
    assertThat(raw.vaultGet("kvflex-it", "secrets?api-version=7.4", token).statusCode())
        .isEqualTo(403);
  }

  @Test
  void disabledSecretIsForbiddenWithSecretDisabled() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "secrets/disabled-secret/?api-version=7.4", reader);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Raw.error(r))
        .containsEntry("code", "Forbidden")
        .containsEntry("message", "Operation get is not allowed on a disabled secret.")
        .containsEntry("innererror", Map.of("code", "SecretDisabled"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void pagingUsesAbsoluteNextLinkWithSkipTokenAndExplicitNullAtTheEnd() {
    HttpResponse<String> first =
        raw.vaultGet(
            "kvflex-it", "secrets/many-versions/versions?api-version=7.4&maxresults=10", reader);
    Map<String, Object> page = Raw.json(first);
    assertThat((List<Object>) page.get("value")).hasSize(10);
    String next = (String) page.get("nextLink");
    assertThat(next)
        .startsWith(
            lv.vaultUrl("kvflex-it") + "secrets/many-versions/versions?api-version=7.4&$skiptoken=")
        .endsWith("&maxresults=10");
    int total = 10;
    while (next != null) {
      Map<String, Object> p =
          Raw.json(
              raw.vaultGet("kvflex-it", next.substring(lv.vaultUrl("kvflex-it").length()), reader));
      total += ((List<Object>) p.get("value")).size();
      assertThat(p).containsKey("nextLink");
      next = (String) p.get("nextLink");
    }
    assertThat(total).isEqualTo(28);
    assertThat(first.body()).doesNotContain("\"value\":\"v0");
  }

  @Test
  void badPagingInputIsRejected() {
    assertThat(
            raw.vaultGet("kvflex-it", "secrets?api-version=7.4&maxresults=26", reader).statusCode())
        .isEqualTo(400);
    assertThat(
            raw.vaultGet("kvflex-it", "secrets?api-version=7.4&$skiptoken=not-a-token", reader)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void versionsOfUnknownCertificateIsAnEmptyList() {
    HttpResponse<String> r =
        raw.vaultGet("kvflex-it", "certificates/nothing-here/versions?api-version=7.4", reader);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"value\":[],\"nextLink\":null}");
  }

  @Test
  void malformedRequestsGetErrorShapesAndTheServerKeepsServing() {
    String writer = raw.token("it-writer", "writer-secret-value");
    HttpResponse<String> badJson =
        raw.vaultSend("kvflex-it", "PUT", "secrets/new-one?api-version=7.4", writer, "{not json");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(Raw.error(badJson)).containsEntry("code", "BadParameter");
    HttpResponse<String> noValue =
        raw.vaultSend(
            "kvflex-it", "PUT", "secrets/new-one?api-version=7.4", writer, "{\"value\":3}");
    assertThat(noValue.statusCode()).isEqualTo(400);
    HttpResponse<String> badName =
        raw.vaultSend(
            "kvflex-it", "PUT", "secrets/bad_name?api-version=7.4", writer, "{\"value\":\"x\"}");
    assertThat(Raw.error(badName).get("message").toString()).contains("invalid name");
    HttpResponse<String> wrongMethod =
        raw.vaultSend("kvflex-it", "DELETE", "secrets?api-version=7.4", writer, "");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    HttpResponse<String> unknownPath =
        raw.vaultGet("kvflex-it", "nothing/here?api-version=7.4", reader);
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(
            raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", reader).statusCode())
        .isEqualTo(200);
  }

  @Test
  void rawGarbageNeverStopsTheServer() throws Exception {
    String host = "kvflex-it.vault.localvault.test:" + lv.httpsPort();
    assertThat(
            rawRequest(
                "GET /secrets/%zz?api-version=7.4&x=%zz HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nAuthorization: Bearer "
                    + reader
                    + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400"); // refused by the HTTP layer, as a bad URI
    rawRequest("NONSENSE\r\n\r\n");
    rawRequest("GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nabc");
    assertThat(
            rawRequest(
                "GET /secrets/db-password?api-version=7.4 HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nAuthorization: Bearer "
                    + reader
                    + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  /** Sends bytes over TLS as they are and returns the first response line ("" if none). */
  private static String rawRequest(String request) throws Exception {
    javax.net.ssl.SSLSocketFactory f = Tls.trusting(lv.caPem()).getSocketFactory();
    try (javax.net.ssl.SSLSocket s =
        (javax.net.ssl.SSLSocket) f.createSocket("127.0.0.1", lv.httpsPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  s.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
      String line = in.readLine();
      return line == null ? "" : line;
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void fiftyParallelGetsAreAllServed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String path =
            i % 2 == 0 ? "secrets/db-password?api-version=7.4" : "keys/ec-key/?api-version=7.4";
        futures.add(pool.submit(() -> raw.vaultGet("kvflex-it", path, reader)));
      }
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> r = futures.get(i).get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(i % 2 == 0 ? "s3cr3t-value" : "\"crv\":\"P-384\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
