package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.ControlPlane;
import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.SubscriptionSpec;
import io.kvflex.localvault.seed.VaultPlacement;
import io.kvflex.localvault.store.Attributes;
import io.kvflex.localvault.store.KeyVersion;
import io.kvflex.localvault.store.SecretVersion;
import io.kvflex.localvault.store.VaultState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * localvault's Azure Resource Manager, on the management host: the reads {@code kvctl check-access}
 * makes (subscriptions, resource listing, vaults with their access policies and permission model,
 * secret and key attributes, managed identities), authorised like ARM by the caller's own role
 * assignments, from the same seed as the data plane. Role assignments, deny assignments and role
 * definitions are {@link ArmAuthorizationRoutes}'.
 */
final class ArmRoutes {
  private static final String VAULTS = "/providers/microsoft.keyvault/vaults/";

  private final ServerState state;
  private final ControlPlane cp;
  private final CallerTokens tokens;
  private final IntSupplier httpsPort;
  private final ArmAuthorizationRoutes authorization;

  ArmRoutes(ServerState state, IntSupplier httpsPort) {
    this.state = state;
    this.cp = state.controlPlane();
    this.tokens = new CallerTokens(state.directory(), state.tokens());
    this.httpsPort = httpsPort;
    this.authorization = new ArmAuthorizationRoutes(cp);
  }

