package io.kvflex.flexvolume.blackbox;

import io.kvflex.localvault.LocalVault;
import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.Tls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads what localvault serves over its public REST API with a plain HTTP client, so black-box
 * tests compute expected file bytes independently of the driver's code.
 */
final class VaultPeek {
  private final LocalVault vault;
  private final HttpClient http;
  private final String token;

  VaultPeek(LocalVault vault, String clientId, String clientSecret) throws Exception {
    this.vault = vault;
    this.http = Tls.httpClient(vault.caPem());
    String authority = vault.authorityHost().replaceAll("/+$", "");
    String form =
        "grant_type=client_credentials&client_id="
            + enc(clientId)
            + "&client_secret="
            + enc(clientSecret)
            + "&scope="
            + enc(vault.vaultScope());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(authority + "/" + vault.tenantId() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    this.token = (String) Json.object(response.body()).get("access_token");
  }

  /** GET {@code <vault url>/<path>?api-version=7.4} as a JSON map. */
  Map<String, Object> get(String vaultName, String path) throws Exception {
    String base = vault.vaultUrl(vaultName).replaceAll("/+$", "");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/" + path + "?api-version=7.4"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
    }
    return Json.object(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
