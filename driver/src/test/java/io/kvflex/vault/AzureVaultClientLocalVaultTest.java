package io.kvflex.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.cloud.CloudEndpoints;
import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironmentFile;
import io.kvflex.errors.RemoteException;
import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.vault.credentials.Backoff;
import io.kvflex.vault.http.Deadline;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.TrustedTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against a real localvault over HTTPS (host names via {@code -Djdk.net.hosts.file},
 * see the driver pom): every identity mode, the failure messages users see, one token per mount,
 * and no secret or token in any message.
 */
class AzureVaultClientLocalVaultTest {
  static final String TENANT = "a1b2c3d4-0000-4000-8000-000000000001";
  static final String OTHER_TENANT = "a1b2c3d4-0000-4000-8000-000000000002";
  static final String VAULT = "kvflex-vault-it";
  static final String FOREIGN_VAULT = "kvflex-foreign-it";
  static final String SP_ID = "11111111-1111-4111-8111-111111111111";
  static final String CERT_SP_ID = "22222222-2222-4222-8222-222222222222";
  static final String NO_ACCESS_ID = "33333333-3333-4333-8333-333333333333";
  static final String VM_SYSTEM_ID = "44444444-4444-4444-8444-444444444444";
  static final String VM_USER_ID = "55555555-5555-4555-8555-555555555555";
  static final String POD_MI_ID = "66666666-6666-4666-8666-666666666666";
  static final String CLIENT_SECRET = "client-secret-SENTINEL-a81f";
  static final String SECRET_VALUE = "secret-value-SENTINEL-77c2";

  @TempDir static Path dir;
  static LocalVault lv;
  static CloudEnvironment cloud;

  static String seed() throws IOException {
    String pem = resource("sp.pem");
    String certOnly = pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----"));
    return String.join(
        "\n",
        "tenants:",
        "  - id: " + TENANT,
        "  - id: " + OTHER_TENANT,
        "servicePrincipals:",
        "  - name: sp",
        "    clientId: " + SP_ID,
        "    clientSecret: " + CLIENT_SECRET,
        "  - name: cert-sp",
        "    clientId: " + CERT_SP_ID,
        "    certificatePem: |",
        certOnly.lines().map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElseThrow(),
        "  - name: no-access",
        "    clientId: " + NO_ACCESS_ID,
        "    clientSecret: no-access-secret",
        "managedIdentities:",
        "  - name: vm-system",
        "    clientId: " + VM_SYSTEM_ID,
        "    systemAssigned: true",
        "  - name: vm-user",
        "    clientId: " + VM_USER_ID,
        "  - name: pod-mi",
        "    clientId: " + POD_MI_ID,
        "    onVm: false",
        "podIdentities:",
        "  - namespace: team-a",
        "    pod: slow-pod",
        "    identity: pod-mi",
        "    activeAfterRequests: 3",
        "vaults:",
        "  - name: " + VAULT,
        "    tenant: " + TENANT,
        "    access:",
        "      - identity: sp",
        "        secrets: [get]",
        "        keys: [get]",
        "        certificates: [get]",
        "      - identity: cert-sp",
        "        secrets: [get]",
        "      - identity: vm-system",
        "        secrets: [get]",
        "      - identity: vm-user",
        "        secrets: [get]",
        "      - identity: pod-mi",
        "        secrets: [get]",
        "      - identity: no-access",
        "        keys: [get]",
        "    secrets:",
        "      - name: db-password",
        "        contentType: text/plain",
        "        value: " + SECRET_VALUE,
        "      - name: old-secret",
        "        value: disabled-value",
        "        enabled: false",
        "    keys:",
        "      - name: rsa-key",
        "        type: RSA",
        "        size: 2048",
        "      - name: off-key",
        "        type: RSA",
        "        enabled: false",
        "      - name: ec-key",
        "        type: EC",
        "        curve: P-384",
        "    certificates:",
        "      - name: web-tls",
        "        subject: CN=web.kvflex.test",
        "        keyType: RSA",
        "  - name: " + FOREIGN_VAULT,
        "    tenant: " + OTHER_TENANT,
        "    access:",
        "      - identity: sp",
        "        secrets: [get]",
        "    secrets:",
        "      - name: s",
        "        value: v",
        "");
  }

