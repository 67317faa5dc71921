package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.kvflex.options.IdentityMode.PodIdentity;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * AAD Pod Identity: asks the node's NMI for a token for the pod the kubelet named ({@code GET
 * {nmi}/host/token/?resource=...} with headers {@code podname}/{@code podns}). While NMI answers
 * 403 or 404 the identity is not assigned to the pod yet, so it polls with backoff — but only while
 * the next try still fits before the mount deadline, then fails with a message saying so (the
 * kubelet retries the mount). Every call has connect and read timeouts.
 */
public final class NmiTokenSource implements TokenSource {
  private final HttpClient http;
  private final BoundedBody bodies;
  private final URI base;
  private final String resource;
  private final PodIdentity pod;
  private final Deadline deadline;
  private final Backoff backoff;
  private final Duration readTimeout;

  public NmiTokenSource(
      HttpClient http,
      BoundedBody bodies,
      URI base,
      String resource,
      PodIdentity pod,
      Deadline deadline,
      Backoff backoff,
      Duration readTimeout) {
    this.http = http;
    this.bodies = bodies;
    this.base = base;
    this.resource = NodeTokenPoll.trimSlash(resource);
    this.pod = pod;
    this.deadline = deadline;
    this.backoff = backoff;
    this.readTimeout = readTimeout;
  }

  /** The URL asked (no secret in it), named in messages. */
  public String endpoint() {
    return NodeTokenPoll.trimSlash(base.toString())
        + "/host/token/?resource="
        + URLEncoder.encode(resource, StandardCharsets.UTF_8);
  }

  @Override
  public AccessToken fetch(TokenRequestContext context) {
    Instant started = deadline.clock().instant();
    return NodeTokenPoll.fetch(
        http,
        bodies,
        deadline,
        backoff,
        NodeTokenPoll.UNLIMITED,
        new NodeTokenPoll.Endpoint(
            this::request,
            this::parse,
            this::stopIfFinal,
            (tries, lastStatus, lastError) -> gaveUp(tries, started, lastStatus, lastError)));
  }

  /** 403/404: the identity is not assigned to the pod yet; 5xx: NMI's trouble. Both are retried. */
  private void stopIfFinal(int status, String body) {
    if (status != 403 && status != 404 && status < 500) {
      throw new TokenFailure(refused(status));
    }
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create(endpoint()))
        .timeout(deadline.cap(readTimeout))
        .header("podname", pod.podName())
        .header("podns", pod.podNamespace())
        .GET()
        .build();
  }

  private AccessToken parse(String body) {
    try {
      Map<String, String> f = TokenJson.fields(body);
      Optional<AccessToken> token = TokenJson.token(f, "token.", deadline.clock().instant());
      String clientId = f.getOrDefault("clientid", "");
      if (token.isPresent() && !clientId.isBlank()) {
        return token.get();
      }
    } catch (IOException e) {
      // Fall through to the message below; the body is never quoted (it may hold a token).
    }
    return failWith(
        Problem.of(
            "NMI answered 200 without a token and clientid for pod " + podName(),
            endpoint(),
            200,
            "NMI returned an unexpected body",
            "check the aad-pod-identity NMI version on this node"));
  }

  private Problem refused(int status) {
    return Problem.of(
        "NMI refused the token request for pod " + podName(),
        endpoint(),
        status,
        status == 400
            ? "NMI rejected the request (missing pod name/namespace or resource)"
            : "NMI did not accept the request from this node",
        "check that aad-pod-identity NMI on this node serves /host/token/ and that nmiport is"
            + " right");
  }

  private Problem gaveUp(int tries, Instant started, int lastStatus, Throwable lastError) {
    long seconds = Duration.between(started, deadline.clock().instant()).toSeconds();
    String tried = tries + (tries == 1 ? " try" : " tries") + " in " + seconds + "s";
    if (lastStatus == 403 || lastStatus == 404) {
      return Problem.of(
          "the pod identity binding is not assigned yet for pod " + podName(),
          endpoint(),
          lastStatus,
          "NMI answered "
              + lastStatus
              + " ("
              + tried
              + ", stopped before the mount deadline); the kubelet will retry the mount",
          "label the pod with aadpodidbinding matching an AzureIdentityBinding and check that"
              + " an AzureAssignedIdentity exists for it (kubectl get azureassignedidentity -A)");
    }
    if (lastError != null) {
      String[] cf =
          Transport.diagnose(lastError, NodeTokenPoll.hostPort(base), "nmiport, kvflex.nmiEndpoint")
              .orElse(new String[] {"NMI could not be reached", "check that NMI runs on the node"});
      if (!NodeTokenPoll.unreachable(lastError)) {
        return Problem.of(
            "NMI request failed for pod " + podName() + " (" + tried + ")",
            endpoint(),
            0,
            cf[0],
            cf[1]);
      }
      return Problem.of(
          "NMI is not reachable for pod " + podName() + " (" + tried + ")",
          endpoint(),
          0,
          cf[0],
          "check that aad-pod-identity NMI runs on this node and listens on nmiport; " + cf[1]);
    }
    return Problem.of(
        "NMI failed to issue a token for pod " + podName() + " (" + tried + ")",
        endpoint(),
        lastStatus,
        "NMI could not get a token from Entra ID for the pod's identity",
        "read the NMI pod's log on this node; the kubelet will retry the mount");
  }

  private String podName() {
    return pod.podNamespace() + "/" + pod.podName();
  }

  private static AccessToken failWith(Problem p) {
    throw new TokenFailure(p);
  }
}
