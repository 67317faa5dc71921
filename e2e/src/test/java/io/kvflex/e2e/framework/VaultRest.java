package io.kvflex.e2e.framework;

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
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The Key Vault data-plane REST API, as a test's "operator" uses it to put objects into a vault and
 * read back what the vault holds: a client-credentials token from the cloud's Entra endpoint, then
 * plain HTTPS calls with TLS verified against the given trust. Works against any Key
 * Vault-compatible server (localvault here); host names resolve through the JVM's resolver.
 */
public final class VaultRest {
  private static final String API = "api-version=7.4";

  private final HttpClient http;
  private final String authorityHost;
  private final String tenant;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private String token;

  /**
   * @param authorityHost e.g. {@code https://login.localvault.test:8443/}
   * @param scope e.g. {@code https://vault.localvault.test/.default}
   */
  public VaultRest(
      SSLContext tls,
      String authorityHost,
      String tenant,
      String clientId,
      String clientSecret,
      String scope) {
    this.http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    this.authorityHost = authorityHost.endsWith("/") ? authorityHost : authorityHost + "/";
    this.tenant = tenant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
  }

  /** PUT a secret version; returns the secret bundle. */
  public Map<String, Object> setSecret(
      String vaultUrl, String name, String value, String contentType, boolean enabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", value);
    if (contentType != null) {
      body.put("contentType", contentType);
    }
    body.put("attributes", Map.of("enabled", enabled));
    return call("PUT", vaultUrl, "secrets/" + name, body);
  }

  /** GET a secret (latest when {@code version} is empty). */
  public Map<String, Object> getSecret(String vaultUrl, String name, String version) {
    return call("GET", vaultUrl, "secrets/" + name + "/" + version, null);
  }

  /** GET a key's latest version (its public JWK under {@code key}). */
  public Map<String, Object> getKey(String vaultUrl, String name) {
    return call("GET", vaultUrl, "keys/" + name + "/", null);
  }

  /**
   * Creates a key: {@code RSA}/{@code RSA-HSM} (2048 bit) or {@code EC}/{@code EC-HSM} on {@code
   * curve}; returns the key bundle.
   */
  public Map<String, Object> createKey(String vaultUrl, String name, String kty, String curve) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kty", kty);
    if (kty.startsWith("EC")) {
      body.put("crv", curve);
    } else {
      body.put("key_size", 2048);
    }
    return call("POST", vaultUrl, "keys/" + name + "/create", body);
  }

  /**
   * Creates an RSA certificate issued by a CA chain (issuer {@code Unknown}: not self-signed), key
   * exportable, stored as PKCS#12; returns the certificate bundle.
   */
  public Map<String, Object> createChainCertificate(String vaultUrl, String name, String subject) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("key_props", Map.of("kty", "RSA", "key_size", 2048, "exportable", true));
    policy.put("secret_props", Map.of("contentType", "application/x-pkcs12"));
    policy.put("x509_props", Map.of("subject", subject, "validity_months", 12));
    policy.put("issuer", Map.of("name", "Unknown"));
    call("POST", vaultUrl, "certificates/" + name + "/create", Map.of("policy", policy));
    return call("GET", vaultUrl, "certificates/" + name + "/", null);
  }

  private Map<String, Object> call(
      String method, String vaultUrl, String path, Map<String, Object> body) {
    String base = vaultUrl.endsWith("/") ? vaultUrl : vaultUrl + "/";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path + "?" + API))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token())
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    HttpResponse<String> r = send(b.build());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isBlank() ? Map.of() : Json.object(r.body());
  }

  private synchronized String token() {
    if (token == null) {
      String form =
          "grant_type=client_credentials&client_id="
              + enc(clientId)
              + "&client_secret="
              + enc(clientSecret)
              + "&scope="
              + enc(scope);
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(authorityHost + tenant + "/oauth2/v2.0/token"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      HttpResponse<String> r = send(req);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "token request answered " + r.statusCode() + ": " + r.body());
      }
      token = Json.text(Json.object(r.body()), "access_token");
    }
    return token;
  }

  private HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + req.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
