package io.kvflex.kvctl.access;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.UserAgentPolicy;

/** Wires an {@link AccessChecker}: one pipeline per API, each with the caller's token for it. */
public final class AccessClients {
  private AccessClients() {}

  /**
   * @param http the azure-core HTTP client (TLS trusting the cloud environment's extra CAs)
   * @param caller the CALLER's credential (whoever runs kvctl), not the pod's identity
   * @param sleeper waits out throttling
   */
  public static AccessChecker checker(
      AccessEndpoints endpoints, HttpClient http, TokenCredential caller, Sleeper sleeper) {
    AzureRest arm =
        new AzureRest(
            pipeline(http, caller, endpoints.resourceManagerScope()),
            endpoints.resourceManager(),
            "ARM",
            sleeper::sleep);
    AzureRest graph =
        new AzureRest(
            pipeline(http, caller, endpoints.microsoftGraphScope()),
            endpoints.microsoftGraph(),
            "Microsoft Graph",
            sleeper::sleep);
    return new AccessChecker(new ArmReader(arm), new GraphReader(graph), LeastPrivilege.builtIn());
  }

  private static HttpPipeline pipeline(HttpClient http, TokenCredential caller, String scope) {
    return new HttpPipelineBuilder()
        .httpClient(http)
        .policies(
            new UserAgentPolicy("kvflex-kvctl-check-access"),
            // Refuses plain HTTP: the caller's token only ever travels over TLS.
            new BearerTokenAuthenticationPolicy(caller, scope))
        .build();
  }
}
