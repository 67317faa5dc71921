package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironmentFile;
import io.kvflex.engine.AzureClients;
import io.kvflex.errors.KvflexException;
import io.kvflex.kvctl.net.RunDeadline;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.seed.KeySpec;
import io.kvflex.localvault.seed.SecretSpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.localvault.seed.VaultSpec;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.VaultClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check-access's verdicts against reality. One localvault serves ARM, Graph and the vaults from
 * {@code differential-seed.yaml} (RBAC vaults, an access-policy vault, a management-group
 * assignment, nested groups, a custom role with notDataActions, a deny assignment with an
 * exclusion, disabled objects). For every identity x vault x object x operation (a certificate is
 * read as cert, as its backing secret and as its key), check-access runs as in production (the
 * caller's service principal from the environment, the cloud environment file, ARM and Graph over
 * HTTPS) and the driver's own vault client fetches the object as the identity: allowed must mean
 * 200 (and the driver takes it) and denied must mean 403, or a disabled key or certificate the
 * driver refuses; no "cannot tell" and no other outcome.
 */
class DifferentialAccessTest {
  static final String CALLER = "caller";

  /** What one cell is: an identity reading one object of one vault. */
  record Cell(String identity, String vault, ObjectRef ref) {
    String label() {
      return ref.type().optionValue() + "/" + ref.name();
    }
  }

  /** What check-access said and what the fetch got. */
  record Outcome(Verdict verdict, List<String> evidence, Fetch fetch) {}

  /** What the driver's fetch got. */
  enum Fetch {
    /** 200, and the driver takes it. */
    READ,
    /** 403 from Key Vault (no permission, or a disabled secret). */
    FORBIDDEN,
    /** 200 for a disabled key or certificate, which the driver refuses to mount. */
    DISABLED;

    boolean reachesThePod() {
      return this == READ;
    }
  }

  @TempDir static Path dir;
  static Seed seed;
  static LocalVault lv;
  static CloudEnvironment cloud;
  static final Map<Cell, Outcome> MATRIX = new LinkedHashMap<>();

