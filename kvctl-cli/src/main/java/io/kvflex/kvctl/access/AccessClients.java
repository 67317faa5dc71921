package io.kvflex.kvctl.access;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import io.kvflex.kvctl.cli.TimeoutOption;
import io.kvflex.kvctl.net.FailureHints;
import io.kvflex.kvctl.net.RunDeadline;
import java.time.Clock;
import java.util.Map;

/** Wires an {@link AccessChecker}: one pipeline per API, each with the caller's token for it. */
public final class AccessClients {
  private AccessClients() {}

  /** With a caller known only by its credential (tests), within kvctl's default timeout. */
  public static AccessChecker checker(
      AccessEndpoints endpoints, HttpClient http, TokenCredential caller, Sleeper sleeper) {
    return checker(
        endpoints,
        http,
        caller,
        sleeper,
        RunDeadline.after(Clock.systemUTC(), TimeoutOption.DEFAULT));
  }

  /** With a caller known only by its credential (tests), giving up at {@code deadline}. */
  public static AccessChecker checker(
      AccessEndpoints endpoints,
      HttpClient http,
      TokenCredential caller,
      Sleeper sleeper,
      RunDeadline deadline) {
    return checker(
        endpoints,
        http,
        new CallerCredentials.Caller(caller, "the given credential", "its token endpoint"),
        sleeper,
        url -> false,
        deadline,
        new FailureHints(Map.of(), deadline.limit()));
  }

  /**
   * @param http the azure-core HTTP client (TLS trusting the cloud environment's extra CAs)
   * @param caller the CALLER's credential (whoever runs kvctl), not the pod's identity
   * @param sleeper waits out throttling
   * @param proxied whether calls to an endpoint URL go through HTTPS_PROXY (for messages)
   * @param deadline every call and pause ends by then
   * @param hints the likely causes of network failures, in kvctl's words
   */
  static AccessChecker checker(
      AccessEndpoints endpoints,
      HttpClient http,
      CallerCredentials.Caller caller,
      Sleeper sleeper,
      java.util.function.Predicate<String> proxied,
      RunDeadline deadline,
      FailureHints hints) {
    AzureRest arm =
        new AzureRest(
            pipeline(http, caller.credential(), endpoints.resourceManagerScope()),
            endpoints.resourceManager(),
            "ARM",
            sleeper::sleep,
            deadline,
            new AzureRest.CallInfo(
                caller.description(),
                caller.tokenHost(),
                proxied.test(endpoints.resourceManager()),
                hints));
    AzureRest graph =
        new AzureRest(
            pipeline(http, caller.credential(), endpoints.microsoftGraphScope()),
            endpoints.microsoftGraph(),
            "Microsoft Graph",
            sleeper::sleep,
            deadline,
            new AzureRest.CallInfo(
                caller.description(),
                caller.tokenHost(),
                proxied.test(endpoints.microsoftGraph()),
                hints));
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
