package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Locale;

/**
 * Turns a seed's scope into the canonical ARM id, checking that everything it names exists. A scope
 * is an ARM id ({@code /}, {@code /providers/Microsoft.Management/managementGroups/NAME}, {@code
 * /subscriptions/ID[/resourceGroups/NAME[/providers/Microsoft.KeyVault/vaults/NAME[/secrets
 * |keys|certificates/NAME]]]}) or the short form {@code root}, {@code managementGroup NAME}, {@code
 * subscription ID|NAME}, {@code resourceGroup NAME}, {@code vault NAME [secret|key|certificate
 * NAME]}.
 */
final class ScopeResolver {
  static final String MANAGEMENT_GROUPS = "/providers/Microsoft.Management/managementGroups/";
  private static final String VAULTS = "/providers/Microsoft.KeyVault/vaults/";

  private final List<String> tenants;
  private final List<ManagementGroupSpec> groups;
  private final List<SubscriptionSpec> subscriptions;
  private final List<VaultPlacement> placements;
  private final List<VaultSpec> vaults;

  ScopeResolver(
      List<String> tenants,
      List<ManagementGroupSpec> groups,
      List<SubscriptionSpec> subscriptions,
      List<VaultPlacement> placements,
      List<VaultSpec> vaults) {
    this.tenants = tenants;
    this.groups = groups;
    this.subscriptions = subscriptions;
    this.placements = placements;
    this.vaults = vaults;
  }

  String resolve(YamlNode node) {
    String text = node.scalar().trim();
    if (text.equals("/") || text.equalsIgnoreCase("root")) {
      return "/";
    }
    if (text.startsWith("/")) {
      return armId(node, text);
    }
    String[] w = text.split("\\s+");
    String kind = w[0];
    if (kind.equals("managementGroup") && w.length == 2) {
      return MANAGEMENT_GROUPS + managementGroup(node, w[1]);
    }
    if (kind.equals("subscription") && w.length == 2) {
      return "/subscriptions/" + subscription(node, w[1]).id();
    }
    if (kind.equals("resourceGroup") && w.length == 2) {
      SubscriptionSpec s = resourceGroupOwner(node, w[1]);
      return "/subscriptions/" + s.id() + "/resourceGroups/" + canonicalGroup(s, w[1]);
    }
    if (kind.equals("vault") && (w.length == 2 || w.length == 4)) {
      VaultPlacement p = placement(node, w[1]);
      return w.length == 2 ? p.resourceId() : p.resourceId() + object(node, p, w[2], w[3]);
    }
    throw node.error(
        "'"
            + text
            + "' is not a scope: give an ARM id (/subscriptions/...) or one of: root,"
            + " managementGroup NAME, subscription ID, resourceGroup NAME, vault NAME,"
            + " vault NAME secret|key|certificate NAME");
  }

  private String armId(YamlNode node, String text) {
    String t = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    if (t.regionMatches(true, 0, MANAGEMENT_GROUPS, 0, MANAGEMENT_GROUPS.length())) {
      return MANAGEMENT_GROUPS + managementGroup(node, t.substring(MANAGEMENT_GROUPS.length()));
    }
    String[] p = t.substring(1).split("/");
    if (p.length < 2 || !p[0].equalsIgnoreCase("subscriptions")) {
      throw node.error("'" + text + "' is not an ARM scope this localvault knows");
    }
    SubscriptionSpec s = subscription(node, p[1]);
    String id = "/subscriptions/" + s.id();
    if (p.length == 2) {
      return id;
    }
    if (p.length < 4 || !p[2].equalsIgnoreCase("resourceGroups")) {
      throw node.error("'" + text + "' is not an ARM scope this localvault knows");
    }
    String rg = canonicalGroup(s, p[3]);
    if (!s.resourceGroups().contains(rg)) {
      throw node.error("subscription " + s.id() + " has no resource group '" + p[3] + "'");
    }
    if (p.length == 4) {
      return id + "/resourceGroups/" + rg;
    }
    String rest = "/" + String.join("/", List.of(p).subList(4, p.length));
    if (!rest.regionMatches(true, 0, VAULTS, 0, VAULTS.length())) {
      throw node.error(
          "'" + text + "': localvault knows only Key Vault resources under resource groups");
    }
    String[] v = rest.substring(VAULTS.length()).split("/");
    VaultPlacement placement = placement(node, v[0]);
    if (!placement.subscriptionId().equals(s.id())
        || !placement.resourceGroup().equalsIgnoreCase(rg)) {
      throw node.error("vault " + v[0] + " is not in " + id + "/resourceGroups/" + rg);
    }
    if (v.length == 1) {
      return placement.resourceId();
    }
    if (v.length == 3) {
      return placement.resourceId() + object(node, placement, singular(v[1]), v[2]);
    }
    throw node.error("'" + text + "' is not an ARM scope this localvault knows");
  }

  private String object(YamlNode node, VaultPlacement p, String kind, String name) {
    VaultSpec v = vaults.stream().filter(x -> x.name().equals(p.vault())).findFirst().orElseThrow();
    boolean cert = v.certificates().stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    boolean exists =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "secret" ->
              cert || v.secrets().stream().anyMatch(s -> s.name().equalsIgnoreCase(name));
          case "key" -> cert || v.keys().stream().anyMatch(k -> k.name().equalsIgnoreCase(name));
          case "certificate" -> cert;
          default ->
              throw node.error(
                  "'" + kind + "' is not an object kind: use secret, key or certificate");
        };
    if (!exists) {
      throw node.error("vault " + p.vault() + " has no " + kind + " named '" + name + "'");
    }
    return "/" + kind.toLowerCase(Locale.ROOT) + "s/" + name;
  }

  private static String singular(String plural) {
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }

  private String managementGroup(YamlNode node, String name) {
    if (tenants.contains(name)) {
      return name;
    }
    return groups.stream()
        .map(ManagementGroupSpec::name)
        .filter(name::equalsIgnoreCase)
        .findFirst()
        .orElseThrow(
            () ->
                node.error(
                    "no management group named '"
                        + name
                        + "' (declare it under arm.managementGroups; a tenant id names the tenant"
                        + " root group)"));
  }

  SubscriptionSpec subscription(YamlNode node, String idOrName) {
    return subscriptions.stream()
        .filter(s -> s.id().equalsIgnoreCase(idOrName) || s.name().equals(idOrName))
        .findFirst()
        .orElseThrow(
            () ->
                node.error(
                    "no subscription '" + idOrName + "' (declare it under arm.subscriptions)"));
  }

  private SubscriptionSpec resourceGroupOwner(YamlNode node, String rg) {
    List<SubscriptionSpec> owners =
        subscriptions.stream()
            .filter(s -> s.resourceGroups().stream().anyMatch(rg::equalsIgnoreCase))
            .toList();
    if (owners.size() != 1) {
      throw node.error(
          owners.isEmpty()
              ? "no resource group named '" + rg + "' in any subscription"
              : "resource group '"
                  + rg
                  + "' exists in several subscriptions; give its ARM id instead");
    }
    return owners.get(0);
  }

  private static String canonicalGroup(SubscriptionSpec s, String rg) {
    return s.resourceGroups().stream().filter(rg::equalsIgnoreCase).findFirst().orElse(rg);
  }

  private VaultPlacement placement(YamlNode node, String vault) {
    return placements.stream()
        .filter(p -> p.vault().equalsIgnoreCase(vault))
        .findFirst()
        .orElseThrow(() -> node.error("no vault named '" + vault + "' in the seed"));
  }
}