  /** A localvault of the vault tests and the cloud environment that reaches it. */
  record Seeded(LocalVault lv, CloudEnvironment cloud) {}

  /** Starts localvault in {@code dir} from {@code seed} (YAML). */
  static Seeded startSeeded(Path dir, String seed) throws IOException {
    Path seedFile = dir.resolve("seed.yaml");
    Files.writeString(seedFile, seed);
    LocalVault lv = LocalVault.start(LocalVaultConfig.fromSeedFile(seedFile));
    // Names resolve through src/test/resources/io/kvflex/vault/test.hosts (driver pom argLine).
    // The same path the driver takes: localvault's cloud environment file, read by io.kvflex.cloud.
    Path envFile = dir.resolve("cloud.json");
    lv.writeCloudEnvironment(envFile);
    return new Seeded(lv, CloudEnvironmentFile.load(envFile, 2579));
  }

  @BeforeAll
  static void start() throws IOException {
    Seeded seeded = startSeeded(dir, seed());
    lv = seeded.lv();
    cloud = seeded.cloud();
    // Load the SDK classes once, so deadline-sensitive tests measure requests, not class loading.
    client(sp(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (lv != null) {
      lv.close();
    }
  }

  static String resource(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String name) throws IOException {
    try (InputStream in =
        AzureVaultClientLocalVaultTest.class.getResourceAsStream("/io/kvflex/vault/" + name)) {
      return in.readAllBytes();
    }
  }

  static AzureVaultClient client(IdentityMode identity, Duration timeout) {
    return client(VAULT, TENANT, identity, timeout);
  }

  static AzureVaultClient client(
      String vault, String tenant, IdentityMode identity, Duration timeout) {
    return client(vault, tenant, identity, timeout, Duration.ofSeconds(5));
  }

  /**
   * A client whose read timeout is its whole deadline, for tests that count requests exactly: with
   * the 5 s read timeout, an answer delayed by a loaded machine is (rightly) asked again, and the
   * count then measures machine speed instead of the adapter's one-token-per-mount behaviour.
   */
  static AzureVaultClient patientClient(IdentityMode identity, Duration timeout) {
    return client(VAULT, TENANT, identity, timeout, timeout);
  }

  static AzureVaultClient client(
      String vault, String tenant, IdentityMode identity, Duration timeout, Duration readTimeout) {
    return VaultClients.create(
        vault,
        tenant,
        cloud,
        identity,
        Deadline.after(Clock.systemUTC(), timeout),
        new VaultClients.Tuning(
            new HttpSettings(
                Duration.ofSeconds(2), readTimeout, TrustedTls.sslContext(cloud.caCertificates())),
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
  }

  static IdentityMode sp() {
    return new IdentityMode.ServicePrincipalSecret(SP_ID, Sensitive.ofUtf8(CLIENT_SECRET));
  }

  static ObjectRef ref(ObjectType type, String name) {
    return new ObjectRef(type, name, Optional.empty());
  }

  /** Asserts the one-line failure and that nothing secret leaked into it. */
  static String failure(AzureVaultClient client, ObjectRef ref) {
    RemoteException e =
        (RemoteException)
            org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> client.fetch(ref), RemoteException.class);
    assertThat(e).as("expected a RemoteException").isNotNull();
    if (e.getCause() != null) {
      // Only the trail for the driver log: exception classes and the JDK's own network words.
      assertThat(e.getCause()).isInstanceOf(io.kvflex.errors.CauseTrail.class);
      assertNoSecrets(e.getCause().getMessage());
    }
    assertNoSecrets(e.getMessage());
    assertNoSecrets(e.toString());
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    return e.getMessage();
  }

  static void assertNoSecrets(String text) {
    assertThat(text)
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(SECRET_VALUE)
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("test-pfx-pw")
        .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}"); // a JWT (token)
  }

  @Test
  void servicePrincipalSecretFetchesEveryObjectType() throws Exception {
    AzureVaultClient client = client(sp(), Duration.ofSeconds(30));

    VaultObject.Secret secret =
        (VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password"));
    assertThat(secret.value().revealUtf8()).isEqualTo(SECRET_VALUE);
    assertThat(secret.contentType()).contains("text/plain");
    assertThat(secret.version()).matches("[0-9a-f]{32}");
    assertNoSecrets(secret.toString());

    VaultObject.Key rsa = (VaultObject.Key) client.fetch(ref(ObjectType.KEY, "rsa-key"));
    assertThat(rsa.jwk().kty()).isEqualTo("RSA");
    assertThat(rsa.jwk().n()).hasSizeBetween(256, 257);
    assertThat(rsa.jwk().e()).containsExactly(1, 0, 1);
    assertThat(rsa.jwk().kid()).contains("/keys/rsa-key/" + rsa.version());

    VaultObject.Key ec = (VaultObject.Key) client.fetch(ref(ObjectType.KEY, "ec-key"));
    assertThat(ec.jwk().kty()).isEqualTo("EC");
    assertThat(ec.jwk().crv()).isEqualTo("P-384");
    assertThat(ec.jwk().x()).hasSize(48);
    assertThat(ec.jwk().y()).hasSize(48);

    VaultObject.Certificate cert =
        (VaultObject.Certificate) client.fetch(ref(ObjectType.CERT, "web-tls"));
    X509Certificate x509 =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.der()));
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=web.kvflex.test");

    VaultObject.Secret pinned =
        (VaultObject.Secret)
            client.fetch(
                new ObjectRef(ObjectType.SECRET, "db-password", Optional.of(secret.version())));
    assertThat(pinned.value()).isEqualTo(secret.value());
    assertThat(client.tokenRequests()).isEqualTo(1);
    assertNoSecrets(client.toString());
  }

  @Test
  void parallelFetchesOfOneMountMakeOneTokenRequest() throws Exception {
    lv.resetRequestCounts();
    AzureVaultClient client = patientClient(sp(), Duration.ofSeconds(30));
    List<ObjectRef> refs =
        List.of(
            ref(ObjectType.SECRET, "db-password"),
            ref(ObjectType.KEY, "rsa-key"),
            ref(ObjectType.KEY, "ec-key"),
            ref(ObjectType.CERT, "web-tls"),
            ref(ObjectType.SECRET, "db-password"),
            ref(ObjectType.KEY, "rsa-key"),
            ref(ObjectType.CERT, "web-tls"),
            ref(ObjectType.KEY, "ec-key"));
    ExecutorService pool = Executors.newFixedThreadPool(refs.size());
    try {
      List<Future<VaultObject>> results = new ArrayList<>();
      for (ObjectRef r : refs) {
        results.add(pool.submit(() -> client.fetch(r)));
      }
      for (Future<VaultObject> f : results) {
        assertThat(f.get()).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(client.tokenRequests()).isEqualTo(1);
    assertThat(lv.requestCounts().count("token.clientCredentials")).isEqualTo(1);
  }

  @Test
  void wrongClientSecretIsOneClearMessageAndOneTokenRequest() {
    lv.resetRequestCounts();
    String wrong = "wrong-secret-SENTINEL-5b9d";
    AzureVaultClient client =
        patientClient(
            new IdentityMode.ServicePrincipalSecret(SP_ID, Sensitive.ofUtf8(wrong)),
            Duration.ofSeconds(30));
    String message = failure(client, ref(ObjectType.SECRET, "db-password"));
    assertThat(message)
        .startsWith(
            "cannot fetch secret/db-password (latest) from Key Vault '"
                + VAULT
                + "' as service principal "
                + SP_ID
                + " (client secret): Entra ID refused the token request")
        .contains("[HTTP 401]")
        .contains(CloudEndpoints.tokenEndpoint(cloud, TENANT))
        .contains("clientsecret")
        .doesNotContain(wrong);
    failure(client, ref(ObjectType.KEY, "rsa-key"));
    assertThat(lv.requestCounts().count("token.clientCredentials")).isEqualTo(1);
  }

  @Test
  void servicePrincipalCertificateFromPem() throws Exception {
    AzureVaultClient client =
        client(
            new IdentityMode.ServicePrincipalCertificate(
                CERT_SP_ID, Sensitive.of(bytes("sp.pem")), Optional.empty()),
            Duration.ofSeconds(30));
    assertThat(
            ((VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password")))
                .value()
                .revealUtf8())
        .isEqualTo(SECRET_VALUE);
  }

  @Test
  void servicePrincipalCertificateFromPkcs12WithAndWithoutPassword() throws Exception {
    for (var material :
        List.of(
            new IdentityMode.ServicePrincipalCertificate(
                CERT_SP_ID,
                Sensitive.of(bytes("sp-pw.p12")),
                Optional.of(Sensitive.ofUtf8("test-pfx-pw"))),
            new IdentityMode.ServicePrincipalCertificate(
                CERT_SP_ID, Sensitive.of(bytes("sp-nopw.p12")), Optional.empty()))) {
      AzureVaultClient client = client(material, Duration.ofSeconds(30));
      assertThat(
              ((VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password")))
                  .value()
                  .revealUtf8())
          .isEqualTo(SECRET_VALUE);
    }
  }

  @Test
  void vmManagedIdentitySystemAndUserAssigned() {
    lv.resetRequestCounts();
    for (IdentityMode mode :
        List.of(
            new IdentityMode.VmManagedIdentity(Optional.empty()),
            new IdentityMode.VmManagedIdentity(Optional.of(VM_USER_ID)))) {
      AzureVaultClient client = patientClient(mode, Duration.ofSeconds(30));
      assertThat(
              ((VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password")))
                  .value()
                  .revealUtf8())
          .isEqualTo(SECRET_VALUE);
    }
    assertThat(lv.requestCounts().count("imds.token", "vm-system")).isEqualTo(1);
    assertThat(lv.requestCounts().count("imds.token", "vm-user")).isEqualTo(1);
  }

  @Test
  void vmManagedIdentityNotOnTheVmIsA400Message() {
    String unknown = "77777777-7777-4777-8777-777777777777";
    String message =
        failure(
            client(
                new IdentityMode.VmManagedIdentity(Optional.of(unknown)), Duration.ofSeconds(30)),
            ref(ObjectType.SECRET, "db-password"));
    assertThat(message)
        .contains("as VM managed identity " + unknown + " (user-assigned)")
        .contains("IMDS: the requested identity is not assigned to this VM")
        .contains("[HTTP 400]")
        .contains(lv.imdsEndpoint() + "/metadata/identity/oauth2/token");
  }

  @Test
  void podIdentityWaitsForTheBindingThenMounts() {
    lv.resetRequestCounts();
    AzureVaultClient client =
        patientClient(
            new IdentityMode.PodIdentity("team-a", "slow-pod", 2579), Duration.ofSeconds(20));
    assertThat(
            ((VaultObject.Secret) client.fetch(ref(ObjectType.SECRET, "db-password")))
                .value()
                .revealUtf8())
        .isEqualTo(SECRET_VALUE);
    // This pod's requests only: an NMI request another test abandoned at its deadline may still
    // be answered (and counted) after the reset above.
    assertThat(
            lv.requestCounts()
                .count(
                    e -> e.operation().equals("nmi.token") && e.object().equals("team-a/slow-pod")))
        .isEqualTo(4); // 404 x3, then 200
  }

  @Test
  void podIdentityThatNeverGetsItsBindingFailsBeforeTheDeadline() {
    Duration timeout = Duration.ofSeconds(3);
    Instant start = Instant.now();
    AzureVaultClient client =
        client(new IdentityMode.PodIdentity("team-a", "unbound-pod", 2579), timeout);
    String message = failure(client, ref(ObjectType.SECRET, "db-password"));
    assertThat(Duration.between(start, Instant.now())).isLessThan(timeout);
    assertThat(message)
        .contains("as pod identity for pod team-a/unbound-pod")
        .contains("the pod identity binding is not assigned yet for pod team-a/unbound-pod")
        .contains("kubelet will retry")
        .contains(lv.nmiEndpoint() + "/host/token/");
  }

  @Test
  void forbiddenNamesTheMissingRole() {
    String message =
        failure(
            client(
                new IdentityMode.ServicePrincipalSecret(
                    NO_ACCESS_ID, Sensitive.ofUtf8("no-access-secret")),
                Duration.ofSeconds(30)),
            ref(ObjectType.SECRET, "db-password"));
    assertThat(message)
        .contains("[HTTP 403]")
        .contains("may not read secret db-password (secrets get)")
        .contains("Key Vault Secrets User")
        .contains(CloudEndpoints.vaultUrl(cloud, VAULT));
  }

  @Test
  void notFoundAndDisabled() {
    AzureVaultClient client = client(sp(), Duration.ofSeconds(30));
    assertThat(
            failure(
                client,
                new ObjectRef(
                    ObjectType.SECRET,
                    "db-password",
                    Optional.of("0123456789abcdef0123456789abcdef"))))
        .contains("[HTTP 404]")
        .contains(
            "secret db-password version 0123456789abcdef0123456789abcdef was not found in vault "
                + VAULT);
    assertThat(failure(client, ref(ObjectType.CERT, "no-such-cert")))
        .contains("[HTTP 404]")
        .contains("certificate no-such-cert was not found");
    assertThat(failure(client, ref(ObjectType.SECRET, "old-secret"))).contains("is disabled");
    assertThat(failure(client, ref(ObjectType.KEY, "off-key"))).contains("is disabled");
  }

  @Test
  void vaultOfAnotherTenantNamesBothTenants() {
    String message =
        failure(
            client(FOREIGN_VAULT, TENANT, sp(), Duration.ofSeconds(30)),
            ref(ObjectType.SECRET, "s"));
    assertThat(message)
        .contains(
            "the vault belongs to tenant " + OTHER_TENANT + " but option tenantid is " + TENANT);
  }

  @Test
  void throttlingStopsRetryingBeforeTheDeadline() {
    lv.setVaultFaults(VAULT, Optional.of(new FaultSpec(0, 0, 1000, 30, 0, 503, 0, 0)));
    try {
      Instant start = Instant.now();
      String message =
          failure(client(sp(), Duration.ofSeconds(10)), ref(ObjectType.SECRET, "db-password"));
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
      assertThat(message).contains("[HTTP 429]").contains("retrying would pass the mount deadline");
    } finally {
      lv.setVaultFaults(VAULT, Optional.empty());
    }
  }

  @Test
  void transientThrottlingIsRetriedWithinTheDeadline() {
    lv.setVaultFaults(VAULT, Optional.of(new FaultSpec(0, 0, 2, 1, 0, 503, 0, 0)));
    try {
      assertThat(client(sp(), Duration.ofSeconds(20)).fetch(ref(ObjectType.KEY, "rsa-key")))
          .isInstanceOf(VaultObject.Key.class);
    } finally {
      lv.setVaultFaults(VAULT, Optional.empty());
    }
  }

  @Test
  void aSlowVaultIsCutOffAtTheDeadlineNotAtTheReadTimeout() {
    // Read timeout 5 s (tuning above), deadline 2 s, vault answers after 8 s.
    lv.setVaultFaults(VAULT, Optional.of(new FaultSpec(8000, 0, 0, -1, 0, 503, 0, 0)));
    try {
      Duration timeout = Duration.ofSeconds(2);
      Instant start = Instant.now();
      AzureVaultClient client = client(sp(), timeout);
      String message = failure(client, ref(ObjectType.SECRET, "db-password"));
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
      assertThat(message).contains("no answer from").contains("raise the volume option timeout");
    } finally {
      lv.setVaultFaults(VAULT, Optional.empty());
    }
  }

  @Test
  void identitiesAndObjectsNeverPrintTheirSecrets() throws Exception {
    List<IdentityMode> modes =
        List.of(
            sp(),
            new IdentityMode.ServicePrincipalCertificate(
                CERT_SP_ID,
                Sensitive.of(bytes("sp.pem")),
                Optional.of(Sensitive.ofUtf8("test-pfx-pw"))));
    for (IdentityMode mode : modes) {
      assertNoSecrets(mode.toString());
      assertNoSecrets(mode.describe());
      assertNoSecrets(client(mode, Duration.ofSeconds(30)).toString());
    }
    VaultObject secret =
        client(sp(), Duration.ofSeconds(30)).fetch(ref(ObjectType.SECRET, "db-password"));
    assertNoSecrets(secret.toString());
  }

  @Test
  void unknownVaultHostIsADnsMessage() {
    String message =
        failure(
            client("kvflex-nowhere", TENANT, sp(), Duration.ofSeconds(10)),
            ref(ObjectType.SECRET, "s"));
    assertThat(message).contains("cannot be resolved (DNS)").contains("keyvaultname");
  }
}
