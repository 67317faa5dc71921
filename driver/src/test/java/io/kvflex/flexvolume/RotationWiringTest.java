package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.mount.MountTable;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.mount.VolumeLocks;
import io.kvflex.mount.VolumeMarker;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.rotation.RotatingVolume;
import io.kvflex.rotation.RotationRecord;
import io.kvflex.rotation.VolumeGuard;
import io.kvflex.rotation.VolumeRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What mount and unmount tell rotation, and rotation's view of the lifecycle (no root needed). */
class RotationWiringTest {
  static final String OPTIONS =
      "{\"keyvaultname\":\"kvflexvault\",\"rotationpollinterval\":\"30s\","
          + "\"kubernetes.io/secret/clientsecret\":\"U0VOVElORUw=\"}";

  @TempDir Path tmp;
  TestVolumes volumes;
  VolumeLifecycle lifecycle;
  VolumeLocks locks;
  final DriverTest.RecordingLog log = new DriverTest.RecordingLog();
  final List<String> told = new CopyOnWriteArrayList<>();
  final Clock clock = Clock.systemUTC();

  final VolumeRotation recording =
      new VolumeRotation() {
        @Override
        public void mounted(
            Path dir, MountRequest request, Map<ObjectRef, String> versions, boolean fresh) {
          told.add("mounted " + dir.getFileName() + " " + versions + " fresh=" + fresh);
        }

        @Override
        public void unmounting(Path dir) {
          // The unmount must not hold the volume's lock yet: a poll in flight may need it.
          try (var held =
              locks.acquire(
                  Fixtures.POD_UID + "/" + dir.getFileName(), clock.instant(), dir.toString())) {
            told.add("unmounting " + dir.getFileName() + " (lock free)");
          }
        }

        @Override
        public String statusJson() {
          return "{}";
        }
      };

  @BeforeEach
  void host() {
    volumes = new TestVolumes(tmp);
    lifecycle = volumes.lifecycle(log);
    locks = new VolumeLocks(volumes.runDir, clock);
  }

  static MountRequest rotating(List<VaultObjectSpec> objects) {
    MountRequest r = Fixtures.request(objects, Duration.ofSeconds(20));
    return new MountRequest(
        r.vaultName(),
        r.tenantId(),
        r.cloud(),
        r.identity(),
        r.objects(),
        r.fileMode(),
        r.fsGroup(),
        r.tmpfsSizeBytes(),
        r.timeout(),
        Optional.of(Duration.ofSeconds(30)),
        r.pod(),
        r.subscriptionId(),
        r.resourceGroup());
  }

  Path mount(MountRequest request) {
    FakeEngine engine = new FakeEngine(request, List.of());
    engine.log = log;
    Path dir = volumes.createdVolumeDir(Fixtures.POD_UID, "vol");
    new MountService(engine, lifecycle, recording, log, clock).mount(dir, OPTIONS);
    return dir;
  }

