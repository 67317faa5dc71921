package io.kvflex.vault;

import com.azure.core.exception.HttpResponseException;
import io.kvflex.errors.CauseTrail;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.SafeCodes;
import io.kvflex.vault.credentials.TokenFailure;
import io.kvflex.vault.credentials.Transport;
import io.kvflex.vault.http.DeadlineRetryStrategy;
import io.kvflex.vault.http.MemoryBudgetExceeded;
import io.kvflex.vault.http.Problem;
import io.kvflex.vault.http.RetryAfter;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Turns whatever a fetch threw into ONE {@link RemoteException} message naming the object, the
 * vault, the identity, the endpoint, the HTTP status and the fix. The SDK's message text is never
 * copied (only Key Vault error codes matched by a strict pattern); the cause attached is a {@link
 * CauseTrail} for the driver log (exception classes and the JDK's own network messages), so no
 * stack trace or SDK text can carry request data.
 */
final class VaultFailures {
  private static final java.time.Duration BODY_WAIT = java.time.Duration.ofMillis(200);
  private final String vaultName;
  private final String vaultUrl;
  private final IdentityMode identity;

  private final java.time.Clock clock;

  VaultFailures(String vaultName, String vaultUrl, IdentityMode identity) {
    this(vaultName, vaultUrl, identity, java.time.Clock.systemUTC());
  }

  /**
   * @param clock dates a {@code Retry-After} given as an HTTP date
   */
  VaultFailures(String vaultName, String vaultUrl, IdentityMode identity, java.time.Clock clock) {
    this.vaultName = vaultName;
    this.vaultUrl = vaultUrl;
    this.identity = identity;
    this.clock = clock;
  }

  KvflexException toException(ObjectRef ref, RuntimeException e) {
    return toException(ref, e, Optional.empty(), false);
  }

  /**
   * @param stop why retrying stopped, when the failure was retryable
   * @param refreshed whether the mount's token was already replaced after a 401
   */
  KvflexException toException(
      ObjectRef ref,
      RuntimeException e,
      Optional<DeadlineRetryStrategy.Stop> stop,
      boolean refreshed) {
    // The words an in-process driver whose heap ran out would use for this fetch.
    Optional<MemoryBudgetExceeded> spent = MemoryBudgetExceeded.find(e);
    if (spent.isPresent()) {
      return spent.get().failure("fetch " + ref.describe());
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof KvflexException k) {
        return k;
      }
    }
    String message = message(ref, problem(ref, e, stop, refreshed));
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof HttpResponseException h
          && h.getResponse() != null
          && h.getResponse().getStatusCode() == 429) {
        // Pollers (rotation) wait at least this long before asking this vault again.
        return RemoteException.throttled(
            message,
            CauseTrail.of(e),
            RetryAfter.from(
                h.getResponse().getHeaders(),
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
      }
    }
    return new RemoteException(message, CauseTrail.of(e));
  }

  /** The one line users see: object, vault, identity, then what/where/status/cause/fix. */
  String message(ObjectRef ref, Problem p) {
    return Problem.oneLine(
        "cannot fetch "
            + ref.describe()
            + " from Key Vault '"
            + vaultName
            + "' as "
            + identity.describe()
            + ": "
            + p.describe());
  }

  Problem problem(ObjectRef ref, RuntimeException e) {
    return problem(ref, e, Optional.empty(), false);
  }

  private Problem problem(
      ObjectRef ref,
      RuntimeException e,
      Optional<DeadlineRetryStrategy.Stop> stop,
      boolean refreshed) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof TokenFailure t) {
        return t.problem();
      }
    }
    Optional<Problem> proxy = io.kvflex.vault.http.ProxyFailure.find(e);
    if (proxy.isPresent()) {
      return proxy.get();
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof HttpResponseException h && h.getResponse() != null) {
        return fromStatus(ref, h.getResponse().getStatusCode(), codes(h), stop, refreshed);
      }
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains("challenge resource")) {
        return Problem.of(
            "the vault's authentication challenge names a resource that does not match its host",
            vaultUrl,
            401,
            "the Key Vault DNS suffix and the Key Vault token resource of the cloud do not fit",
            "check keyVaultDNSSuffix and resourceIdentifiers.keyVault in the cloud environment"
                + " file (or cloudname)");
      }
    }
    String host = URI.create(vaultUrl).getAuthority();
    Optional<String[]> net = Transport.diagnose(e, host, "keyvaultname, cloudname");
    if (net.isPresent()) {
      return Problem.of(
          "Key Vault request failed" + stop.map(VaultFailures::tries).orElse(""),
          vaultUrl,
          0,
          net.get()[0],
          net.get()[1]);
    }
    return Problem.of(
        "Key Vault request failed (" + e.getClass().getSimpleName() + ")",
        vaultUrl,
        0,
        "an unexpected error occurred",
        "retry; if it persists, report it with the driver log");
  }

  private static Set<String> codes(HttpResponseException h) {
    String text = String.valueOf(h.getMessage());
    Object value = h.getValue();
    if (value != null) {
      text = text + " " + value;
    }
    Set<String> codes = SafeCodes.jsonCodes(text);
    if (codes.isEmpty()) {
      try {
        // The SDK buffers error bodies; reading one again is cheap and may hold the codes.
        codes = SafeCodes.jsonCodes(h.getResponse().getBodyAsString().block(BODY_WAIT));
      } catch (RuntimeException unreadable) {
        // No codes then; the status alone still decides the message.
      }
    }
    return codes;
  }

  /** " (5 tries)", or " (2 tries, no time left for another before the mount deadline)" */
  private static String tries(DeadlineRetryStrategy.Stop stop) {
    return " ("
        + stop.tries()
        + (stop.tries() == 1 ? " try" : " tries")
        + (stop.deadline() ? ", no time left for another before the mount deadline)" : ")");
  }

  private Problem fromStatus(
      ObjectRef ref,
      int status,
      Set<String> codes,
      Optional<DeadlineRetryStrategy.Stop> stop,
      boolean refreshed) {
    String what =
        "Key Vault answered"
            + (codes.isEmpty() ? "" : " " + String.join("/", codes))
            + stop.map(VaultFailures::tries).orElse("");
    boolean triesRanOut = stop.isPresent() && !stop.get().deadline();
    String object = objectWords(ref);
    if (status == 403 && codes.stream().anyMatch(c -> c.endsWith("Disabled"))) {
      return Problem.of(
          what,
          vaultUrl,
          status,
          object + " is disabled",
          "enable it in the vault, or pin an enabled version in keyvaultobjectversions");
    }
    if (status == 403 && codes.stream().anyMatch(c -> c.contains("Firewall"))) {
      return Problem.of(
          what,
          vaultUrl,
          status,
          "the vault's firewall does not allow this node's address",
          "allow the node's subnet or IP in the vault's networking settings");
    }
    switch (status) {
      case 401:
        return Problem.of(
            what,
            vaultUrl,
            status,
            "Key Vault rejected the token"
                + (refreshed ? ", also a freshly issued one," : "")
                + " (wrong tenant or audience, or the node's clock is off)",
            "check tenantid is the vault's tenant and the node's clock is synchronised (NTP)");
      case 403:
        return Problem.of(
            what,
            vaultUrl,
            status,
            identity.describe() + " may not read " + object + " (" + permission(ref) + ")",
            grant(ref));
      case 404:
        return Problem.of(
            what,
            vaultUrl,
            status,
            object + " was not found in vault " + vaultName,
            "check keyvaultobjectnames"
                + (ref.version().isPresent() ? " and keyvaultobjectversions" : "")
                + ", the object type, and that it is not deleted");
      case 429:
        return Problem.of(
            what,
            vaultUrl,
            status,
            triesRanOut
                ? "Key Vault throttled every try"
                : "Key Vault throttled the requests and retrying would pass the mount deadline",
            "the kubelet will retry; reduce requests to the vault or raise the volume option"
                + " timeout");
      case 400:
        return Problem.of(
            what,
            vaultUrl,
            status,
            "Key Vault rejected the request for " + object,
            "check the object name and version (a version is 32 hex characters)");
      default:
        return Problem.of(
            what,
            vaultUrl,
            status,
            status < 500
                ? "Key Vault did not serve " + object
                : triesRanOut
                    ? "Key Vault failed every try"
                    : "Key Vault failed and retrying would pass the mount deadline",
            "the kubelet will retry the mount; if it persists, check the vault's health");
    }
  }

  private static String objectWords(ObjectRef ref) {
    String type = ref.type() == ObjectType.CERT ? "certificate" : ref.type().optionValue();
    return type + " " + ref.name() + ref.version().map(v -> " version " + v).orElse("");
  }

  private static String permission(ObjectRef ref) {
    return switch (ref.type()) {
      case SECRET -> "secrets get";
      case KEY -> "keys get";
      case CERT -> "certificates get";
    };
  }

  private String grant(ObjectRef ref) {
    String role =
        switch (ref.type()) {
          case SECRET -> "Key Vault Secrets User";
          case KEY -> "Key Vault Crypto User";
          case CERT -> "Key Vault Certificate User";
        };
    String area =
        switch (ref.type()) {
          case SECRET -> "secrets";
          case KEY -> "keys";
          case CERT -> "certificates";
        };
    return "grant the identity the role \""
        + role
        + "\" on vault "
        + vaultName
        + " (RBAC vaults) or an access policy with get on "
        + area
        + " (access-policy vaults)";
  }
}
