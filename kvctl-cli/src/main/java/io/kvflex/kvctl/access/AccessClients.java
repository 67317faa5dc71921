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

  /** With a caller known only by its credential (tests). */
  public static AccessChecker checker(
      AccessEndpoints endpoints, HttpClient http, TokenCredential caller, Sleeper sleeper) {
    return checker(
        endpoints,
        http,
        new CallerCredentials.Caller(caller, "the given credential", "its token endpoint"),
        sleeper,
        url -> false);
  }

  /**
   * @param http the azure-core HTTP client (TLS trusting the cloud environment's extra CAs)
   * @param caller the CALLER's credential (whoever runs kvctl), not the pod's identity
   * @param sleeper waits out throttling
   * @param proxied whether calls to an endpoint URL go through HTTPS_PROXY (for messages)
   */
  static AccessChecker checker(
      AccessEndpoints endpoints,
      HttpClient http,
      CallerCredentials.Caller caller,
      Sleeper sleeper,
      java.util.function.Predicate<String> proxied) {
    AzureRest arm =
        new AzureRest(
            pipeline(http, caller.credential(), endpoints.resourceManagerScope()),
            endpoints.resourceManager(),
            "ARM",
            sleeper::sleep,
            new AzureRest.CallInfo(
                caller.description(),
                caller.tokenHost(),
                proxied.test(endpoints.resourceManager())));
    AzureRest graph =
        new AzureRest(
            pipeline(http, caller.credential(), endpoints.microsoftGraphScope()),
            endpoints.microsoftGraph(),
            "Microsoft Graph",
            sleeper::sleep,
            new AzureRest.CallInfo(
                caller.description(),
                caller.tokenHost(),
                proxied.test(endpoints.microsoftGraph())));
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
