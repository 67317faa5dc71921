package io.kvflex.kvctl.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.testsupport.StubTls;
import io.kvflex.testsupport.Tls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * One HTTPS WireMock server standing in for ARM and Microsoft Graph. Every stub requires the
 * caller's bearer token, so a request without it (or with the wrong one) falls through to 404.
 */
final class AzureStubs implements AutoCloseable {
  static final String CALLER_TOKEN = "caller-token-for-tests";

  final WireMockServer server;
  final StubTls tls;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<String> requestedScopes = new CopyOnWriteArrayList<>();

  private AzureStubs(WireMockServer server, StubTls tls) {
    this.server = server;
    this.tls = tls;
  }

  static AzureStubs start(Path dir) throws Exception {
    StubTls tls = StubTls.create(dir);
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(tls.keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(StubTls.PASSWORD)
                .keyManagerPassword(StubTls.PASSWORD)
                .disableRequestJournal());
    server.start();
    AzureStubs stubs = new AzureStubs(server, tls);
    stubs.reset();
    return stubs;
  }

  String baseUrl() {
    // An IP literal: no name lookup (the test JVM resolves names through a hosts file).
    return "https://127.0.0.1:" + server.httpsPort();
  }

  AccessEndpoints endpoints() {
    return AccessEndpoints.of(baseUrl() + "/", baseUrl() + "/");
  }

  TokenCredential callerCredential() {
    return request -> {
      requestedScopes.addAll(request.getScopes());
      return Mono.just(
          new AccessToken(CALLER_TOKEN, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
    };
  }

  HttpClient httpClient() throws Exception {
    return new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(Tls.trusting(tls.certificatePem())))
        .build();
  }

  AccessChecker checker() throws Exception {
    return AccessClients.checker(endpoints(), httpClient(), callerCredential(), sleeps::add);
  }

  /** Every call and pause (recorded in {@link #sleeps}, never slept) ends by {@code deadline}. */
  AccessChecker checker(RunDeadline deadline) throws Exception {
    return AccessClients.checker(
        endpoints(), httpClient(), callerCredential(), sleeps::add, deadline);
  }

  /**
   * Forgets every stub and recorded call, then answers what a quiet tenant answers: no role or deny
   * assignment at any scope, every secret and key enabled (tests stub what they need, which wins by
   * priority).
   */
  void reset() {
    server.resetAll();
    sleeps.clear();
    requestedScopes.clear();
    server.stubFor(
        authorized(get(urlPathMatching(".*/providers/Microsoft\\.Authorization/roleAssignments")))
            .atPriority(QUIET)
            .willReturn(json(200, ArmShapes.list(List.of(), null))));
    server.stubFor(
        authorized(get(urlPathMatching(".*/providers/Microsoft\\.Authorization/denyAssignments")))
            .atPriority(QUIET)
            .willReturn(json(200, ArmShapes.list(List.of(), null))));
    server.stubFor(
        authorized(
                get(
                    urlPathMatching(
                        ".*/providers/Microsoft\\.KeyVault/vaults/[^/]+/(secrets|keys)/[^/]+")))
            .atPriority(QUIET)
            .willReturn(json(200, ArmShapes.secretResource(true))));
  }

  /** Priority of {@link #reset()}'s answers: below every stub a test adds (default 5). */
  private static final int QUIET = 9;

  // ---- stubs ---------------------------------------------------------------------------------

  void vault(String body) {
    stub(armGet(ArmShapes.VAULT_ID, ArmReader.VAULT_API), 200, body);
  }

  /** One role assignment; {@link #roleAssignments} answers like ARM's {@code atScope()} filter. */
  record Ra(
      String name,
      String scope,
      String roleGuid,
      String principalId,
      String type,
      String condition) {
    String json() {
      return ArmShapes.roleAssignment(name, scope, roleGuid, principalId, type, condition);
    }

    boolean coversScope(String objectScope) {
      return objectScope.equalsIgnoreCase(scope)
          || objectScope.toLowerCase(Locale.ROOT).startsWith(scope.toLowerCase(Locale.ROOT) + "/");
    }
  }

  /** Stubs the list at each object scope with the assignments at or above it. */
  void roleAssignments(List<Ra> all, String... objectScopes) {
    for (String scope : objectScopes) {
      List<String> items = new ArrayList<>();
      all.stream().filter(a -> a.coversScope(scope)).forEach(a -> items.add(a.json()));
      stub(roleAssignmentList(scope), 200, ArmShapes.list(items, null));
    }
  }

  MappingBuilder roleAssignmentList(String scope) {
    return armGet(
            scope + "/providers/Microsoft.Authorization/roleAssignments",
            ArmReader.AUTHORIZATION_API)
        .withQueryParam("$filter", equalTo("atScope() and assignedTo('" + ArmShapes.OID + "')"));
  }

  void roleDefinition(String guid, String body) {
    stub(armGet(ArmShapes.roleDefinitionId(guid), ArmReader.AUTHORIZATION_API), 200, body);
  }

  void servicePrincipal(String appId, String body) {
    stub(
        authorized(get(urlPathEqualTo("/v1.0/servicePrincipals")))
            .withQueryParam("$filter", equalTo("appId eq '" + appId + "'")),
        200,
        body);
  }

  /** Graph's {@code directoryObjects/{id}}, e.g. {@code #microsoft.graph.servicePrincipal}. */
  void directoryObject(String objectId, String odataType) {
    stub(
        authorized(get(urlPathEqualTo("/v1.0/directoryObjects/" + objectId))),
        200,
        "{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#directoryObjects/$entity\","
            + " \"@odata.type\": \""
            + odataType
            + "\", \"id\": \""
            + objectId
            + "\"}");
  }

  void memberObjects(String objectId, int status, String body) {
    stub(
        authorized(post(urlPathEqualTo("/v1.0/directoryObjects/" + objectId + "/getMemberObjects")))
            .withRequestBody(equalToJson("{\"securityEnabledOnly\": false}")),
        status,
        body);
  }

  MappingBuilder armGet(String path, String apiVersion) {
    return authorized(get(urlPathEqualTo(path))).withQueryParam("api-version", equalTo(apiVersion));
  }

  void stub(MappingBuilder request, int status, String body) {
    server.stubFor(request.willReturn(json(status, body)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static MappingBuilder authorized(MappingBuilder b) {
    return b.withHeader("Authorization", equalTo("Bearer " + CALLER_TOKEN));
  }

  @Override
  public void close() {
    server.stop();
  }
}
