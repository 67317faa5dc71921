package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.options.IdentityMode.VmManagedIdentity;
import io.kvflex.vault.http.BoundedBody;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * VM managed identity through IMDS ({@code GET {imds}/metadata/identity/oauth2/token} with {@code
 * Metadata: true}), system-assigned or user-assigned by {@code client_id}.
 *
 * <p>Why not azure-identity's ManagedIdentityCredential: in the azure-identity/MSAL4J versions we
 * ship, the IMDS address override ({@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) is read by MSAL4J
 * from {@code System.getenv} only (its {@code Configuration} is not consulted), and MSAL keeps a
 * JVM-wide token cache; a cloud environment file could not point it elsewhere without mutating the
 * process environment. This client is small, takes the endpoint from the cloud environment, and
 * retries 404/410/429/5xx/transport errors a bounded number of times inside the mount deadline.
 */
public final class ImdsTokenSource implements TokenSource {
  private static final int MAX_TRIES = 5;

  private final HttpClient http;
  private final BoundedBody bodies;
  private final URI base;
  private final String resource;
  private final VmManagedIdentity identity;
  private final Deadline deadline;
  private final Backoff backoff;
  private final Duration readTimeout;

  public ImdsTokenSource(
      HttpClient http,
      BoundedBody bodies,
      URI base,
      String resource,
      VmManagedIdentity identity,
      Deadline deadline,
      Backoff backoff,
      Duration readTimeout) {
    this.http = http;
    this.bodies = bodies;
    this.base = base;
    this.resource = NodeTokenPoll.trimSlash(resource);
    this.identity = identity;
    this.deadline = deadline;
    this.backoff = backoff;
    this.readTimeout = readTimeout;
  }

  /** The URL asked (client id is not secret), named in messages. */
  public String endpoint() {
    return NodeTokenPoll.trimSlash(base.toString())
        + "/metadata/identity/oauth2/token?api-version=2018-02-01&resource="
        + URLEncoder.encode(resource, StandardCharsets.UTF_8)
        + identity
            .clientId()
            .map(id -> "&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
            .orElse("");
  }

  @Override
  public AccessToken fetch(TokenRequestContext context) {
    return NodeTokenPoll.fetch(
        http,
        bodies,
        deadline,
        backoff,
        MAX_TRIES,
        new NodeTokenPoll.Endpoint(this::request, this::parse, this::stopIfFinal, this::gaveUp));
  }

  private void stopIfFinal(int status, String body) {
    if (status == 400) {
      throw new TokenFailure(notAssigned(body));
    }
    boolean retryable = status == 404 || status == 410 || status == 429;
    if (!retryable && status < 500) {
      throw new TokenFailure(
          Problem.of(
              "IMDS refused the token request for " + identity.describe(),
              endpoint(),
              status,
              "IMDS did not accept the request",
              "check that the node is an Azure VM/VMSS and no proxy intercepts " + base));
    }
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create(endpoint()))
        .timeout(deadline.cap(readTimeout))
        .header("Metadata", "true")
        .GET()
        .build();
  }

  private AccessToken parse(String body) {
    try {
      Optional<AccessToken> token =
          TokenJson.token(TokenJson.fields(body), "", deadline.clock().instant());
      if (token.isPresent()) {
        return token.get();
      }
    } catch (IOException e) {
      // The body is never quoted: it may hold a token.
    }
    throw new TokenFailure(
        Problem.of(
            "IMDS answered 200 without an access_token for " + identity.describe(),
            endpoint(),
            200,
            "IMDS returned an unexpected body",
            "check that " + base + " is the Azure Instance Metadata Service"));
  }

  private Problem notAssigned(String body) {
    String code = "";
    try {
      code = SafeCodes.oauthError(TokenJson.fields(body).get("error")).orElse("");
    } catch (IOException e) {
      // No code then.
    }
    String assign =
        identity
            .clientId()
            .map(
                id ->
                    "assign the user-assigned identity "
                        + id
                        + " to the node's VM/VMSS (az vmss identity assign), or fix"
                        + " vmmanagedidentityclientid")
            .orElse(
                "enable the system-assigned identity of the node's VM/VMSS, or set"
                    + " vmmanagedidentityclientid to a user-assigned identity of the node");
    return Problem.of(
        "IMDS: the requested identity is not assigned to this VM"
            + (code.isEmpty() ? "" : " (" + code + ")"),
        endpoint(),
        400,
        identity.describe() + " is not available on this node",
        assign);
  }

  private Problem gaveUp(int tries, int lastStatus, Throwable lastError) {
    String tried = tries + (tries == 1 ? " try" : " tries");
    if (lastError != null) {
      String[] cf =
          Transport.diagnose(lastError, NodeTokenPoll.hostPort(base), "kvflex.imdsEndpoint")
              .orElse(new String[] {"IMDS could not be reached", "check the node's network"});
      if (!NodeTokenPoll.unreachable(lastError)) {
        return Problem.of(
            "IMDS request failed for " + identity.describe() + " (" + tried + ")",
            endpoint(),
            0,
            cf[0],
            cf[1]);
      }
      return Problem.of(
          "IMDS is not reachable for " + identity.describe() + " (" + tried + ")",
          endpoint(),
          0,
          cf[0],
          "VM managed identity works only on Azure VMs/VMSS (or with kvflex.imdsEndpoint set); "
              + cf[1]);
    }
    return Problem.of(
        "IMDS did not issue a token for " + identity.describe() + " (" + tried + ")",
        endpoint(),
        lastStatus,
        lastStatus == 429 ? "IMDS throttled the requests" : "IMDS is temporarily unavailable",
        "the kubelet will retry the mount; if it persists, check the VM's identity settings");
  }
}
