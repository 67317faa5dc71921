package io.kvflex.e2e.framework;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.kvflex.testsupport.Json;
import io.kvflex.testsupport.StubTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ARM and Microsoft Graph that disagree with the vault, for the {@code kvctl check-access
 * --probe} scenario that must catch it (localvault's own ARM cannot disagree with its vaults: one
 * seed serves both): one WireMock server answering ARM/Graph over HTTPS (a throwaway certificate
 * the cloud environment file trusts through {@code kvflex.caCertificates}) and, over plain HTTP,
 * the IMDS token endpoint that gives kvctl's CALLER (whoever runs it) its token. Every ARM/Graph
 * stub requires that token, so a request without it falls through to 404. Bodies follow the
 * documented shapes (Key Vault {@code 2026-02-01}, Graph v1.0).
 */
public final class ArmGraphStubs implements AutoCloseable {
  /** The caller's token; a loopback stand-in, not a secret of any identity. */
  static final String CALLER_TOKEN = "e2e-caller-token";

  public static final String SUBSCRIPTION = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  public static final String RESOURCE_GROUP = "rg-e2e";
  static final String VAULT_API = "2026-02-01";

  private final WireMockServer server;
  private final StubTls tls;

  private ArmGraphStubs(WireMockServer server, StubTls tls) {
    this.server = server;
    this.tls = tls;
  }

  public static ArmGraphStubs start(Path dir) {
    StubTls tls = StubTls.create(dir);
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(tls.keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(StubTls.PASSWORD)
                .keyManagerPassword(StubTls.PASSWORD)
                .disableRequestJournal());
    server.start();
    ArmGraphStubs stubs = new ArmGraphStubs(server, tls);
    stubs.reset();
    return stubs;
  }

  /** Only the caller's IMDS token: each scenario describes its own vault. */
  public void reset() {
    server.resetMappings();
    // The caller's managed identity (kvctl asks the cloud environment's kvflex.imdsEndpoint).
    server.stubFor(
        get(urlPathEqualTo("/metadata/identity/oauth2/token"))
            .withHeader("Metadata", equalTo("true"))
            .willReturn(
                json(
                    200,
                    Json.write(
                        Map.of(
                            "access_token",
                            CALLER_TOKEN,
                            "token_type",
                            "Bearer",
                            "expires_in",
                            "3600",
                            "expires_on",
                            String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()),
                            "resource",
                            armEndpoint())))));
  }

  String armEndpoint() {
    // An IP literal: the certificate names it and no hosts-file entry is needed.
    return "https://127.0.0.1:" + server.httpsPort() + "/";
  }

  /** The vault's ARM resource id. */
  public static String vaultId(String vault) {
    return "/subscriptions/"
        + SUBSCRIPTION
        + "/resourceGroups/"
        + RESOURCE_GROUP
        + "/providers/Microsoft.KeyVault/vaults/"
        + vault;
  }

  /**
   * {@code localvault}'s cloud environment with ARM, Graph and IMDS pointing here and this server's
   * certificate trusted in addition to localvault's CA.
   */
  public Path writeCloudEnvironment(Path localVaultEnv, Path out) {
    try {
      Map<String, Object> env =
          new LinkedHashMap<>(Json.object(Files.readString(localVaultEnv, StandardCharsets.UTF_8)));
      Map<String, Object> kvflex = new LinkedHashMap<>(Json.map(env, "kvflex"));
      env.put("resourceManagerEndpoint", armEndpoint());
      env.put("graphEndpoint", armEndpoint());
      kvflex.put("microsoftGraphEndpoint", armEndpoint());
      kvflex.put("imdsEndpoint", "http://127.0.0.1:" + server.port());
      kvflex.put(
          "caCertificates", Json.text(kvflex, "caCertificates") + "\n" + tls.certificatePem());
      env.put("kvflex", kvflex);
      Files.createDirectories(out.getParent());
      return Files.writeString(out, Json.write(env), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One access-policy entry: the permission names ARM lists per category. */
  public record Policy(
      String objectId, List<String> secrets, List<String> keys, List<String> certificates) {}

  /**
   * ARM describes {@code vault} (in {@code tenant}) as an access-policy vault with these entries.
   */
  public void accessPolicyVault(String vault, String tenant, List<Policy> policies) {
    List<Object> entries =
        policies.stream()
            .<Object>map(
                p ->
                    Map.of(
                        "tenantId",
                        tenant,
                        "objectId",
                        p.objectId(),
                        "permissions",
                        Map.of(
                            "secrets", p.secrets(),
                            "keys", p.keys(),
                            "certificates", p.certificates(),
                            "storage", List.of())))
            .toList();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("sku", Map.of("family", "A", "name", "standard"));
    properties.put("tenantId", tenant);
    properties.put("accessPolicies", entries);
    properties.put("enableRbacAuthorization", false);
    properties.put("enableSoftDelete", true);
    properties.put("vaultUri", "https://" + vault + ".vault.localvault.test/");
    properties.put("provisioningState", "Succeeded");
    properties.put("publicNetworkAccess", "Enabled");
    properties.put(
        "networkAcls",
        Map.of(
            "bypass",
            "AzureServices",
            "defaultAction",
            "Allow",
            "ipRules",
            List.of(),
            "virtualNetworkRules",
            List.of()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", vaultId(vault));
    body.put("name", vault);
    body.put("type", "Microsoft.KeyVault/vaults");
    body.put("location", "westeurope");
    body.put("properties", properties);
    server.stubFor(
        authorized(get(urlPathEqualTo(vaultId(vault))))
            .withQueryParam("api-version", equalTo(VAULT_API))
            .willReturn(json(200, Json.write(body))));
  }

  /** Graph knows the service principal {@code appId} as {@code objectId}, member of no group. */
  public void servicePrincipal(String appId, String objectId, String displayName) {
    server.stubFor(
        authorized(get(urlPathEqualTo("/v1.0/servicePrincipals")))
            .withQueryParam("$filter", equalTo("appId eq '" + appId + "'"))
            .willReturn(
                json(
                    200,
                    Json.write(
                        Map.of(
                            "value",
                            List.of(
                                Map.of(
                                    "id", objectId,
                                    "appId", appId,
                                    "displayName", displayName,
                                    "servicePrincipalType", "Application")))))));
    server.stubFor(
        authorized(post(urlPathEqualTo("/v1.0/directoryObjects/" + objectId + "/getMemberObjects")))
            .willReturn(json(200, "{\"value\": []}")));
  }

  private static MappingBuilder authorized(MappingBuilder b) {
    return b.withHeader("Authorization", equalTo("Bearer " + CALLER_TOKEN));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
