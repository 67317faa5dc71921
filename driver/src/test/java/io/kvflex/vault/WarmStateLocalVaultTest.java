package io.kvflex.vault;

import static io.kvflex.vault.AzureVaultClientLocalVaultTest.CLIENT_SECRET;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SECRET_VALUE;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SP_ID;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.TENANT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.VAULT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.VM_USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.errors.ErrorKind;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.MemoryBudget;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm state of a long-lived engine against a real localvault: its request counters show which
 * identity each token went to and which identity every object was read with, so they prove that a
 * cached token serves only mounts of exactly the identity it was issued to.
 */
class WarmStateLocalVaultTest {
  static final String POD_UID_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  static final ObjectRef DB = new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty());
  static final String POD_UID_B = "bbbbbbbb-0000-4000-8000-00000000000b";

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment cloud;

  WarmState warm;

  @BeforeAll
  static void start() throws Exception {
    AzureVaultClientLocalVaultTest.Seeded seeded =
        AzureVaultClientLocalVaultTest.startSeeded(dir, AzureVaultClientLocalVaultTest.seed());
    lv = seeded.lv();
    cloud = seeded.cloud();
    lv.bindPodIdentity(new PodIdentitySpec("team-a", "pod-a", "pod-mi", 0, Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    if (lv != null) {
      lv.close();
    }
  }

  @BeforeEach
  void freshWarmState() {
    warm = WarmState.create(Clock.systemUTC(), ProxyLog.NONE);
    lv.resetRequestCounts();
  }

  static MountRequest request(IdentityMode identity, String podNamespace, String pod, String uid) {
    return request(identity, podNamespace, pod, uid, Duration.ofSeconds(30));
  }

  static MountRequest request(
      IdentityMode identity, String podNamespace, String pod, String uid, Duration timeout) {
    return new MountRequest(
        VAULT,
        TENANT,
        new CloudSelection(CloudName.AZURE_STACK_CLOUD, Optional.empty()),
        identity,
        List.of(),
        0644,
        OptionalInt.empty(),
        1 << 20,
        timeout,
        Optional.empty(),
        new MountRequest.PodInfo(podNamespace, pod, uid, "default"),
        Optional.empty(),
        Optional.empty());
  }

  /** One mount's client, as the engine builds it, reading the secret. */
  String mount(MountRequest request) {
    AzureVaultClient client =
        VaultClients.create(
            request,
            cloud,
            Deadline.after(Clock.systemUTC(), request.timeout()),
            ProxySettings.NONE,
            warm);
    VaultObject.Secret s =
        (VaultObject.Secret)
            client.fetch(new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty()));
    return s.value().revealUtf8();
  }

  static IdentityMode sp(String secret) {
    return new IdentityMode.ServicePrincipalSecret(SP_ID, Sensitive.ofUtf8(secret));
  }

  static long count(Predicate<RequestCounts.Entry> filter) {
    return lv.requestCounts().count(filter);
  }

  static long reads(String identity) {
    return count(
        e ->
            e.operation().equals("secrets.get")
                && e.identity().equals(identity)
                && e.status() == 200);
  }

  @Test
  void theSameIdentityMountsTwiceWithOneTokenAndSharedConnections() {
    assertThat(mount(request(sp(CLIENT_SECRET), "ns", "p1", "u1"))).isEqualTo(SECRET_VALUE);
    assertThat(mount(request(sp(CLIENT_SECRET), "ns", "p2", "u2"))).isEqualTo(SECRET_VALUE);
    assertThat(count(e -> e.operation().equals("token.clientCredentials"))).isEqualTo(1);
    assertThat(reads("sp")).isEqualTo(2);
    assertThat(warm.tokens().hits()).isEqualTo(1);
    assertThat(warm.connectionSets()).isEqualTo(1);
  }

  @Test
  void aWrongSecretForTheSameClientIdNeverRidesTheCachedToken() {
    mount(request(sp(CLIENT_SECRET), "ns", "p1", "u1"));
    RemoteException e =
        catchThrowableOfType(
            () -> mount(request(sp("wrong-secret-Y-0000"), "ns", "p2", "u2")),
            RemoteException.class);
    assertThat(e).as("the wrong secret's mount fails").isNotNull();
    assertThat(e.getMessage()).contains("client secret").contains(SP_ID);
    assertThat(count(e2 -> e2.operation().equals("token.clientCredentials"))).isEqualTo(2);
    assertThat(reads("sp")).as("only the right secret's mount read the secret").isEqualTo(1);
  }

  @Test
  void podBNeverRidesPodAsToken() {
    assertThat(
            mount(
                request(
                    new IdentityMode.PodIdentity("team-a", "pod-a", 2579),
                    "team-a",
                    "pod-a",
                    POD_UID_A)))
        .isEqualTo(SECRET_VALUE);
    mount(
        request(
            new IdentityMode.PodIdentity("team-a", "pod-a", 2579), "team-a", "pod-a", POD_UID_A));
    // pod-b has no binding: NMI refuses it, whatever pod-a's token in the cache.
    RemoteException e =
        catchThrowableOfType(
            () ->
                mount(
                    request(
                        new IdentityMode.PodIdentity("team-a", "pod-b", 2579),
                        "team-a",
                        "pod-b",
                        POD_UID_B,
                        Duration.ofSeconds(5))),
            RemoteException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("team-a/pod-b");
    assertThat(count(x -> x.operation().equals("nmi.token") && x.object().equals("team-a/pod-a")))
        .as("pod-a asked NMI once for two mounts")
        .isEqualTo(1);
    assertThat(count(x -> x.operation().equals("nmi.token") && x.object().equals("team-a/pod-b")))
        .as("pod-b asked NMI itself")
        .isPositive();
    assertThat(reads("pod-mi")).isEqualTo(2);
  }

  @Test
  void systemAndUserAssignedIdentitiesEachGetTheirOwnToken() {
    IdentityMode system = new IdentityMode.VmManagedIdentity(Optional.empty());
    IdentityMode user = new IdentityMode.VmManagedIdentity(Optional.of(VM_USER_ID));
    mount(request(system, "ns", "p1", "u1"));
    mount(request(user, "ns", "p2", "u2"));
    mount(request(system, "ns", "p3", "u3"));
    assertThat(count(e -> e.operation().equals("imds.token") && e.identity().equals("vm-system")))
        .isEqualTo(1);
    assertThat(count(e -> e.operation().equals("imds.token") && e.identity().equals("vm-user")))
        .isEqualTo(1);
    assertThat(reads("vm-system")).isEqualTo(2);
    assertThat(reads("vm-user")).isEqualTo(1);
  }

  /**
   * A long-lived process's memory budget against answers padded far past Key Vault's sizes: the
   * call that cannot hold them fails with the driver's out-of-memory words, its charges are
   * released, and the next call of the same process is served.
   */
  @Test
  void answersBeyondTheBudgetFailTheirCallOnlyAndTheNextCallIsServed() {
    // 1 MiB: one padded answer (250,000 bytes, charged 4 times over) fits, a second does not.
    MemoryBudget budget = MemoryBudget.of(1 << 20, "KVFLEX_AGENT_MEMORY");
    lv.setFaults(FaultSpec.NONE.withOversizeBytes(250_000));
    KvflexException refused;
    try (MemoryBudget.Hold call = budget.open()) {
      AzureVaultClient client = client(warm, call);
      // However many answers (challenge, value) the first fetch read, the second one's is refused.
      Throwable first = catchThrowable(() -> client.fetch(DB));
      if (first != null) {
        assertThat(first).hasMessageContaining("ran out of memory");
      }
      refused = catchThrowableOfType(() -> client.fetch(DB), KvflexException.class);
      assertThat(budget.used()).isPositive().isLessThanOrEqualTo(1 << 20);
    } finally {
      lv.clearFaults();
    }
    assertThat(budget.used()).isZero();
    assertThat(refused.kind()).isEqualTo(ErrorKind.USER_INPUT);
    String doing = "fetch " + DB.describe();
    assertThat(refused.getMessage())
        .isEqualTo(
            "the driver ran out of memory (the node agent's memory for vault answers is limited"
                + " to 1 MiB, KVFLEX_AGENT_MEMORY) during fetch secret/db-password (latest); fix:"
                + " list fewer objects per volume (split them over several volumes), or raise"
                + " KVFLEX_AGENT_MEMORY; each volume's objects are held in memory until all are"
                + " written");
    // The in-process driver's words for the same fetch, but for the limit each names.
    assertThat(withoutLimit(refused.getMessage()))
        .isEqualTo(withoutLimit(io.kvflex.errors.OutOfMemory.during(doing).getMessage()));
    assertThat(refused.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(SECRET_VALUE);

    try (MemoryBudget.Hold next = budget.open()) {
      VaultObject.Secret s = (VaultObject.Secret) client(warm, next).fetch(DB);
      assertThat(s.value().revealUtf8()).isEqualTo(SECRET_VALUE);
      assertThat(budget.used()).isPositive();
    }
    assertThat(budget.used()).isZero();
  }

  private static String withoutLimit(String message) {
    return message.replaceFirst(" \\([^)]*\\)", "").replace(", or raise KVFLEX_AGENT_MEMORY", "");
  }

  private static AzureVaultClient client(WarmState warm, MemoryBudget.Hold hold) {
    return VaultClients.create(
        request(sp(CLIENT_SECRET), "ns", "p1", "u1"),
        cloud,
        Deadline.after(Clock.systemUTC(), Duration.ofSeconds(60)),
        ProxySettings.NONE,
        warm,
        hold);
  }
}
