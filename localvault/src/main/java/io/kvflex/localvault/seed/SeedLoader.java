package io.kvflex.localvault.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a seed YAML file (format: {@code localvault/examples/seed.yaml}) into a validated {@link
 * Seed}. Every error names {@code file:line}.
 */
public final class SeedLoader {
  /** The built-in demo seed, used by {@code kvctl demo}. */
  public static final String DEMO_SEED_RESOURCE = "/io/kvflex/localvault/demo-seed.yaml";

  static final String DEFAULT_TENANT = "72f988bf-86f1-41af-91ab-2d7cd0110001";
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z.-]{1,64}");
  private static final Set<String> TOP =
      Set.of(
          "tenants",
          "servicePrincipals",
          "managedIdentities",
          "podIdentities",
          "vaults",
          "faults",
          "groups",
          "arm");

  private SeedLoader() {}

  /** Loads and validates a seed file. */
  public static Seed load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SeedException(file + ": cannot read seed file: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Loads the built-in demo seed. */
  public static Seed demo() {
    try (InputStream in = SeedLoader.class.getResourceAsStream(DEMO_SEED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("demo seed missing from the classpath");
      }
      return parse("demo-seed.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo seed", e);
    }
  }

  /** Parses seed text; {@code source} names it in error messages. */
  public static Seed parse(String source, String text) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text);
    } catch (YamlEngineException e) {
      throw new SeedException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root.isEmpty()) {
      throw new SeedException(source + ":1: the seed file is empty");
    }
    YamlNode top = new YamlNode(source, root.get(), "");
    Map<String, YamlNode> f = top.fields(TOP);
    List<TenantSpec> tenants = tenants(YamlNode.opt(f, "tenants"));
    String defaultTenant = tenants.get(0).id();
    Set<String> tenantIds = new HashSet<>();
    tenants.forEach(t -> tenantIds.add(t.id()));

    IdentityParser identities = new IdentityParser(defaultTenant, tenantIds);
    List<ServicePrincipalSpec> sps = new ArrayList<>();
    for (YamlNode n : list(f, "servicePrincipals")) {
      sps.add(identities.servicePrincipal(n));
    }
    List<ManagedIdentitySpec> mis = new ArrayList<>();
    for (YamlNode n : list(f, "managedIdentities")) {
      mis.add(identities.managedIdentity(n));
    }
    IdentityRefs refs =
        new IdentityRefs(sps, mis)
            .withGroups(
                GroupParser.parse(
                    YamlNode.opt(f, "groups"),
                    new IdentityRefs(sps, mis),
                    tenants.stream().map(TenantSpec::id).toList()));
    List<PodIdentitySpec> pods = new ArrayList<>();
    for (YamlNode n : list(f, "podIdentities")) {
      pods.add(podIdentity(n, refs));
    }
    VaultParser vaults = new VaultParser(defaultTenant, tenantIds, refs);
    List<VaultSpec> vaultSpecs = new ArrayList<>();
    Set<String> vaultNames = new HashSet<>();
    for (YamlNode n : list(f, "vaults")) {
      VaultSpec v = vaults.vault(n);
      if (!vaultNames.add(v.name())) {
        throw n.error("duplicate vault name '" + v.name() + "'");
      }
      vaultSpecs.add(v);
    }
    FaultSpec faults = YamlNode.opt(f, "faults").map(FaultParser::parse).orElse(FaultSpec.NONE);
    ControlPlaneSpec controlPlane =
        new ControlPlaneParser(tenants, refs, vaultSpecs)
            .parse(YamlNode.opt(f, "arm"), list(f, "vaults"));
    return new Seed(tenants, sps, mis, pods, vaultSpecs, faults, controlPlane);
  }

  static List<YamlNode> list(Map<String, YamlNode> f, String key) {
    return YamlNode.opt(f, key).map(YamlNode::items).orElse(List.of());
  }

  private static List<TenantSpec> tenants(Optional<YamlNode> node) {
    List<TenantSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode n : node.map(YamlNode::items).orElse(List.of())) {
      Map<String, YamlNode> f = n.fields(Set.of("id", "name"));
      String id = requireId(YamlNode.required(n, f, "id"));
      if (!seen.add(id)) {
        throw n.error("duplicate tenant id '" + id + "'");
      }
      out.add(new TenantSpec(id, YamlNode.opt(f, "name").map(YamlNode::scalar).orElse(id)));
    }
    if (out.isEmpty()) {
      out.add(new TenantSpec(DEFAULT_TENANT, "default"));
    }
    return out;
  }

  private static PodIdentitySpec podIdentity(YamlNode n, IdentityRefs refs) {
    Map<String, YamlNode> f =
        n.fields(
            Set.of("namespace", "pod", "identity", "activeAfterRequests", "activeAfterSeconds"));
    YamlNode idNode = YamlNode.required(n, f, "identity");
    ManagedIdentitySpec mi =
        refs.managedIdentity(idNode.scalar())
            .orElseThrow(() -> idNode.error("no managed identity named '" + idNode.scalar() + "'"));
    return new PodIdentitySpec(
        YamlNode.required(n, f, "namespace").scalar(),
        YamlNode.required(n, f, "pod").scalar(),
        mi.name(),
        YamlNode.opt(f, "activeAfterRequests").map(v -> v.smallInt(0, 1_000_000)).orElse(0),
        Duration.ofSeconds(
            YamlNode.opt(f, "activeAfterSeconds").map(v -> v.integer(0, 86_400)).orElse(0L)));
  }

  static String requireId(YamlNode n) {
    String v = n.scalar();
    if (!ID.matcher(v).matches()) {
      throw n.error("'" + v + "' is not a valid id (letters, digits, '.', '-')");
    }
    return v;
  }

  /** A stable GUID derived from a name, so seeds need not spell out ids. */
  static String derivedId(String kind, String name) {
    return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
