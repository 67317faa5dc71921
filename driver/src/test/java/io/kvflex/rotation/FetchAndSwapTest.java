package io.kvflex.rotation;

import static io.kvflex.rotation.RotationFixtures.pinned;
import static io.kvflex.rotation.RotationFixtures.request;
import static io.kvflex.rotation.RotationFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.MountEngine;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.RemoteException;
import io.kvflex.flexvolume.log.EventRecorder;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.PodEvidence;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.render.FileProjection;
import io.kvflex.testsupport.ManualClock;
import io.kvflex.vault.VaultObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One volume's refresh against a scripted vault and a directory laid out as a mount writes it. */
class FetchAndSwapTest {
  @TempDir Path dir;

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final EventRecorder log = new EventRecorder();

  /** name → (version, value) the vault serves as the latest; pinned versions are "pinned-v". */
  final Map<String, String[]> latest = new ConcurrentHashMap<>();

  final List<ObjectRef> fetched = new CopyOnWriteArrayList<>();
  final RotationFixtures.FakeGuard guard = new RotationFixtures.FakeGuard();
  volatile RuntimeException vaultDown;

  final List<Map<String, String>> envs = new CopyOnWriteArrayList<>();

  FetchAndSwap refresher() {
    EngineWorld world = new EngineWorld(Map.of(), clock, log, PodEvidence.NONE);
    MountEngine engine =
        MountEngine.create(
            world,
            (request, deadline) ->
                ref -> {
                  fetched.add(ref);
                  if (vaultDown != null) {
                    throw vaultDown;
                  }
                  String[] v =
                      ref.version().isPresent()
                          ? new String[] {ref.version().get(), "pinned value"}
                          : latest.get(ref.name());
                  return new VaultObject.Secret(
                      ref, v[0], Sensitive.ofUtf8(v[1]), Optional.empty());
                });
    return new FetchAndSwap(
        (env, l) -> {
          envs.add(env);
          return engine;
        },
        guard,
        new AtomicProjectionWriter(),
        clock);
  }

