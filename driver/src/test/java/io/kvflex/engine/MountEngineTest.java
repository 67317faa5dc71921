package io.kvflex.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.BugException;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.flexvolume.Fixtures;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.Redactor;
import io.kvflex.options.KnownOptions;
import io.kvflex.options.MountRequest;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.PodEvidence;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.vault.VaultObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's own contract: parse with the injected world, and the two failure policies. */
class MountEngineTest {
  static final String POD_UID = "0c3b9a1e-5f7d-4a2b-9c8e-1d2f3a4b5c6d";
  static final Path MOUNT_DIR =
      Path.of("/var/lib/kubelet/pods/" + POD_UID + "/volumes/azure~kv/secrets");
  static final String SECRET_VALUE = "SENTINEL-fetched-value-91c2";

  final EventLog log = EventLog.discarding();

  MountEngine engine(PodEvidence evidence, VaultAccess vaults) {
    return MountEngine.create(new EngineWorld(Map.of(), Clock.systemUTC(), log, evidence), vaults);
  }

  static VaultAccess serving(Map<String, VaultObject> objects) {
    return (request, deadline) ->
        ref -> {
          VaultObject o = objects.get(ref.name());
          if (o == null) {
            throw new RemoteException("not found in vault kvflexvault (404); check the name");
          }
          return o;
        };
  }

  static VaultObject secret(String name, String value) {
    return new VaultObject.Secret(
        new VaultObjectSpec.ObjectRef(ObjectType.SECRET, name, Optional.empty()),
        "v1",
        Sensitive.ofUtf8(value),
        Optional.empty());
  }

  static String optionsJson() {
    return "{\"keyvaultname\":\"myvault\",\"keyvaultobjectnames\":\"db\",\"keyvaultobjecttypes\":\"secret\",\"tenantid\":"
        + "\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"kubernetes.io/secret/clientid\":\""
        + b64("11111111-2222-3333-4444-555555555555")
        + "\",\"kubernetes.io/secret/clientsecret\":\""
        + b64(Fixtures.CLIENT_SECRET)
        + "\",\"kubernetes.io/pod.name\":\"web-0\",\"kubernetes.io/pod.namespace\":\"shop\","
        + "\"kubernetes.io/pod.uid\":\""
        + POD_UID
        + "\",\"kubernetes.io/pvOrVolumeName\":\"secrets\"}";
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parseRegistersTheClientSecretWithTheRedactor() {
    MountEngine.ParsedMount parsed =
        engine(PodEvidence.NONE, serving(Map.of())).parse(optionsJson(), MOUNT_DIR);
    assertThat(parsed.request().vaultName()).isEqualTo("myvault");
    assertThat(log.redactor().redact("x " + Fixtures.CLIENT_SECRET))
        .isEqualTo("x " + Redactor.MASK);
  }

  @Test
  void parseConsultsTheInjectedPodEvidence() {
    PodEvidence elsewhere =
        (root, uid) ->
            List.of(new PodEvidence.Fact(KnownOptions.POD_NAMESPACE, "other", "/evidence/" + uid));
    assertThatThrownBy(() -> engine(elsewhere, serving(Map.of())).parse(optionsJson(), MOUNT_DIR))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the kubelet's own record /evidence/" + POD_UID)
        .hasMessageNotContaining(Fixtures.CLIENT_SECRET);
  }

  @Test
  void everyObjectIsTriedAndReportedInOptionOrder() {
    VaultObjectSpec notHex =
        new VaultObjectSpec(ObjectType.SECRET, "plain", Optional.empty(), "p", ObjectFormat.HEX);
    MountRequest request =
        Fixtures.request(
            List.of(Fixtures.secret("ok"), Fixtures.secret("missing"), notHex),
            Duration.ofSeconds(30));
    MountEngine engine =
        engine(
            PodEvidence.NONE,
            serving(Map.of("ok", secret("ok", SECRET_VALUE), "plain", secret("plain", "xyz"))));

    Projection projection =
        engine.project(request, Instant.now().plusSeconds(30), FailurePolicy.EVERY_OBJECT);

    assertThat(projection.complete()).isFalse();
    assertThat(projection.outcomes())
        .extracting(o -> o.spec().name())
        .containsExactly("ok", "missing", "plain");
    assertThat(projection.files())
        .singleElement()
        .extracting(f -> f.relativePath())
        .isEqualTo("ok");
    ObjectOutcome missing = projection.outcomes().get(1);
    assertThat(missing.version()).isEmpty();
    assertThat(missing.failure().orElseThrow())
        .isInstanceOf(RemoteException.class)
        .hasMessage(
            "secret/missing (latest): not found in vault kvflexvault (404); check the name");
    ObjectOutcome plain = projection.outcomes().get(2);
    assertThat(plain.version()).contains("v1");
    assertThat(plain.failure().orElseThrow())
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("secret/plain");
    assertThat(log.redactor().redact(SECRET_VALUE)).isEqualTo(Redactor.MASK);
  }

  @Test
  void underFirstFailureTheFirstFailureIsThrown() {
    MountRequest request =
        Fixtures.request(
            List.of(Fixtures.secret("ok"), Fixtures.secret("missing")), Duration.ofSeconds(30));
    MountEngine engine = engine(PodEvidence.NONE, serving(Map.of("ok", secret("ok", "v"))));
    assertThatThrownBy(
            () ->
                engine.project(request, Instant.now().plusSeconds(30), FailurePolicy.FIRST_FAILURE))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("secret/missing");
  }

  @Test
  void objectsStillPendingAtTheDeadlineTimeOutOneByOne() {
    MountRequest request =
        Fixtures.request(
            List.of(Fixtures.secret("slow"), Fixtures.secret("fast")), Duration.ofSeconds(2));
    VaultAccess hangingOnSlow =
        (req, deadline) ->
            ref -> {
              if (ref.name().equals("slow")) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("should have been abandoned");
              }
              return secret(ref.name(), "fast-value");
            };
    Projection projection =
        engine(PodEvidence.NONE, hangingOnSlow)
            .project(request, Instant.now().plusSeconds(2), FailurePolicy.EVERY_OBJECT);
    assertThat(projection.outcomes().get(0).failure().orElseThrow())
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("timed out after 2s waiting for secret/slow (latest)");
    assertThat(projection.outcomes().get(1).ok()).isTrue();
  }