  void handle(Exchange ex) throws IOException {
    try {
      Identity caller =
          tokens.armCaller(
              ex,
              state.hosts().managementHost(),
              "https://" + state.hosts().loginHost() + ":" + httpsPort.getAsInt() + "/");
      ex.identity(caller.name());
      if (!ex.method().equals("GET")) {
        ex.describe("arm.unsupported", "", "");
        throw ControlPlaneException.arm(
            405, "MethodNotAllowed", "localvault's ARM serves reads (GET) only.");
      }
      if (ex.query("api-version").filter(v -> !v.isBlank()).isEmpty()) {
        ex.describe("arm.noApiVersion", "", "");
        throw ControlPlaneException.arm(
            400,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.");
      }
      route(ex, caller, path(ex));
    } catch (ControlPlaneException e) {
      e.send(ex);
    }
  }

  private void route(Exchange ex, Identity caller, String path)
      throws ControlPlaneException, IOException {
    String lower = path.toLowerCase(Locale.ROOT);
    int auth = lower.indexOf("/providers/microsoft.authorization/");
    if (auth >= 0) {
      authorization.handle(ex, caller, path.substring(0, auth), path.substring(auth));
      return;
    }
    String[] p = path.substring(1).split("/");
    if (lower.equals("/subscriptions")) {
      ex.describe("arm.subscriptions.list", "", "");
      List<Object> subs = new ArrayList<>();
      for (SubscriptionSpec s : cp.tree().subscriptions()) {
        if (ArmAuthorizationRoutes.allowed(
            cp, caller, "/subscriptions/" + s.id(), "Microsoft.Resources/subscriptions/read")) {
          subs.add(ArmResources.subscription(s));
        }
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("value", subs);
      body.put("count", Map.of("type", "Total", "value", subs.size()));
      ex.sendJson(200, body);
    } else if (p.length == 2 && p[0].equalsIgnoreCase("subscriptions")) {
      ex.describe("arm.subscriptions.get", "", "");
      SubscriptionSpec s = subscription(p[1]);
      ArmAuthorizationRoutes.require(cp, caller, path, "Microsoft.Resources/subscriptions/read");
      ex.sendJson(200, ArmResources.subscription(s));
    } else if (p.length == 3
        && p[0].equalsIgnoreCase("subscriptions")
        && p[2].equalsIgnoreCase("resources")) {
      ex.describe("arm.resources.list", "", "");
      ex.sendJson(200, Map.of("value", resources(ex, caller, subscription(p[1]))));
    } else if (lower.contains(VAULTS)) {
      vault(ex, caller, path, p);
    } else {
      identity(ex, caller, path);
    }
  }

  private List<Object> resources(Exchange ex, Identity caller, SubscriptionSpec s)
      throws ControlPlaneException {
    String scope = "/subscriptions/" + s.id();
    ArmAuthorizationRoutes.require(
        cp, caller, scope, "Microsoft.Resources/subscriptions/resources/read");
    Map<String, String> filter = ResourceFilter.parse(ex.query("$filter").orElse(""));
    List<Object> out = new ArrayList<>();
    for (VaultPlacement v : cp.spec().vaults()) {
      if (v.subscriptionId().equalsIgnoreCase(s.id())
          && ResourceFilter.matches(filter, "Microsoft.KeyVault/vaults", v.vault())
          && ArmAuthorizationRoutes.allowed(
              cp, caller, v.resourceId(), "Microsoft.KeyVault/vaults/read")) {
        out.add(listed(v.resourceId(), v.vault(), "Microsoft.KeyVault/vaults"));
      }
    }
    for (Identity i : state.directory().all()) {
      if (i.resourceId() == null
          || !i.resourceId()
              .toLowerCase(Locale.ROOT)
              .startsWith(scope.toLowerCase(Locale.ROOT) + "/")) {
        continue;
      }
      String[] r = i.resourceId().split("/");
      String type = r.length > 7 ? r[6] + "/" + r[7] : "";
      String name = r[r.length - 1];
      if (ResourceFilter.matches(filter, type, name)
          && ArmAuthorizationRoutes.allowed(cp, caller, i.resourceId(), type + "/read")) {
        out.add(listed(i.resourceId(), name, type));
      }
    }
    return out;
  }

  private static Map<String, Object> listed(String id, String name, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("type", type);
    m.put("location", ArmResources.LOCATION);
    m.put("tags", Map.of());
    return m;
  }

  /**
   * {@code
   * /subscriptions/S/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/V[/secrets|keys/N]}.
   */
  private void vault(Exchange ex, Identity caller, String path, String[] p)
      throws ControlPlaneException, IOException {
    if (p.length < 8
        || p.length == 9
        || p.length > 10
        || !p[2].equalsIgnoreCase("resourceGroups")) {
      ex.describe("arm.unknown", "", "");
      throw notFound(path);
    }
    String vaultName = p[7];
    String collection = p.length == 10 ? p[8].toLowerCase(Locale.ROOT) : "";
    ex.describe(
        collection.isEmpty() ? "arm.vault.get" : "arm." + collection + ".get",
        vaultName,
        p.length == 10 ? p[9] : "");
    SubscriptionSpec s = subscription(p[1]);
    String action =
        switch (collection) {
          case "" -> "Microsoft.KeyVault/vaults/read";
          case "secrets" -> "Microsoft.KeyVault/vaults/secrets/read";
          case "keys" -> "Microsoft.KeyVault/vaults/keys/read";
          default -> throw notFound(path);
        };
    ArmAuthorizationRoutes.require(cp, caller, path, action);
    if (s.resourceGroups().stream().noneMatch(p[3]::equalsIgnoreCase)) {
      throw ControlPlaneException.arm(
          404, "ResourceGroupNotFound", "Resource group '" + p[3] + "' could not be found.");
    }
    Optional<VaultPlacement> placed =
        cp.placement(vaultName)
            .filter(v -> v.subscriptionId().equalsIgnoreCase(s.id()))
            .filter(v -> v.resourceGroup().equalsIgnoreCase(p[3]));
    Optional<VaultState> vault = placed.flatMap(v -> state.vaults().find(v.vault()));
    if (vault.isEmpty()) {
      throw resourceNotFound("Microsoft.KeyVault/vaults/" + vaultName, p[3]);
    }
    String uri =
        "https://" + state.hosts().vaultHost(vault.get().name()) + ":" + httpsPort.getAsInt() + "/";
    if (collection.isEmpty()) {
      ex.sendJson(200, ArmResources.vault(vault.get(), placed.get(), uri));
      return;
    }
    String name = p[9];
    Optional<Attributes> attrs =
        collection.equals("secrets")
            ? vault.get().secrets().find(name, "").map(SecretVersion::attributes)
            : vault.get().keys().find(name, "").map(KeyVersion::attributes);
    if (attrs.isEmpty()) {
      throw resourceNotFound(
          "Microsoft.KeyVault/vaults/" + vaultName + "/" + collection + "/" + name, p[3]);
    }
    ex.sendJson(
        200,
        ArmResources.object(
            placed.get(), collection, name, attrs.get(), uri + collection + "/" + name));
  }

  /** A managed identity by its resource id (user-assigned, or the VM of a system-assigned one). */
  private void identity(Exchange ex, Identity caller, String path)
      throws ControlPlaneException, IOException {
    ex.describe("arm.identity.get", "", "");
    Optional<Identity> found =
        state.directory().all().stream()
            .filter(i -> i.resourceId() != null && i.resourceId().equalsIgnoreCase(path))
            .findFirst();
    if (found.isEmpty()) {
      throw notFound(path);
    }
    String[] r = found.get().resourceId().split("/");
    ArmAuthorizationRoutes.require(
        cp, caller, path, (r.length > 7 ? r[6] + "/" + r[7] : "*") + "/read");
    ex.sendJson(200, ArmResources.identityResource(found.get()));
  }

  private SubscriptionSpec subscription(String id) throws ControlPlaneException {
    return cp.tree()
        .subscription(id)
        .orElseThrow(
            () ->
                ControlPlaneException.arm(
                    404,
                    "SubscriptionNotFound",
                    "The subscription '" + id + "' could not be found."));
  }

  private static ControlPlaneException resourceNotFound(String what, String rg) {
    return ControlPlaneException.arm(
        404,
        "ResourceNotFound",
        "The Resource '"
            + what
            + "' under resource group '"
            + rg
            + "' was not found. For more details please go to"
            + " https://aka.ms/ARMResourceNotFoundFix");
  }

  private static ControlPlaneException notFound(String path) {
    return ControlPlaneException.arm(
        404,
        "ResourceNotFound",
        "localvault's ARM has no resource at '"
            + path
            + "'; it serves subscriptions, Key Vault vaults with their secrets and keys, managed"
            + " identities and Microsoft.Authorization reads.");
  }

  private static String path(Exchange ex) {
    List<String> seg = new ArrayList<>(ex.segments());
    while (!seg.isEmpty() && seg.get(seg.size() - 1).isEmpty()) {
      seg.remove(seg.size() - 1);
    }
    return "/" + String.join("/", seg);
  }
}
