package io.kvflex.vault;

import static io.kvflex.vault.AzureVaultClientLocalVaultTest.CLIENT_SECRET;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SECRET_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironmentFile;
import io.kvflex.errors.ErrorKind;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.OutOfMemory;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.MemoryBudget;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived process's memory budget against a real localvault whose answers are padded far past
 * Key Vault's sizes: the call that cannot hold them fails with the driver's out-of-memory words,
 * its charges are released, and the next call of the same process is served.
 */
class MemoryBudgetLocalVaultTest {
  static final ObjectRef DB = new ObjectRef(ObjectType.SECRET, "db-password", Optional.empty());

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment cloud;

  @BeforeAll
  static void start() throws Exception {
    Path seedFile = dir.resolve("seed.yaml");
    Files.writeString(seedFile, AzureVaultClientLocalVaultTest.seed());
    lv = LocalVault.start(LocalVaultConfig.fromSeedFile(seedFile));
    Path envFile = dir.resolve("cloud.json");
    lv.writeCloudEnvironment(envFile);
    cloud = CloudEnvironmentFile.load(envFile, 2579);
  }

  @AfterAll
  static void stop() {
    if (lv != null) {
      lv.close();
    }
  }

  @Test
  void answersBeyondTheBudgetFailTheirCallOnlyAndTheNextCallIsServed() {
    // 1 MiB: one padded answer (250,000 bytes, charged 4 times over) fits, a second does not.
    MemoryBudget budget = MemoryBudget.of(1 << 20, "KVFLEX_AGENT_MEMORY");
    WarmState warm = WarmState.create(Clock.systemUTC(), ProxyLog.NONE);
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
        .isEqualTo(withoutLimit(OutOfMemory.during(doing).getMessage()));
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
        WarmStateLocalVaultTest.request(
            WarmStateLocalVaultTest.sp(CLIENT_SECRET), "ns", "p1", "u1"),
        cloud,
        Deadline.after(Clock.systemUTC(), Duration.ofSeconds(60)),
        ProxySettings.NONE,
        warm,
        hold);
  }
}
