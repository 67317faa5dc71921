package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.auth.TokenRejectedException;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.auth.TokenService.VerifiedToken;
import io.kvflex.localvault.seed.ObjectNames;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.ObjectKind;
import io.kvflex.localvault.store.VaultState;
import io.kvflex.localvault.store.Vaults;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The Key Vault data plane of every vault: authentication (401 challenge), {@code api-version},
 * faults, then the secrets/keys/certificates APIs, which authorize per access policy or Azure RBAC
 * ({@link DataPlaneAccess}).
 */
final class VaultRoutes {
  private final Vaults vaults;
  private final Directory directory;
  private final TokenService tokens;
  private final HostNames hosts;
  private final FaultInjector faults;
  private final IntSupplier httpsPort;
  private final SecretsApi secrets;
  private final KeysApi keys;
  private final CertificatesApi certificates;
  private final SoftDelete softDelete;
  private final DataPlaneAccess access;

  VaultRoutes(
      Vaults vaults,
      Directory directory,
      TokenService tokens,
      HostNames hosts,
      FaultInjector faults,
      ObjectFactory factory,
      IntSupplier httpsPort,
      DataPlaneAccess access) {
    this.access = access;
    this.vaults = vaults;
    this.directory = directory;
    this.tokens = tokens;
    this.hosts = hosts;
    this.faults = faults;
    this.httpsPort = httpsPort;
    this.softDelete = new SoftDelete(factory::nowSeconds);
    this.secrets = new SecretsApi(factory, softDelete);
    this.keys = new KeysApi(factory, softDelete);
    this.certificates = new CertificatesApi(factory, softDelete);
  }

  void handle(Exchange ex, String vaultName) throws IOException {
    standardHeaders(ex);
    List<String> seg = ex.segments();
    ex.describe(operationGuess(ex, seg), vaultName, seg.size() > 1 ? seg.get(1) : "");
    Optional<VaultState> vault = vaults.find(vaultName);
    if (vault.isEmpty()) {
      ex.sendJson(
          404,
          KvErrors.body(
              "VaultNotFound",
              "No vault named '" + vaultName + "' exists in this localvault; add it to the seed.",
              Optional.empty()));
      return;
    }
    VaultState v = vault.get();
    try {
      Identity caller = authenticate(ex, v);
      ex.identity(caller.name());
      String apiVersion =
          ApiVersions.require(
              ex.query("api-version")
                  .filter(s -> !s.isEmpty())
                  .orElseThrow(
                      () ->
                          KvException.badParameter(
                              "The 'api-version' query parameter is missing.")));
      if (faults.apply(v, ex)) {
        return;
      }
      VaultRequest r =
          new VaultRequest(
              ex,
              v,
              caller,
              "https://" + ex.host() + ":" + httpsPort.getAsInt(),
              apiVersion,
              access);
      route(r, seg);
    } catch (KvException e) {
      ex.sendJson(e.status(), e.body());
    }
  }

  private void route(VaultRequest r, List<String> seg) throws KvException, IOException {
    if (seg.isEmpty()) {
      throw notFoundPath();
    }
    List<String> rest = seg.subList(1, seg.size());
    if (!rest.isEmpty() && !rest.get(0).isEmpty()) {
      // Checked before anything else about the object, on every operation: the real service
      // answers 400 BadParameter, not 404, for a name it could never hold.
      requireName(rest.get(0));
    }
    switch (seg.get(0).toLowerCase(Locale.ROOT)) {
      case "secrets" -> secrets.handle(r, rest);
      case "keys" -> keys.handle(r, rest);
      case "certificates" -> certificates.handle(r, rest);
      case "deletedsecrets" -> softDelete.deletedRoutes(r, ObjectKind.SECRET, rest);
      case "deletedkeys" -> softDelete.deletedRoutes(r, ObjectKind.KEY, rest);
      case "deletedcertificates" -> softDelete.deletedRoutes(r, ObjectKind.CERTIFICATE, rest);
      default -> throw notFoundPath();
    }
  }

