package io.kvflex.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.flexvolume.log.EventRecorder;
import io.kvflex.options.MountRequest;
import io.kvflex.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Finding rotating volumes again from the mount table and their markers. */
class DiscoveryTest {
  static final String DIR = "/var/lib/kubelet/pods/uid-1/volumes/azure~kv/kv";
  static final String POD_IDENTITY_OPTIONS =
      "{\"keyvaultname\":\"kvvault\",\"keyvaultobjectnames\":\"db\",\"keyvaultobjecttypes\":\"secret\","
          + "\"tenantid\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"usepodidentity\":\"true\","
          + "\"rotationpollinterval\":\"30s\",\"kubernetes.io/pod.name\":\"web-0\","
          + "\"kubernetes.io/pod.namespace\":\"shop\",\"kubernetes.io/pod.uid\":\"uid-1\"}";

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final EventRecorder log = new EventRecorder();
  final List<MountedVolumes.Found> mounted = new CopyOnWriteArrayList<>();
  final List<String> parsed = new ArrayList<>();
  final RotationFixtures.FakeGuard guard = new RotationFixtures.FakeGuard();

  final RotationScheduler scheduler =
      new RotationScheduler(
          (v, k, a) -> new RefreshOutcome.Unchanged(Map.of()),
          clock,
          new PollTiming(new Random(3)),
          log,
          new RotationFixtures.SameThread());

  final Discovery discovery =
      new Discovery(
          () -> List.copyOf(mounted),
          (json, dir) -> {
            parsed.add(json);
            return MountRequest.parseJson(json, Optional.of(dir));
          },
          scheduler,
          guard,
          log);

  static List<String> marker(RotationRecord r) {
    List<String> lines =
        new ArrayList<>(List.of("kvflex volume v1", "fingerprint 00", "files 1 00"));
    lines.addAll(r.lines());
    return lines;
  }

  @Test
  void aPodIdentityVolumeIsParsedAgainAndPolled() {
    mounted.add(
        new MountedVolumes.Found(
            Path.of(DIR),
            marker(
                new RotationRecord(Duration.ofSeconds(30), "pod-identity", POD_IDENTITY_OPTIONS))));

    assertThat(discovery.scan()).isEqualTo(1);

    assertThat(scheduler.isPolled(Path.of(DIR))).isTrue();
    VolumeStatus s = scheduler.status().get(0);
    assertThat(s.origin()).isEqualTo("discovered");
    assertThat(s.identity()).isEqualTo("pod identity for pod shop/web-0");
    assertThat(discovery.scan()).as("polled already: not again").isZero();
    assertThat(parsed).hasSize(1);
  }

  @Test
  void aServicePrincipalVolumeIsNotResumedAndThatIsLoggedOnce() {
    mounted.add(
        new MountedVolumes.Found(
            Path.of(DIR),
            marker(new RotationRecord(Duration.ofSeconds(30), "service-principal", "{}"))));

    discovery.scan();
    discovery.scan();

    assertThat(scheduler.status()).isEmpty();
    assertThat(parsed).isEmpty();
    assertThat(discovery.dormant()).hasSize(1);
    assertThat(discovery.dormant().get(0).reason())
        .contains("credentials are not in this agent's memory")
        .contains("restart the pod");
    assertThat(log.named("rotation.not_resumed")).hasSize(1);

    // The kubelet mounts it again through the agent: its credentials come with the call.
    scheduler.add(
        new RotatingVolume(
            Path.of(DIR),
            RotationFixtures.request(
                "kvvault", Duration.ofSeconds(30), List.of(RotationFixtures.secret("db")))),
        Map.of(),
        false);
    assertThat(discovery.dormant()).as("polled again: no longer listed as not polled").isEmpty();
  }

  @Test
  void optionsThatNoLongerParseOrAVolumeThatIsNotTheMarkersAreNotPolled() {
    mounted.add(
        new MountedVolumes.Found(
            Path.of(DIR),
            marker(
                new RotationRecord(
                    Duration.ofSeconds(30),
                    "pod-identity",
                    POD_IDENTITY_OPTIONS.replace("kvvault", "-bad-")))));
    discovery.scan();
    assertThat(discovery.dormant().get(0).reason()).startsWith("its options no longer parse: ");

    mounted.clear();
    discovery.scan();
    assertThat(discovery.dormant()).as("unmounted meanwhile: forgotten").isEmpty();

    guard.gone = Optional.of("it was mounted for different volume options");
    mounted.add(
        new MountedVolumes.Found(
            Path.of(DIR),
            marker(
                new RotationRecord(Duration.ofSeconds(30), "pod-identity", POD_IDENTITY_OPTIONS))));
    discovery.scan();
    assertThat(scheduler.status()).isEmpty();
    assertThat(discovery.dormant().get(0).reason())
        .contains("not the one its marker describes: it was mounted for different volume options");
  }

  @Test
  void volumesWithoutARotationRecordAreLeftAlone() {
    mounted.add(new MountedVolumes.Found(Path.of(DIR), List.of("kvflex volume v1")));
    assertThat(discovery.scan()).isZero();
    assertThat(discovery.dormant()).isEmpty();
    assertThat(log.events()).isEmpty();
  }
}
