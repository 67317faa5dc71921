package io.kvflex.vault.credentials;

import com.microsoft.aad.msal4j.MsalServiceException;
import io.kvflex.vault.http.Problem;
import java.net.URI;
import java.util.Optional;

/**
 * Turns a failed Entra ID client-credentials request (azure-identity / MSAL exception) into a
 * {@link Problem}: the AADSTS code and OAuth2 error decide the cause and the fix. SDK message text
 * is never copied.
 */
final class EntraFailures {
  private final String endpoint;
  private final String clientId;
  private final String tenantId;
  private final boolean certificate;

  EntraFailures(String endpoint, String clientId, String tenantId, boolean certificate) {
    this.endpoint = endpoint;
    this.clientId = clientId;
    this.tenantId = tenantId;
    this.certificate = certificate;
  }

  Problem classify(Throwable t) {
    MsalServiceException service = find(t, MsalServiceException.class);
    if (service != null) {
      return fromService(service);
    }
    Optional<Problem> proxy = io.kvflex.vault.http.ProxyFailure.find(t);
    if (proxy.isPresent()) {
      return proxy.get();
    }
    // host:port, as the cloud environment gives it (a private authority may use its own port)
    String host = URI.create(endpoint).getAuthority();
    Optional<String[]> net =
        Transport.diagnose(t, host, "cloudname / activeDirectoryEndpoint of the cloud environment");
    if (net.isPresent()) {
      return Problem.of("Entra ID token request failed", endpoint, 0, net.get()[0], net.get()[1]);
    }
    if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("Timeout")) {
      return Problem.of(
          "Entra ID token request did not finish before the mount deadline",
          endpoint,
          0,
          "Entra ID did not answer in time",
          "check connectivity to " + host + " or raise the volume option timeout");
    }
    return Problem.of(
        "Entra ID token request failed (" + t.getClass().getSimpleName() + ")",
        endpoint,
        0,
        "the token for " + secretKind() + " of application " + clientId + " could not be obtained",
        "check clientid, tenantid and the " + secretKind() + " in the Secret");
  }

  private Problem fromService(MsalServiceException e) {
    int status = e.statusCode() == null ? 0 : e.statusCode();
    String error = SafeCodes.oauthError(e.errorCode()).orElse("");
    String aadsts = SafeCodes.aadsts(e.getMessage()).orElse("");
    String what =
        "Entra ID refused the token request"
            + (error.isEmpty() && aadsts.isEmpty()
                ? ""
                : " (" + String.join(", ", nonEmpty(error, aadsts)) + ")");
    String[] causeFix = causeAndFix(error, aadsts);
    return Problem.of(what, endpoint, status, causeFix[0], causeFix[1]);
  }

  private String[] causeAndFix(String error, String aadsts) {
    String app = "application " + clientId;
    switch (aadsts) {
      case "AADSTS7000215":
        return new String[] {
          "the client secret is wrong for " + app,
          "put the secret's VALUE (not its ID) into key clientsecret of the secretRef Secret"
        };
      case "AADSTS7000222":
        return new String[] {
          "the client secret of " + app + " has expired",
          "create a new client secret and update key clientsecret of the secretRef Secret"
        };
      case "AADSTS700016":
        return new String[] {
          app + " was not found in tenant " + tenantId,
          "check clientid, and that tenantid is the tenant the application is registered in"
        };
      case "AADSTS90002":
      case "AADSTS900023":
      case "AADSTS90023":
        return new String[] {
          "tenant " + tenantId + " does not exist or is malformed",
          "set tenantid to the directory (tenant) id of the vault's subscription"
        };
      case "AADSTS700027":
      case "AADSTS700023":
        return new String[] {
          "the client certificate is not registered on " + app + " or the assertion is invalid",
          "upload the certificate's public part to the app registration (Certificates & secrets)"
        };
      case "AADSTS700024":
      case "AADSTS700025":
        return new String[] {
          "the client assertion is outside its validity window (clock skew)",
          "synchronise the node's clock (NTP)"
        };
      case "AADSTS7000112":
      case "AADSTS7000113":
        return new String[] {
          app + " is disabled", "enable the application's service principal in tenant " + tenantId
        };
      default:
        break;
    }
    if (error.equals("invalid_client") || error.equals("unauthorized_client")) {
      return new String[] {
        "Entra ID did not accept the " + secretKind() + " of " + app,
        certificate
            ? "check clientid and that the certificate in key clientcert is registered on the app"
            : "check clientid and key clientsecret of the secretRef Secret (wrong or expired secret)"
      };
    }
    if (error.equals("invalid_request") || error.equals("invalid_tenant")) {
      return new String[] {
        "the request was malformed for tenant " + tenantId, "check tenantid and clientid"
      };
    }
    return new String[] {
      "the token for " + app + " could not be obtained",
      "check clientid, tenantid and the " + secretKind() + "; also the node's clock (skew)"
    };
  }

  private String secretKind() {
    return certificate ? "client certificate" : "client secret";
  }

  private static java.util.List<String> nonEmpty(String... parts) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String p : parts) {
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