  @Test
  void aRotatingMountIsToldWithItsVersionsAndItsMarkerLetsItBeFoundAgain() {
    Path dir = mount(rotating(List.of(Fixtures.secret("db"))));

    assertThat(told).hasSize(1);
    assertThat(told.get(0))
        .startsWith("mounted vol {")
        .contains("name=db")
        .endsWith("=v1} fresh=true");
    List<String> marker = VolumeMarker.lines(dir);
    RotationRecord record = RotationRecord.find(marker).orElseThrow();
    assertThat(record.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(record.identity()).isEqualTo("service-principal");
    assertThat(record.storedOptions())
        .contains("rotationpollinterval")
        .doesNotContain("clientsecret")
        .doesNotContain("U0VOVElORUw=");
    assertThat(String.join("\n", marker)).doesNotContain(Fixtures.CLIENT_SECRET);
  }

  @Test
  void aMountCallThatFindsTheVolumeCompleteSaysSo() {
    MountRequest request = rotating(List.of(Fixtures.secret("db")));
    mount(request);
    mount(request);
    assertThat(told).hasSize(2);
    assertThat(told.get(1)).isEqualTo("mounted vol {} fresh=false");
  }

  @Test
  void aVolumeWithoutRotationHasNoRecord() {
    Path dir = mount(Fixtures.request(List.of(Fixtures.secret("db")), Duration.ofSeconds(20)));
    assertThat(RotationRecord.find(VolumeMarker.lines(dir))).isEmpty();
  }

  @Test
  void statusIsAnOperatorsVerbThatAnswersRotationsJson() {
    FakeEngine engine = new FakeEngine(rotating(List.of(Fixtures.secret("db"))), List.of());
    DriverWorld world =
        new DriverWorld(java.util.Map.of(), clock, log, lifecycle, () -> engine, recording);
    DriverStatus status = Driver.run(new String[] {"status"}, world);
    assertThat(status.toJson()).isEqualTo("{}");
    assertThat(status.exitCode()).isZero();
  }

  @Test
  void unmountStopsPollingBeforeItTakesTheLock() {
    Path dir = mount(rotating(List.of(Fixtures.secret("db"))));
    new UnmountService(lifecycle, recording, log, clock).unmount(dir);
    assertThat(told).contains("unmounting vol (lock free)");
  }

  @Test
  void theGuardKnowsTheVolumeUntilItIsUnmountedOrMountedForOtherOptions() {
    MountRequest request = rotating(List.of(Fixtures.secret("db")));
    Path dir = mount(request);
    LifecycleGuard guard = new LifecycleGuard(lifecycle, locks);

    assertThat(guard.whyGone(new RotatingVolume(dir, request))).isEmpty();
    assertThat(
            guard.whyGone(
                new RotatingVolume(
                    dir, rotating(List.of(Fixtures.secret("db"), Fixtures.secret("x"))))))
        .hasValueSatisfying(w -> assertThat(w).contains("not the one polled"));

    new UnmountService(lifecycle, log, clock).unmount(dir);
    Path again = volumes.createdVolumeDir(Fixtures.POD_UID, "vol");
    assertThat(guard.whyGone(new RotatingVolume(again, request)))
        .hasValue("it is not mounted any more");
  }

  @Test
  void theGuardsLockIsTheOneMountAndUnmountTake() throws Exception {
    MountRequest request = rotating(List.of(Fixtures.secret("db")));
    Path dir = mount(request);
    LifecycleGuard guard = new LifecycleGuard(lifecycle, locks);
    try (VolumeGuard.Held held = guard.lock(new RotatingVolume(dir, request), clock.instant())) {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () ->
                      lifecycle
                          .lock(Fixtures.POD_UID + "/vol", clock.instant().plusMillis(50), "x")
                          .close()))
          .as("an unmount would wait for the poll's swap")
          .hasMessageContaining("another mount or unmount of x is still running");
    }
  }

  @Test
  void markedVolumesAreTheDriversTmpfsMountsAtKubeletVolumeDirs() throws Exception {
    Path info = tmp.resolve("mountinfo");
    Path dir = mount(rotating(List.of(Fixtures.secret("db"))));
    Files.writeString(
        info,
        String.join(
            "\n",
            "20 1 0:19 / /run rw - tmpfs tmpfs rw",
            "30 20 0:40 / " + dir + " rw - tmpfs kvflex-0123456789abcdef rw",
            "31 20 0:41 / /run/kvflex/staging/abc.1 rw - tmpfs kvflex-0123456789abcdef rw",
            "32 20 0:42 / "
                + tmp.resolve("kubelet/pods/u2/volumes/azure~kv/other")
                + " rw - tmpfs tmpfs rw",
            ""));
    List<io.kvflex.rotation.MountedVolumes.Found> found =
        new MarkedVolumes(new MountTable(info)).list();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).dir()).isEqualTo(dir);
    assertThat(RotationRecord.find(found.get(0).markerLines())).isPresent();
  }
}
