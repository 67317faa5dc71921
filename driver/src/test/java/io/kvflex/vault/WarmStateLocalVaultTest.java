package io.kvflex.vault;

import static io.kvflex.vault.AzureVaultClientLocalVaultTest.CLIENT_SECRET;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SECRET_VALUE;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SP_ID;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.TENANT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.VAULT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.VM_USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironmentFile;
import io.kvflex.errors.RemoteException;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
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
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import java.nio.file.Files;
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
  static final String POD_UID_B = "bbbbbbbb-0000-4000-8000-00000000000b";

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment cloud;

  WarmState warm;

  @BeforeAll
  static void start() throws Exception {
    Path seedFile = dir.resolve("seed.yaml");
    Files.writeString(seedFile, AzureVaultClientLocalVaultTest.seed());
    lv = LocalVault.start(LocalVaultConfig.fromSeedFile(seedFile));
    Path envFile = dir.resolve("cloud.json");
    lv.writeCloudEnvironment(envFile);
    cloud = CloudEnvironmentFile.load(envFile, 2579);
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
}
