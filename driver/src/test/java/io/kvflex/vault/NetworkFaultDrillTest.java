package io.kvflex.vault;

import static io.kvflex.vault.AzureVaultClientLocalVaultTest.CLIENT_SECRET;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SECRET_VALUE;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.SP_ID;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.TENANT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.VAULT;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.failure;
import static io.kvflex.vault.AzureVaultClientLocalVaultTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.vault.FaultProxy.Fault;
import io.kvflex.vault.FaultProxy.Request;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.TrustedTls;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network fault drills, through a fault-injecting TLS proxy between the adapter and localvault:
 * answers that break off (reset or clean close), are malformed, stall, drip, never come or are too
 * large, TLS certificates refused for each reason, a token the vault rejects. Transient faults are
 * retried within the deadline; persistent ones end with a message naming the true cause; every wait
 * ends by the deadline, whatever the read timeout.
 */
class NetworkFaultDrillTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
  private static final String LOGIN = "login.localvault.test";
  private static final String VAULT_HOST = VAULT + ".vault.localvault.test";

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment direct;

  private final List<FaultProxy> proxies = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    AzureVaultClientLocalVaultTest.Seeded seeded =
        AzureVaultClientLocalVaultTest.startSeeded(dir, AzureVaultClientLocalVaultTest.seed());
    lv = seeded.lv();
    direct = seeded.cloud();
  }

  @AfterAll
  static void stop() {
    if (lv != null) {
      lv.close();
    }
  }

  @AfterEach
  void closeProxies() {
    proxies.forEach(FaultProxy::close);
    lv.clearFaults();
  }

  /** A proxy whose certificate for {@code names} is valid for 397 days from {@code notBefore}. */
  private FaultProxy proxy(List<String> names, Instant notBefore) throws Exception {
    FaultProxy p =
        FaultProxy.start(
            TrustedTls.sslContext(direct.caCertificates()), lv.httpsPort(), names, notBefore);
    proxies.add(p);
    return p;
  }

  private FaultProxy proxy() throws Exception {
    return proxy(List.of(LOGIN, VAULT_HOST), Instant.now());
  }

  /** The cloud with Key Vault and/or Entra ID behind {@code proxy} (its CA trusted or not). */
  private static CloudEnvironment via(
      FaultProxy proxy, boolean vault, boolean entra, boolean trustProxyCa) {
    List<X509Certificate> cas = new ArrayList<>(direct.caCertificates());
    if (trustProxyCa) {
      cas.add(proxy.ca());
    }
    return new CloudEnvironment(
        direct.name(),
        entra ? URI.create("https://" + LOGIN + ":" + proxy.port() + "/") : direct.authorityHost(),
        vault ? "vault.localvault.test:" + proxy.port() : direct.keyVaultDnsSuffix(),
        direct.vaultResource(),
        direct.resourceManagerEndpoint(),
        direct.graphEndpoint(),
        direct.microsoftGraphEndpoint(),
        direct.imdsEndpoint(),
        direct.nmiEndpoint(),
        cas);
  }

  private static CloudEnvironment via(FaultProxy proxy) {
    return via(proxy, true, true, true);
  }

  private static AzureVaultClient client(CloudEnvironment cloud, Duration timeout) {
    return client(cloud, timeout, Duration.ofSeconds(2));
  }

  private static AzureVaultClient client(
      CloudEnvironment cloud, Duration timeout, Duration bodyIdle) {
    return VaultClients.create(
        VAULT,
        TENANT,
        cloud,
        new IdentityMode.ServicePrincipalSecret(SP_ID, Sensitive.ofUtf8(CLIENT_SECRET)),
        Deadline.after(Clock.systemUTC(), timeout),
        new VaultClients.Tuning(
            new HttpSettings(
                Duration.ofSeconds(2), READ_TIMEOUT, TrustedTls.sslContext(cloud.caCertificates())),
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
            bodyIdle));
  }

  private static String secret(AzureVaultClient client) {
    return ((VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password")))
        .value()
        .revealUtf8();
  }

  private static long vaultReads(FaultProxy p) {
    return p.count(Request::vaultRead);
  }

  @Test
  void answersThatBreakOffMidBodyAreRetriedUntilOneArrivesWhole() throws Exception {
    for (Fault fault : List.of(Fault.RESET_MID_BODY, Fault.TRUNCATE, Fault.MALFORMED)) {
      FaultProxy p = proxy().firstN(Request::vaultRead, 2, fault);
      assertThat(secret(client(via(p), Duration.ofSeconds(30))))
          .as(fault.name())
          .isEqualTo(SECRET_VALUE);
      assertThat(vaultReads(p)).as(fault.name()).isEqualTo(3);
    }
  }

  @Test
  void answersThatKeepBreakingOffNameTheBrokenAnswerNotAnUnexpectedError() throws Exception {
    FaultProxy reset = proxy().always(Request::vaultRead, Fault.RESET_MID_BODY);
    assertThat(
            failure(
                client(via(reset), Duration.ofSeconds(30)), ref(ObjectType.SECRET, "db-password")))
        .contains("Key Vault request failed (5 tries)")
        // A reset may discard the headers already sent, or come after them.
        .containsPattern(
            "the (answer from|connection to) "
                + VAULT_HOST
                + ":"
                + reset.port()
                + " (broke off after|was reset or closed)")
        .contains("check proxies, firewalls or load balancers")
        .doesNotContain("unexpected");
    FaultProxy truncated = proxy().always(Request::vaultRead, Fault.TRUNCATE);
    assertThat(
            failure(
                client(via(truncated), Duration.ofSeconds(30)),
                ref(ObjectType.SECRET, "db-password")))
        .containsPattern("broke off after [0-9]+ of [0-9]+ bytes");
    FaultProxy malformed = proxy().always(Request::vaultRead, Fault.MALFORMED);
    assertThat(
            failure(
                client(via(malformed), Duration.ofSeconds(30)),
                ref(ObjectType.SECRET, "db-password")))
        .contains("answered with a body that is not well-formed JSON")
        .contains("no proxy or captive portal answers in its place");
  }

  @Test
  void aTlsCloseNotifyOnAnOpenConnectionEndsTheReadAtTheIdleLimitNotTheReadTimeout()
      throws Exception {
    // Read timeout 20 s, deadline 15 s: only the 2 s idle limit lets the retry happen in time.
    FaultProxy p = proxy().firstN(Request::vaultRead, 1, Fault.CLOSE_NOTIFY_KEEP_OPEN);
    assertThat(secret(client(via(p), Duration.ofSeconds(15)))).isEqualTo(SECRET_VALUE);
    assertThat(vaultReads(p)).isEqualTo(2);
    FaultProxy stalls = proxy().always(Request::vaultRead, Fault.STALL_MID_BODY);
    assertThat(
            failure(
                client(via(stalls), Duration.ofSeconds(30)), ref(ObjectType.SECRET, "db-password")))
        .containsPattern("stalled after [0-9]+ of [0-9]+ bytes");
  }

  @Test
  void aStallADripAndABlackHoleEndAtTheDeadlineNotAtTheReadTimeout() throws Exception {
    // Deadline 8 s (room for the token on a loaded machine), read timeout 20 s, no idle limit.
    Duration timeout = Duration.ofSeconds(8);
    FaultProxy stall = proxy().always(Request::vaultRead, Fault.STALL_MID_BODY);
    Instant start = Instant.now();
    assertThat(
            failure(
                client(via(stall), timeout, READ_TIMEOUT), ref(ObjectType.SECRET, "db-password")))
        .containsPattern(
            "was still arriving at the mount deadline \\(after [0-9]+ of [0-9]+ bytes\\)")
        .contains("raise the volume option timeout");
    assertThat(Duration.between(start, Instant.now())).isLessThan(READ_TIMEOUT);
    FaultProxy drip =
        proxy().dripEvery(Duration.ofMillis(300)).always(Request::vaultRead, Fault.DRIP);
    start = Instant.now();
    assertThat(
            failure(
                client(via(drip), timeout, READ_TIMEOUT), ref(ObjectType.SECRET, "db-password")))
        .contains("was still arriving at the mount deadline");
    assertThat(Duration.between(start, Instant.now())).isLessThan(READ_TIMEOUT);
    FaultProxy hole = proxy().always(Request::vaultRead, Fault.BLACK_HOLE);
    start = Instant.now();
    assertThat(
            failure(
                client(via(hole), timeout, READ_TIMEOUT), ref(ObjectType.SECRET, "db-password")))
        .contains("no answer from " + VAULT_HOST + ":" + hole.port() + " in time");
    assertThat(Duration.between(start, Instant.now())).isLessThan(READ_TIMEOUT);
  }

  @Test
  void anOversizedAnswerIsRefusedWhileReadingAndNotRetried() throws Exception {
    FaultProxy p = proxy().hugeBytes(50 << 20).always(Request::vaultRead, Fault.HUGE);
    assertThat(
            failure(client(via(p), Duration.ofSeconds(30)), ref(ObjectType.SECRET, "db-password")))
        .contains("is larger than the 256 KiB limit (50 MiB announced)")
        .contains("Key Vault objects are at most 25 KB");
    assertThat(vaultReads(p)).isEqualTo(1);
  }

  @Test
  void tokenEndpointFaultsAreRetriedAndPersistentOnesAreNamedAsNetworkTrouble() throws Exception {
    for (Fault fault : List.of(Fault.RESET_MID_BODY, Fault.TRUNCATE, Fault.MALFORMED)) {
      FaultProxy p = proxy().firstN(Request::tokenRequest, 1, fault);
      assertThat(secret(client(via(p), Duration.ofSeconds(30))))
          .as(fault.name())
          .isEqualTo(SECRET_VALUE);
      assertThat(p.count(Request::tokenRequest)).as(fault.name()).isEqualTo(2);
    }
    FaultProxy p = proxy().always(Request::tokenRequest, Fault.RESET_MID_BODY);
    assertThat(
            failure(client(via(p), Duration.ofSeconds(30)), ref(ObjectType.SECRET, "db-password")))
        .contains("Entra ID token request failed")
        .containsPattern(
            "the (answer from|connection to) " + LOGIN + ":" + p.port() + " (broke off|was reset)")
        .doesNotContain("check clientid")
        .doesNotContain("clientsecret");
  }

  @Test
  void aHungTokenEndpointEndsAtTheDeadlineAndNamesItsPort() throws Exception {
    Duration timeout = Duration.ofSeconds(8);
    FaultProxy p = proxy().always(Request::tokenRequest, Fault.BLACK_HOLE);
    Instant start = Instant.now();
    String message =
        failure(client(via(p), timeout, READ_TIMEOUT), ref(ObjectType.SECRET, "db-password"));
    assertThat(Duration.between(start, Instant.now())).isLessThan(READ_TIMEOUT);
    assertThat(message)
        .contains("Entra ID token request")
        .contains(LOGIN + ":" + p.port())
        .doesNotContain("check clientid");
  }

  @Test
  void tlsCertificateFailuresAreSplitByCauseAndNeverRetried() throws Exception {
    Instant now = Instant.now();
    FaultProxy expired = proxy(List.of(LOGIN, VAULT_HOST), now.minus(Duration.ofDays(400)));
    FaultProxy notYet = proxy(List.of(LOGIN, VAULT_HOST), now.plus(Duration.ofDays(2)));
    FaultProxy wrongName = proxy(List.of("elsewhere.example"), now);
    FaultProxy untrusted = proxy();
    record Case(FaultProxy proxy, boolean trusted, String cause, String fix) {}
    for (Case c :
        List.of(
            new Case(expired, true, "has expired", "check the node's clock (NTP)"),
            new Case(notYet, true, "is not valid yet", "certificate's start date"),
            new Case(wrongName, true, "does not name that host", "keyvaultname, cloudname"),
            new Case(untrusted, false, "is not issued by a trusted CA", "kvflex.caCertificates"))) {
      // Key Vault behind the proxy
      assertThat(
              failure(
                  client(via(c.proxy(), true, false, c.trusted()), Duration.ofSeconds(30)),
                  ref(ObjectType.SECRET, "db-password")))
          .contains("the TLS certificate")
          .contains(c.cause())
          .contains(c.fix());
      assertThat(c.proxy().connections()).as("Key Vault: not retried").isEqualTo(1);
      // Entra ID behind the proxy: the same words and the same rule
      assertThat(
              failure(
                  client(via(c.proxy(), false, true, c.trusted()), Duration.ofSeconds(30)),
                  ref(ObjectType.SECRET, "db-password")))
          .contains("Entra ID token request failed")
          .contains(c.cause());
      assertThat(c.proxy().connections()).as("Entra ID: not retried").isEqualTo(2);
    }
  }

  @Test
  void aTokenTheVaultRejectsIsReplacedOnceThenTheRejectionIsFinal() throws Exception {
    FaultProxy once = proxy().firstN(Request::vaultRead, 1, Fault.STRIP_TOKEN);
    AzureVaultClient client = client(via(once), Duration.ofSeconds(30));
    assertThat(secret(client)).isEqualTo(SECRET_VALUE);
    assertThat(client.tokenRequests()).isEqualTo(2);
    assertThat(secret(client)).isEqualTo(SECRET_VALUE);
    assertThat(client.tokenRequests()).isEqualTo(2);

    FaultProxy always = proxy().always(Request::vaultRead, Fault.STRIP_TOKEN);
    AzureVaultClient rejected = client(via(always), Duration.ofSeconds(30));
    assertThat(failure(rejected, ref(ObjectType.SECRET, "db-password")))
        .contains("[HTTP 401]")
        .contains("Key Vault rejected the token, also a freshly issued one,");
    assertThat(failure(rejected, ref(ObjectType.KEY, "rsa-key"))).contains("[HTTP 401]");
    assertThat(rejected.tokenRequests()).isEqualTo(2);
  }

  @Test
  void aTokenTheVaultRejectsLeavesTheWarmCacheSoNoLaterMountSendsItAgain() throws Exception {
    FaultProxy p = proxy();
    CloudEnvironment cloud = via(p);
    WarmState warm = WarmState.create(Clock.systemUTC(), ProxyLog.NONE);
    var mount =
        WarmStateLocalVaultTest.request(
            WarmStateLocalVaultTest.sp(CLIENT_SECRET),
            "team-a",
            "pod-a",
            WarmStateLocalVaultTest.POD_UID_A);
    Supplier<String> warmMount =
        () ->
            secret(
                VaultClients.create(
                    mount,
                    cloud,
                    Deadline.after(Clock.systemUTC(), Duration.ofSeconds(30)),
                    ProxySettings.NONE,
                    warm));
    assertThat(warmMount.get()).isEqualTo(SECRET_VALUE);
    assertThat(warmMount.get()).isEqualTo(SECRET_VALUE);
    assertThat(warm.tokens().requests()).as("the second mount rides the cached token").isEqualTo(1);

    // The vault now rejects the cached token (twice: azure-core's challenge handling retries one
    // 401 with the same token): the mount asks Entra ID for a fresh one, and the warm cache forgets
    // the rejected one, so the next mount gets the fresh token, not it.
    p.firstN(Request::vaultRead, 2, Fault.STRIP_TOKEN);
    assertThat(warmMount.get()).isEqualTo(SECRET_VALUE);
    assertThat(warm.tokens().rejections()).isEqualTo(1);
    assertThat(warm.tokens().requests()).isEqualTo(2);
    assertThat(warmMount.get()).isEqualTo(SECRET_VALUE);
    assertThat(warm.tokens().requests()).as("the fresh token is kept").isEqualTo(2);
    assertThat(p.count(Request::tokenRequest)).isEqualTo(2);
  }

  @Test
  void aTokenIssuedWithExpiresInZeroServesTheMountAndIsRefreshedWhenRejected() throws Exception {
    FaultProxy p = proxy().always(Request::tokenRequest, Fault.EXPIRES_NOW);
    AzureVaultClient client = client(via(p), Duration.ofSeconds(30));
    assertThat(secret(client)).isEqualTo(SECRET_VALUE);
    assertThat(client.fetch(ref(ObjectType.KEY, "rsa-key"))).isInstanceOf(VaultObject.Key.class);
    assertThat(client.fetch(ref(ObjectType.CERT, "web-tls")))
        .isInstanceOf(VaultObject.Certificate.class);
    assertThat(client.tokenRequests()).isEqualTo(1);
    // Two rejections in a row: azure-core's challenge handling retries one 401 with the same token.
    AtomicInteger rejections = new AtomicInteger(2);
    p.plan(
        r ->
            r.tokenRequest()
                ? Fault.EXPIRES_NOW
                : r.vaultRead() && rejections.getAndDecrement() > 0
                    ? Fault.STRIP_TOKEN
                    : Fault.NONE);
    assertThat(secret(client)).isEqualTo(SECRET_VALUE);
    assertThat(client.tokenRequests()).isEqualTo(2);
  }

  @Test
  void serverErrorsUntilTheTriesRunOutSayTheTriesRanOutNotTheDeadline() {
    lv.setVaultFaults(VAULT, Optional.of(new FaultSpec(0, 0, 0, -1, 1.0, 503, 0, 0)));
    assertThat(
            failure(client(direct, Duration.ofSeconds(60)), ref(ObjectType.SECRET, "db-password")))
        .contains("Key Vault answered ServiceUnavailable (5 tries) [HTTP 503]")
        .contains("Key Vault failed every try")
        .doesNotContain("deadline");
    // And when the time runs out first (the vault asks for 30 s, the deadline is 20 s away):
    lv.setVaultFaults(VAULT, Optional.of(new FaultSpec(0, 1.0, 0, 30, 0, 503, 0, 0)));
    assertThat(
            failure(client(direct, Duration.ofSeconds(20)), ref(ObjectType.SECRET, "db-password")))
        .contains("(1 try, no time left for another before the mount deadline) [HTTP 429]")
        .contains("retrying would pass the mount deadline");
  }
}