  @BeforeAll
  static void runTheMatrix() throws IOException {
    String text =
        new String(
            DifferentialAccessTest.class
                .getResourceAsStream("/access/differential-seed.yaml")
                .readAllBytes(),
            StandardCharsets.UTF_8);
    seed = SeedLoader.parse("differential-seed.yaml", text);
    lv = LocalVault.start(LocalVaultConfig.of(seed));
    TestHosts.add(lv.hostNames());
    Path env = dir.resolve("localvault.json");
    lv.writeCloudEnvironment(env);
    cloud = CloudEnvironmentFile.load(env, 2579);
    CloudSelection selection = new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.of(env));
    ServicePrincipalSpec caller = sp(CALLER);
    // Production wiring: the caller's credential from the environment, ARM/Graph from the file.
    AccessChecker checker =
        new AzureAccessConnector(
                Map.of(
                    "AZURE_CLIENT_ID", caller.clientId(),
                    "AZURE_TENANT_ID", caller.tenant(),
                    "AZURE_CLIENT_SECRET", caller.clientSecret().orElseThrow().reveal()),
                System.err)
            .checker(selection, RunDeadline.after(Clock.systemUTC(), Duration.ofMinutes(5)));
    for (String identity : identities()) {
      for (VaultSpec vault : seed.vaults()) {
        List<ObjectRef> refs = objects(vault);
        AccessReport report =
            checker.check(
                new AccessQuery(
                    vault.name(),
                    refs,
                    new IdentityInput.ClientId(sp(identity).clientId()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                Optional.empty());
        VaultClient client = vaultClient(identity, vault.name());
        for (ObjectResult r : report.results()) {
          MATRIX.put(
              new Cell(identity, vault.name(), r.ref()),
              new Outcome(r.verdict(), r.evaluation().evidence(), fetch(client, r.ref())));
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    lv.close();
  }

  static Stream<Arguments> identitiesAndVaults() {
    return identities().stream()
        .flatMap(i -> seed.vaults().stream().map(v -> Arguments.of(i, v.name())));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("identitiesAndVaults")
  void verdictsEqualWhatTheVaultAnswers(String identity, String vault) {
    List<String> rows = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    MATRIX.forEach(
        (cell, o) -> {
          if (!cell.identity().equals(identity) || !cell.vault().equals(vault)) {
            return;
          }
          boolean agrees =
              (o.verdict() == Verdict.ALLOWED && o.fetch().reachesThePod())
                  || (o.verdict() == Verdict.DENIED && !o.fetch().reachesThePod());
          String row =
              String.format(
                  "%-22s %-12s fetch %-9s %s",
                  cell.label(), o.verdict().label(), o.fetch(), agrees ? "" : "<- DISAGREES");
          rows.add(row);
          if (!agrees) {
            wrong.add(row + "\n      evidence: " + String.join("\n      evidence: ", o.evidence()));
          }
        });
    assertThat(rows).as("cells of %s on %s", identity, vault).isNotEmpty();
    assertThat(wrong).as("%s on %s:\n%s\n", identity, vault, String.join("\n", rows)).isEmpty();
  }

  /** The matrix is not trivially one-sided, and its interesting cells say what they should. */
  @Test
  void theMatrixExercisesEveryRuleThatMatters() {
    // 10 identities x 3 vaults: 200 cells, 28 allowed when this was written.
    assertThat(MATRIX).hasSizeGreaterThan(150);
    assertThat(count(Verdict.ALLOWED)).isGreaterThan(20);
    assertThat(count(Verdict.DENIED)).isGreaterThan(100);
    assertThat(MATRIX.values()).noneMatch(o -> o.verdict() == Verdict.CANNOT_TELL);

    // A role on a management group reaches vaults in its subscriptions, not elsewhere.
    assertThat(at("mg-secrets", "rbac-kv", "secret/db-password"))
        .satisfies(o -> assertThat(o.verdict()).isEqualTo(Verdict.ALLOWED))
        .satisfies(
            o -> assertThat(o.evidence()).anyMatch(e -> e.contains("management group platform")));
    assertThat(at("mg-secrets", "other-kv", "secret/elsewhere").verdict())
        .isEqualTo(Verdict.DENIED);
    // Nested groups on the resource group: public key and certificate, never a secret value.
    assertThat(at("nested-reader", "rbac-kv", "key/signing").verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(at("nested-reader", "rbac-kv", "cert/tls").verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(at("nested-reader", "rbac-kv", "secret/tls").verdict()).isEqualTo(Verdict.DENIED);
    // The deny assignment wins over the subscription's role, except for the excluded member.
    assertThat(at("contractor", "rbac-kv", "secret/api-key"))
        .satisfies(o -> assertThat(o.verdict()).isEqualTo(Verdict.DENIED))
        .satisfies(
            o ->
                assertThat(o.evidence())
                    .anyMatch(e -> e.startsWith("deny assignment \"no-api-key-for-contractors\"")));
    assertThat(at("contractor", "rbac-kv", "secret/db-password").verdict())
        .isEqualTo(Verdict.ALLOWED);
    assertThat(at("exempt-contractor", "rbac-kv", "secret/api-key").verdict())
        .isEqualTo(Verdict.ALLOWED);
    // notDataActions of a custom role.
    assertThat(at("no-values", "rbac-kv", "secret/db-password").verdict())
        .isEqualTo(Verdict.DENIED);
    assertThat(at("no-values", "rbac-kv", "key/tls").verdict()).isEqualTo(Verdict.ALLOWED);
    // A disabled object never reaches a pod, even an administrator's: Key Vault refuses a
    // disabled secret, and serves disabled keys and certificates that the driver refuses.
    assertThat(at("admin", "rbac-kv", "secret/retired"))
        .satisfies(o -> assertThat(o.verdict()).isEqualTo(Verdict.DENIED))
        .satisfies(o -> assertThat(o.evidence().get(0)).contains("is disabled"));
    assertThat(at("admin", "rbac-kv", "secret/old-tls").verdict()).isEqualTo(Verdict.DENIED);
    assertThat(at("admin", "rbac-kv", "cert/old-tls").verdict()).isEqualTo(Verdict.DENIED);
    assertThat(at("admin", "rbac-kv", "cert/old-tls").fetch()).isEqualTo(Fetch.DISABLED);
    assertThat(at("ap-user", "ap-kv", "secret/legacy-retired").verdict()).isEqualTo(Verdict.DENIED);
    // An access-policy vault ignores RBAC: the administrator's role there counts for nothing.
    assertThat(at("admin", "ap-kv", "secret/legacy").verdict()).isEqualTo(Verdict.DENIED);
    assertThat(at("ap-group-member", "ap-kv", "secret/legacy").verdict())
        .isEqualTo(Verdict.ALLOWED);
    assertThat(at("ap-group-member", "ap-kv", "key/legacy-key").verdict())
        .isEqualTo(Verdict.DENIED);
    assertThat(MATRIX.entrySet())
        .filteredOn(e -> e.getKey().identity().equals("nobody"))
        .allMatch(e -> e.getValue().verdict() == Verdict.DENIED);
  }

  // ---- the world ------------------------------------------------------------------------------

  /** Every seeded service principal but the caller. */
  static List<String> identities() {
    return seed.servicePrincipals().stream()
        .map(ServicePrincipalSpec::name)
        .filter(n -> !n.equals(CALLER))
        .toList();
  }

  /** Every object of the vault, a certificate three ways: cert, backing secret, backing key. */
  static List<ObjectRef> objects(VaultSpec v) {
    Set<ObjectRef> refs = new LinkedHashSet<>();
    for (SecretSpec s : v.secrets()) {
      refs.add(ref(ObjectType.SECRET, s.name()));
    }
    for (KeySpec k : v.keys()) {
      refs.add(ref(ObjectType.KEY, k.name()));
    }
    for (CertificateSpec c : v.certificates()) {
      refs.add(ref(ObjectType.CERT, c.name()));
      refs.add(ref(ObjectType.SECRET, c.name()));
      refs.add(ref(ObjectType.KEY, c.name()));
    }
    return List.copyOf(refs);
  }

  private static ObjectRef ref(ObjectType type, String name) {
    return new ObjectRef(type, name, Optional.empty());
  }

  /** The driver's vault client, as a mount with this service principal's secret builds it. */
  private static VaultClient vaultClient(String identity, String vault) {
    ServicePrincipalSpec s = sp(identity);
    return AzureClients.vaultClient(
        vault,
        s.tenant(),
        cloud,
        new IdentityMode.ServicePrincipalSecret(
            s.clientId(), Sensitive.ofUtf8(s.clientSecret().orElseThrow().reveal())),
        Duration.ofSeconds(120),
        Clock.systemUTC());
  }

  /** 200, 403 or a disabled object; anything else (404, network, token) proves nothing. */
  private static Fetch fetch(VaultClient client, ObjectRef ref) {
    try {
      client.fetch(ref);
      return Fetch.READ;
    } catch (KvflexException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("[HTTP 403]")) {
        return Fetch.FORBIDDEN;
      }
      if (m.contains("[HTTP 200]") && m.contains("is disabled")) {
        return Fetch.DISABLED;
      }
      throw new AssertionError("fetching " + ref + " neither read nor was refused: " + e, e);
    }
  }

  private static ServicePrincipalSpec sp(String name) {
    return seed.servicePrincipals().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Outcome at(String identity, String vault, String object) {
    return MATRIX.entrySet().stream()
        .filter(e -> e.getKey().identity().equals(identity))
        .filter(e -> e.getKey().vault().equals(vault))
        .filter(e -> e.getKey().label().equals(object))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell " + identity + " " + vault + " " + object));
  }

  private static long count(Verdict v) {
    return MATRIX.values().stream().filter(o -> o.verdict() == v).count();
  }
}
