package io.kvflex.rotation;

import static io.kvflex.rotation.RotationFixtures.request;
import static io.kvflex.rotation.RotationFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.flexvolume.log.EventRecorder;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.options.MountRequest;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the agent's verbs tell rotation, and what status shows; polling itself is the scheduler's.
 */
class AgentRotationTest {
  static final Path DIR = Path.of("/var/lib/kubelet/pods/uid-1/volumes/azure~kv/kv");
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final EventRecorder log = new EventRecorder();

  AgentRotation start() {
    return AgentRotation.start(
        new AgentRotation.Wiring(
            clock,
            log,
            (env, l) -> {
              throw new AssertionError("no poll is due while the clock stands still");
            },
            (json, dir) -> MountRequest.parseJson(json, Optional.of(dir)),
            new RotationFixtures.FakeGuard(),
            MountedVolumes.NONE,
            new AtomicProjectionWriter(),
            2,
            Duration.ofMinutes(1),
            4242));
  }

  @Test
  void aRotatingMountIsPolledUntilItsUnmount() {
    try (AgentRotation rotation = start()) {
      ObjectRef db = new ObjectRef(ObjectType.SECRET, "db", Optional.empty());
      rotation.mounted(
          DIR,
          request("kvvault", Duration.ofMinutes(5), List.of(secret("db"))),
          Map.of(db, "v7"),
          true);

      String status = rotation.statusJson();
      assertThat(status)
          .contains("\"running\":true,\"pid\":4242")
          .contains("\"dir\":\"" + DIR + "\"")
          .contains("\"origin\":\"mount\"")
          .contains("\"version\":\"v7\"")
          .contains("\"nextRefresh\":\"2026-03-01T10:0")
          .doesNotContain(RotationFixtures.CLIENT_SECRET);

      rotation.mounted(
          DIR, request("kvvault", Duration.ofMinutes(9), List.of(secret("db"))), Map.of(), false);
      assertThat(rotation.statusJson())
          .as("a mount call that finds the volume complete keeps its schedule")
          .contains("\"intervalSeconds\":300");

      rotation.unmounting(DIR);
      assertThat(rotation.statusJson()).contains("\"volumes\":[]");
      assertThat(log.named("rotation.stopped").get(0).field("reason")).isEqualTo("unmount");
    }
  }

  @Test
  void aMountWithoutRotationIsNotPolled() {
    try (AgentRotation rotation = start()) {
      MountRequest once =
          request("kvvault", Duration.ofMinutes(5), List.of(secret("db")))
              .withObjects(List.of(RotationFixtures.pinned("db", "p1")));
      rotation.mounted(DIR, once, Map.of(), true);
      assertThat(rotation.statusJson()).contains("\"volumes\":[]");
    }
  }
}