  @Test
  void aProcessThatKeepsItsConnectionsFetchesMoreObjectsAtOnce() throws Exception {
    List<VaultObjectSpec> many = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      many.add(Fixtures.secret("s" + i));
    }
    MountRequest request = Fixtures.request(many, Duration.ofSeconds(30));
    for (int expected : new int[] {FetchPhase.MAX_PARALLEL, FetchPhase.MAX_PARALLEL_WARM}) {
      java.util.concurrent.atomic.AtomicInteger inFlight =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger most =
          new java.util.concurrent.atomic.AtomicInteger();
      // Every fetch waits until as many as the engine allows are in flight (or a while passed).
      java.util.concurrent.CountDownLatch full = new java.util.concurrent.CountDownLatch(expected);
      VaultAccess counting =
          (req, deadline) ->
              ref -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                full.countDown();
                try {
                  full.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return secret(ref.name(), "v");
              };
      EngineWorld world = new EngineWorld(Map.of(), Clock.systemUTC(), log, PodEvidence.NONE);
      MountEngine engine =
          expected == FetchPhase.MAX_PARALLEL
              ? MountEngine.create(world, counting)
              : new Engine(world, counting, FetchPhase.MAX_PARALLEL_WARM);
      engine.project(request, Instant.now().plusSeconds(30), FailurePolicy.FIRST_FAILURE);
      assertThat(most.get()).as("objects in flight at once").isEqualTo(expected);
    }
  }

  @Test
  void noClientMeansNoOutcomesWhateverThePolicy() {
    MountRequest request = Fixtures.request(List.of(Fixtures.secret("a")), Duration.ofSeconds(5));
    VaultAccess broken =
        (req, deadline) -> {
          throw new UserInputException("cloud environment file /x is not valid JSON");
        };
    for (FailurePolicy policy : FailurePolicy.values()) {
      assertThatThrownBy(
              () ->
                  engine(PodEvidence.NONE, broken)
                      .project(request, Instant.now().plusSeconds(5), policy))
          .isInstanceOf(UserInputException.class)
          .hasMessage("cloud environment file /x is not valid JSON");
    }
    VaultAccess crashing =
        (req, deadline) -> {
          throw new NullPointerException("deep");
        };
    assertThatThrownBy(
            () ->
                engine(PodEvidence.NONE, crashing)
                    .project(request, Instant.now().plusSeconds(5), FailurePolicy.EVERY_OBJECT))
        .isInstanceOf(BugException.class)
        .hasMessageNotContaining("deep");
  }
}