  private Identity authenticate(Exchange ex, VaultState v) throws KvException {
    String auth = ex.header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
      throw unauthorized(ex, v, "AKV10000: Request is missing a Bearer or PoP token.");
    }
    VerifiedToken t;
    try {
      t = tokens.verify(auth.substring(7).trim());
    } catch (TokenRejectedException e) {
      throw unauthorized(ex, v, e.getMessage());
    }
    String aud = t.audience() == null ? "" : t.audience();
    if (!aud.equals(hosts.vaultResource()) && !aud.equals(hosts.vaultResource() + "/")) {
      throw unauthorized(
          ex,
          v,
          "AKV10022: Invalid audience. Expected "
              + hosts.vaultResource()
              + ", found: "
              + aud
              + ".");
    }
    if (!v.tenant().equals(t.tenant())) {
      throw unauthorized(
          ex,
          v,
          "AKV10032: Invalid issuer. Expected one of "
              + TokenService.issuer(v.tenant())
              + ", found: "
              + TokenService.issuer(String.valueOf(t.tenant()))
              + ".");
    }
    return directory
        .byObjectId(t.objectId())
        .orElseThrow(() -> unauthorized(ex, v, "AKV10000: The token's principal does not exist."));
  }

  private KvException unauthorized(Exchange ex, VaultState v, String message) {
    ex.setResponseHeader(
        "WWW-Authenticate",
        "Bearer authorization=\"https://"
            + hosts.loginHost()
            + ":"
            + httpsPort.getAsInt()
            + "/"
            + v.tenant()
            + "\", resource=\""
            + hosts.vaultResource()
            + "\"");
    return new KvException(401, KvErrors.body("Unauthorized", message, Optional.empty()));
  }

  /** For the request log and counters before the request is authenticated. */
  private static String operationGuess(Exchange ex, List<String> seg) {
    if (seg.isEmpty()) {
      return "vault.unknown";
    }
    String kind = seg.get(0).toLowerCase(Locale.ROOT);
    if (seg.size() == 1) {
      return kind + ".list";
    }
    String rest = seg.size() > 2 ? seg.get(2) : "";
    return switch (ex.method() + " " + rest) {
      case "GET versions" -> kind + ".versions";
      case "POST create" -> kind + ".create";
      case "POST import" -> kind + ".import";
      default ->
          switch (ex.method()) {
            case "GET" -> kind + ".get";
            case "PUT" -> kind + ".set";
            case "PATCH" -> kind + ".update";
            default -> kind + "." + ex.method().toLowerCase(Locale.ROOT);
          };
    };
  }

  private static void standardHeaders(Exchange ex) {
    ex.setResponseHeader("Cache-Control", "no-cache");
    ex.setResponseHeader("Pragma", "no-cache");
    ex.setResponseHeader("Expires", "-1");
    ex.setResponseHeader("Strict-Transport-Security", "max-age=31536000;includeSubDomains");
    ex.setResponseHeader("X-Content-Type-Options", "nosniff");
    ex.setResponseHeader("x-ms-keyvault-region", "localvault");
    ex.setResponseHeader("x-ms-keyvault-service-version", "1.9.0.0-localvault");
    ex.setResponseHeader(
        "x-ms-keyvault-network-info",
        "conn_type=Ipv4;addr=" + ex.remoteAddress() + ";act_addr_fam=InterNetwork;");
    ex.setResponseHeader("x-ms-request-id", ex.requestId());
    ex.header("x-ms-client-request-id")
        .ifPresent(id -> ex.setResponseHeader("x-ms-client-request-id", id));
  }

  /**
   * As recorded (aspnet/MicrosoftConfigurationBuilders issue 22, a GET of {@code
   * Invalid_Secret_Name}): 400 {@code BadParameter} "The request URI contains an invalid name:
   * {name}".
   */
  private static void requireName(String name) throws KvException {
    if (!ObjectNames.valid(name)) {
      throw KvException.badParameter("The request URI contains an invalid name: " + name);
    }
  }

  static KvException methodNotAllowed(String method) {
    return new KvException(
        405,
        KvErrors.body(
            "MethodNotAllowed",
            "The requested HTTP method " + method + " is not allowed on this resource.",
            Optional.empty()));
  }

  static KvException notFoundPath() {
    return new KvException(
        404,
        KvErrors.body("NotFound", "The requested resource path was not found.", Optional.empty()));
  }
}
