package io.kvflex.flexvolume.blackbox;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.kvflex.localvault.LocalVault;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
    this.http = HttpClient.newBuilder().sslContext(trusting(vault.caPem())).build();
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
    this.token = (String) json(response.body()).get("access_token");
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
    return json(response.body());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) throws Exception {
    try (JsonReader reader = JsonProviders.createReader(text)) {
      return (Map<String, Object>) reader.readUntyped();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(String caPem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
