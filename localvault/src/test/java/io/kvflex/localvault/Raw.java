package io.kvflex.localvault;

import io.kvflex.testsupport.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP against localvault, for protocol details the SDK hides. */
final class Raw {
  final LocalVault lv;
  final HttpClient http;

  Raw(LocalVault lv) {
    this.lv = lv;
    this.http = TestVaults.rawClient(lv);
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET {vaultUrl}{pathAndQuery} with an optional bearer token. */
  HttpResponse<String> vaultGet(String vault, String pathAndQuery, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lv.vaultUrl(vault) + pathAndQuery));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.GET());
  }

  HttpResponse<String> vaultSend(
      String vault, String method, String pathAndQuery, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(lv.vaultUrl(vault) + pathAndQuery))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  HttpResponse<String> tokenRequest(String tenant, String form) {
    return send(
        HttpRequest.newBuilder(URI.create(lv.authorityHost() + tenant + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** A client-credentials token for a seeded service principal of the test tenant. */
  String token(String spName, String secret) {
    HttpResponse<String> r =
        tokenRequest(
            TestVaults.TENANT,
            "grant_type=client_credentials&client_id="
                + TestVaults.clientId(spName)
                + "&client_secret="
                + enc(secret)
                + "&scope="
                + enc(lv.vaultScope() + " openid profile offline_access")
                + "&client_info=1");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("token request failed: " + r.body());
    }
    return (String) json(r).get("access_token");
  }

  HttpResponse<String> plainGet(int port, String pathAndQuery, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    headers.forEach(b::header);
    return send(b.GET());
  }

  HttpResponse<String> admin(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lv.adminPort() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  static Map<String, Object> json(HttpResponse<String> r) {
    return Json.object(r.body());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> r) {
    return (Map<String, Object>) json(r).get("error");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
