package io.kvflex.kvctl.access;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.UserInputException;
import io.kvflex.kvctl.net.RunDeadline;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CALLER's credential (whoever runs kvctl reads ARM and Graph), from the injected environment:
 * a service principal when {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID} and {@code
 * AZURE_CLIENT_SECRET} (or {@code AZURE_CLIENT_CERTIFICATE_PATH}) are set, and then only that one
 * (a half-set environment is a usage error, found before any network call); otherwise {@code az
 * login}, then this machine's managed identity.
 */
final class CallerCredentials {
  private static final List<String> VARIABLES =
      List.of(
          "AZURE_CLIENT_ID",
          "AZURE_TENANT_ID",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PATH");

  /**
   * A credential and what to tell about it when it fails.
   *
   * @param description who the caller is, e.g. {@code service principal 1234... (AZURE_CLIENT_ID)}
   * @param tokenHost the host its tokens come from (named when it cannot be reached)
   */
  record Caller(TokenCredential credential, String description, String tokenHost) {
    Caller {
      Objects.requireNonNull(credential);
      Objects.requireNonNull(description);
      Objects.requireNonNull(tokenHost);
    }
  }

  private CallerCredentials() {}

  /**
   * @param deadline the managed identity's token waits end by then
   */
  static Caller from(
      Map<String, String> env,
      CloudEnvironment cloud,
      HttpClient http,
      Clock clock,
      RunDeadline deadline) {
    Optional<String> clientId = value(env, "AZURE_CLIENT_ID");
    Optional<String> tenant = value(env, "AZURE_TENANT_ID");
    Optional<String> secret = value(env, "AZURE_CLIENT_SECRET");
    Optional<String> certificate = value(env, "AZURE_CLIENT_CERTIFICATE_PATH");
    String authority = cloud.authorityHost().toString();
    boolean any = VARIABLES.stream().anyMatch(v -> value(env, v).isPresent());
    if (any) {
      if (clientId.isEmpty() || tenant.isEmpty() || (secret.isEmpty() && certificate.isEmpty())) {
        throw new UserInputException(
            "the caller's service principal is half set in the environment: set AZURE_CLIENT_ID,"
                + " AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)"
                + " together, or unset them to use az login or this machine's managed identity;"
                + " missing: "
                + String.join(
                    ", ",
                    VARIABLES.stream()
                        .filter(v -> value(env, v).isEmpty())
                        .filter(v -> !v.equals("AZURE_CLIENT_CERTIFICATE_PATH") || secret.isEmpty())
                        .filter(v -> !v.equals("AZURE_CLIENT_SECRET") || certificate.isEmpty())
                        .toList()));
      }
      FlagChecks.requireGuid("AZURE_CLIENT_ID", clientId.get());
      FlagChecks.requireGuid("AZURE_TENANT_ID", tenant.get());
      TokenCredential credential;
      if (secret.isPresent()) {
        ClientSecretCredentialBuilder b =
            new ClientSecretCredentialBuilder()
                .tenantId(tenant.get())
                .clientId(clientId.get())
                .clientSecret(secret.get())
                .authorityHost(authority)
                .httpClient(http);
        credential = (builtInAuthority(cloud) ? b : b.disableInstanceDiscovery()).build();
      } else {
        ClientCertificateCredentialBuilder b =
            new ClientCertificateCredentialBuilder()
                .tenantId(tenant.get())
                .clientId(clientId.get())
                .pemCertificate(certificate.get())
                .authorityHost(authority)
                .httpClient(http);
        credential = (builtInAuthority(cloud) ? b : b.disableInstanceDiscovery()).build();
      }
      return new Caller(
          credential,
          "service principal "
              + clientId.get()
              + " of tenant "
              + tenant.get()
              + " (AZURE_CLIENT_ID, from the environment)",
          host(cloud.authorityHost()));
    }
    boolean customImds = !cloud.imdsEndpoint().equals(CloudEnvironment.DEFAULT_IMDS);
    TokenCredential managed =
        customImds
            // The cloud environment's kvflex.imdsEndpoint (MSAL4J would ignore an override).
            ? new ImdsCallerCredential(cloud.imdsEndpoint(), clock, deadline)
            : new ManagedIdentityCredentialBuilder().httpClient(http).build();
    return new Caller(
        new ChainedTokenCredentialBuilder()
            .addLast(new AzureCliCredentialBuilder().build())
            .addLast(managed)
            .build(),
        "az login, then this machine's managed identity (IMDS at "
            + cloud.imdsEndpoint()
            + "); no AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET in the environment",
        host(cloud.imdsEndpoint()));
  }

  /**
   * Whether MSAL may validate the authority with Microsoft's instance discovery: only for the named
   * clouds' authorities. Any other authority (a cloud environment file: Azure Stack Hub, an
   * air-gapped cloud, localvault) would send MSAL to login.microsoftonline.com first and fail.
   */
  static boolean builtInAuthority(CloudEnvironment cloud) {
    String host = String.valueOf(cloud.authorityHost().getHost());
    return List.of(
            "login.microsoftonline.com",
            "login.microsoftonline.us",
            "login.chinacloudapi.cn",
            "login.microsoftonline.de")
        .contains(host);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static String host(URI uri) {
    return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
