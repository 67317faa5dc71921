package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.seed.SeedLoader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IMDS and NMI over raw HTTP, and tokens from both working against the vault. */
class ManagedIdentityTest {
  static LocalVault lv;
  static Raw raw;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    raw = new Raw(lv);
  }

  static String clientIdOf(String mi) {
    return SeedLoader.parse("t", TestVaults.seedText()).managedIdentities().stream()
        .filter(m -> m.name().equals(mi))
        .findFirst()
        .orElseThrow()
        .clientId();
  }

  @Test
  void imdsIssuesSystemAssignedTokensWithStringNumbers() {
    HttpResponse<String> r =
        raw.plainGet(
            lv.imdsPort(),
            "//metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.localvault.test",
            Map.of("Metadata", "true"));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = Raw.json(r);
    assertThat(body.get("expires_on")).isInstanceOf(String.class);
    assertThat(body)
        .containsEntry("token_type", "Bearer")
        .containsEntry("client_id", clientIdOf("it-vm"));
    String token = (String) body.get("access_token");
    assertThat(raw.vaultGet("kvflex-it", "secrets/db-password?api-version=7.4", token).statusCode())
        .isEqualTo(200);
  }

  @Test
  void imdsSelectsUserAssignedIdentityByClientId() {
    HttpResponse<String> r =
        raw.plainGet(
            lv.imdsPort(),
            "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.localvault.test/&client_id="
                + clientIdOf("it-user"),
            Map.of("Metadata", "true"));
    assertThat(Raw.json(r)).containsEntry("client_id", clientIdOf("it-user"));
    assertThat(lv.requestCounts().count("imds.token", "it-user")).isPositive();
  }

  @Test
  void imdsSelectsByObjectIdAndResourceId() {
    var it =
        SeedLoader.parse("t", TestVaults.seedText()).managedIdentities().stream()
            .filter(m -> m.name().equals("it-user"))
            .findFirst()
            .orElseThrow();
    String base =
        "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.localvault.test";
    for (String selector :
        new String[] {
          "&object_id=" + it.objectId(),
          "&msi_res_id=" + Raw.enc(it.resourceId()),
          "&mi_res_id=" + Raw.enc(it.resourceId())
        }) {
      HttpResponse<String> r =
          raw.plainGet(lv.imdsPort(), base + selector, Map.of("Metadata", "true"));
      assertThat(Raw.json(r)).containsEntry("client_id", it.clientId());
    }
  }

  @Test
  void imdsErrors() {
    String path =
        "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.localvault.test";
    HttpResponse<String> noHeader = raw.plainGet(lv.imdsPort(), path, Map.of());
    assertThat(noHeader.statusCode()).isEqualTo(400);
    assertThat(Raw.json(noHeader))
        .containsEntry("error_description", "Required metadata header not specified");
    HttpResponse<String> unknown =
        raw.plainGet(
            lv.imdsPort(),
            path + "&client_id=00000000-0000-0000-0000-000000000000",
            Map.of("Metadata", "true"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(Raw.json(unknown)).containsEntry("error_description", "Identity not found");
    HttpResponse<String> noResource =
        raw.plainGet(
            lv.imdsPort(),
            "/metadata/identity/oauth2/token?api-version=2018-02-01",
            Map.of("Metadata", "true"));
    assertThat(noResource.statusCode()).isEqualTo(400);
  }

  @Test
  void nmiServesBoundPodsInTheLegacyShape() {
    HttpResponse<String> r =
        raw.plainGet(
            lv.nmiPort(),
            "/host/token/?resource=https://vault.localvault.test",
            Map.of("podname", "ready-pod", "podns", "default"));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = Raw.json(r);
    assertThat(body).containsEntry("clientid", clientIdOf("it-pod"));
    @SuppressWarnings("unchecked")
    Map<String, Object> token = (Map<String, Object>) body.get("token");
    assertThat(token)
        .containsKeys(
            "access_token", "expires_in", "expires_on", "not_before", "resource", "token_type");
    assertThat(
            raw.vaultGet(
                    "kvflex-it",
                    "secrets/db-password?api-version=7.4",
                    (String) token.get("access_token"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void nmiAnswers404UntilTheBindingIsActiveAfterThreeRequests() {
    HttpResponse<String> bind =
        raw.admin(
            "PUT",
            "/admin/pod-identities",
            "{\"namespace\":\"apps\",\"pod\":\"late-pod\",\"identity\":\"it-pod\",\"activeAfterRequests\":3}");
    assertThat(bind.statusCode()).isEqualTo(200);
    Map<String, String> headers = Map.of("podname", "late-pod", "podns", "apps");
    String path = "/host/token/?resource=https://vault.localvault.test";
    for (int i = 0; i < 3; i++) {
      assertThat(raw.plainGet(lv.nmiPort(), path, headers).statusCode()).isEqualTo(404);
    }
    assertThat(raw.plainGet(lv.nmiPort(), path, headers).statusCode()).isEqualTo(200);
    assertThat(raw.admin("DELETE", "/admin/pod-identities/apps/late-pod", null).statusCode())
        .isEqualTo(200);
    assertThat(raw.plainGet(lv.nmiPort(), path, headers).statusCode()).isEqualTo(404);
  }

  @Test
  void nmiBindingCanBecomeActiveAfterADelay() {
    // The delay runs on the vault's clock, stepped here: with a 400 ms real delay a loaded machine
    // could take longer than that between the PUT and the first GET, and the first GET got 200.
    raw.admin(
        "PUT",
        "/admin/pod-identities",
        "{\"namespace\":\"apps\",\"pod\":\"slow-pod\",\"identity\":\"it-pod\",\"activeAfterMs\":60000}");
    Map<String, String> headers = Map.of("podname", "slow-pod", "podns", "apps");
    String path = "/host/token/?resource=https://vault.localvault.test";
    assertThat(raw.plainGet(lv.nmiPort(), path, headers).statusCode()).isEqualTo(404);
    TestVaults.CLOCK.advance(Duration.ofMillis(60_000));
    assertThat(raw.plainGet(lv.nmiPort(), path, headers).statusCode()).isEqualTo(200);
  }

  @Test
  void nmiRejectsMissingHeadersAndResource() {
    HttpResponse<String> noHeaders =
        raw.plainGet(lv.nmiPort(), "/host/token/?resource=https://vault.localvault.test", Map.of());
    assertThat(noHeaders.statusCode()).isEqualTo(400);
    assertThat(noHeaders.body()).contains("missing 'podname' and 'podns' from request header");
    HttpResponse<String> noResource =
        raw.plainGet(
            lv.nmiPort(), "/host/token/", Map.of("podname", "ready-pod", "podns", "default"));
    assertThat(noResource.statusCode()).isEqualTo(400);
    assertThat(noResource.body()).contains("parameter resource cannot be empty");
  }
}