  RotatingVolume mounted(List<VaultObjectSpec> objects, Map<String, String> files)
      throws Exception {
    new AtomicProjectionWriter()
        .write(
            dir,
            files.entrySet().stream()
                .map(
                    e ->
                        new FileProjection(
                            e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8), 0644, "t"))
                .toList(),
            OptionalInt.empty());
    return new RotatingVolume(dir, request("kvvault", Duration.ofSeconds(30), objects));
  }

  String payload() throws Exception {
    return Files.readSymbolicLink(dir.resolve("..data")).toString();
  }

  static final ObjectRef DB = new ObjectRef(ObjectType.SECRET, "db", Optional.empty());

  @Test
  void unchangedBytesLeaveTheVolumeUntouched() throws Exception {
    RotatingVolume v = mounted(List.of(secret("db")), Map.of("db", "pw-1"));
    String before = payload();
    latest.put("db", new String[] {"v1", "pw-1"});

    RefreshOutcome o = refresher().refresh(v, Map.of(DB, "v1"), () -> true);

    assertThat(o).isEqualTo(new RefreshOutcome.Unchanged(Map.of(DB, "v1")));
    assertThat(payload()).isEqualTo(before);
    assertThat(guard.locks).as("no lock taken when nothing changes").hasValue(0);
  }

  @Test
  void aNewVersionSwapsTheWholeSetAndReportsOldAndNew() throws Exception {
    RotatingVolume v =
        mounted(List.of(secret("db"), secret("api")), Map.of("db", "pw-1", "api", "key-1"));
    latest.put("db", new String[] {"v2", "pw-2"});
    latest.put("api", new String[] {"a1", "key-1"});

    RefreshOutcome o = refresher().refresh(v, Map.of(DB, "v1"), () -> true);

    assertThat(o).isInstanceOf(RefreshOutcome.Rotated.class);
    RefreshOutcome.Rotated r = (RefreshOutcome.Rotated) o;
    assertThat(r.changes())
        .containsExactly(new VersionChange(DB, Optional.of("v1"), "v2", List.of("db")));
    assertThat(r.files()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("pw-2");
    assertThat(Files.readString(dir.resolve("api"))).isEqualTo("key-1");
    assertThat(guard.locks).hasValue(1);
    assertThat(log.text()).doesNotContain("pw-2").doesNotContain("pw-1");
  }

  @Test
  void aPollRunsInTheEnvironmentOfTheCallThatMountedTheVolume() throws Exception {
    RotatingVolume plain = mounted(List.of(secret("db")), Map.of("db", "pw-1"));
    Map<String, String> proxied = Map.of("HTTPS_PROXY", "http://user:proxy-pw@proxy:3128");
    RotatingVolume v = new RotatingVolume(plain.dir(), plain.request(), proxied);
    latest.put("db", new String[] {"v1", "pw-1"});

    refresher().refresh(v, Map.of(DB, "v1"), () -> true);
    refresher().refresh(plain, Map.of(DB, "v1"), () -> true);

    assertThat(envs).containsExactly(proxied, Map.of());
    assertThat(v.toString()).doesNotContain("proxy-pw").contains(dir.toString());
  }

  @Test
  void pinnedObjectsAreNeverFetchedAndKeepTheirMountedFile() throws Exception {
    RotatingVolume v =
        mounted(
            List.of(secret("db"), pinned("license", "0b1a2f3e")),
            Map.of("db", "pw-1", "license", "the mounted license"));
    latest.put("db", new String[] {"v2", "pw-2"});

    refresher().refresh(v, Map.of(), () -> true);

    assertThat(fetched).containsExactly(DB);
    assertThat(Files.readString(dir.resolve("license"))).isEqualTo("the mounted license");
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("pw-2");
  }

  @Test
  void oneObjectInTwoFormatsRotatesBothFilesTogether() throws Exception {
    VaultObjectSpec raw = secret("db");
    VaultObjectSpec b64 =
        new VaultObjectSpec(
            ObjectType.SECRET, "db", Optional.empty(), "db.bin", ObjectFormat.BASE64);
    RotatingVolume v = mounted(List.of(raw, b64), Map.of("db", "YQ==", "db.bin", "a"));
    latest.put("db", new String[] {"v2", "Yg=="});

    RefreshOutcome.Rotated r =
        (RefreshOutcome.Rotated) refresher().refresh(v, Map.of(DB, "v1"), () -> true);

    assertThat(fetched).as("fetched once").hasSize(1);
    assertThat(r.changes()).hasSize(1);
    assertThat(r.changes().get(0).files()).containsExactly("db", "db.bin");
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("Yg==");
    assertThat(Files.readString(dir.resolve("db.bin"))).isEqualTo("b");
  }

  @Test
  void aFailedFetchKeepsTheFilesAndIsReported() throws Exception {
    RotatingVolume v = mounted(List.of(secret("db")), Map.of("db", "pw-1"));
    String before = payload();
    vaultDown = new RemoteException("cannot fetch secret/db (latest): vault unreachable");

    RefreshOutcome o = refresher().refresh(v, Map.of(), () -> true);

    assertThat(o).isInstanceOf(RefreshOutcome.Failed.class);
    assertThat(((RefreshOutcome.Failed) o).failure().getMessage()).contains("vault unreachable");
    assertThat(payload()).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("pw-1");
  }

  @Test
  void aVolumeThatIsGoneIsNeitherFetchedNorWritten() throws Exception {
    RotatingVolume v = mounted(List.of(secret("db")), Map.of("db", "pw-1"));
    guard.gone = Optional.of("not a mount point any more");

    RefreshOutcome o = refresher().refresh(v, Map.of(), () -> true);

    assertThat(o).isEqualTo(new RefreshOutcome.Gone("not a mount point any more"));
    assertThat(fetched).isEmpty();
  }

  @Test
  void aVolumeStoppedDuringThePollIsNotWritten() throws Exception {
    RotatingVolume v = mounted(List.of(secret("db")), Map.of("db", "pw-1"));
    latest.put("db", new String[] {"v2", "pw-2"});

    RefreshOutcome o = refresher().refresh(v, Map.of(), () -> false);

    assertThat(o).isInstanceOf(RefreshOutcome.Gone.class);
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("pw-1");
  }

  @Test
  void aMissingPinnedFileFailsWithoutWriting() throws Exception {
    RotatingVolume v =
        mounted(List.of(secret("db"), pinned("license", "0b1a2f3e")), Map.of("db", "pw-1"));
    latest.put("db", new String[] {"v2", "pw-2"});

    RefreshOutcome o = refresher().refresh(v, Map.of(), () -> true);

    assertThat(o).isInstanceOf(RefreshOutcome.Failed.class);
    assertThat(((RefreshOutcome.Failed) o).failure())
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("file license of pinned secret/license@0b1a2f3e is missing");
    assertThat(Files.readString(dir.resolve("db"))).isEqualTo("pw-1");
  }
}
