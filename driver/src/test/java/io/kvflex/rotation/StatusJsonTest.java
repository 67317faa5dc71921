package io.kvflex.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  @Test
  void rendersTheAgentTotalsPolledAndUnpolledVolumes() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    VolumeStatus polled =
        new VolumeStatus(
            Path.of("/var/lib/kubelet/pods/uid-1/volumes/azure~kv/kv"),
            "shop/web-0",
            "kvvault",
            "pod identity for pod shop/web-0",
            Duration.ofSeconds(30),
            "mount",
            "failing",
            Optional.of(t),
            "failed",
            Optional.empty(),
            Optional.of(t.plusSeconds(31)),
            4,
            1,
            2,
            2,
            Optional.of("cannot fetch secret/db (latest): HTTP 503"),
            List.of(
                new VolumeStatus.ObjectStatus("secret/db (latest)", Optional.of("v2"), false),
                new VolumeStatus.ObjectStatus("secret/lic@p1", Optional.of("p1"), true)));
    Discovery.Dormant sp =
        new Discovery.Dormant(
            Path.of("/var/lib/kubelet/pods/uid-2/volumes/azure~kv/kv"),
            new RotationRecord(Duration.ofMinutes(2), "service-principal", "{}"),
            "credentials lost");
    RotationTotals totals = new RotationTotals();
    totals.polls.set(4);
    totals.rotations.set(1);
    totals.failures.set(2);

    String json =
        StatusJson.render(
            new StatusJson.Agent(true, Optional.of(42L), Optional.of(t.minusSeconds(600))),
            totals,
            List.of(polled),
            List.of(sp));

    assertThat(json)
        .isEqualTo(
            "{\"status\":\"Success\",\"agent\":{\"running\":true,\"pid\":42,\"started\":\"2026-03-01T09:50:00Z\"},"
                + "\"totals\":{\"volumes\":1,\"notPolled\":1,\"refreshes\":4,\"rotations\":1,"
                + "\"failures\":2,\"throttled\":0},"
                + "\"volumes\":[{\"dir\":\"/var/lib/kubelet/pods/uid-1/volumes/azure~kv/kv\","
                + "\"pod\":\"shop/web-0\",\"vault\":\"kvvault\","
                + "\"identity\":\"pod identity for pod shop/web-0\",\"intervalSeconds\":30,"
                + "\"origin\":\"mount\",\"state\":\"failing\","
                + "\"lastRefresh\":\"2026-03-01T10:00:00Z\",\"lastResult\":\"failed\","
                + "\"lastRotation\":null,\"nextRefresh\":\"2026-03-01T10:00:31Z\","
                + "\"refreshes\":4,\"rotations\":1,\"failures\":2,\"consecutiveFailures\":2,"
                + "\"lastError\":\"cannot fetch secret/db (latest): HTTP 503\","
                + "\"objects\":[{\"object\":\"secret/db (latest)\",\"version\":\"v2\",\"pinned\":false},"
                + "{\"object\":\"secret/lic@p1\",\"version\":\"p1\",\"pinned\":true}]},"
                + "{\"dir\":\"/var/lib/kubelet/pods/uid-2/volumes/azure~kv/kv\","
                + "\"identity\":\"service-principal\",\"intervalSeconds\":120,"
                + "\"state\":\"not polled\",\"reason\":\"credentials lost\"}]}");
  }

  @Test
  void withoutAnAgentTheRotatingVolumesAreListedAsNotPolled() {
    MountedVolumes mounts =
        () ->
            List.of(
                new MountedVolumes.Found(
                    Path.of("/k/pods/u/volumes/azure~kv/a"),
                    new RotationRecord(Duration.ofSeconds(30), "pod-identity", "{}").lines()),
                new MountedVolumes.Found(Path.of("/k/pods/u/volumes/azure~kv/b"), List.of()));
    String json = VolumeRotation.withoutAgent(mounts).statusJson();
    assertThat(json)
        .contains("\"running\":false")
        .contains("\"notPolled\":1")
        .contains("\"dir\":\"/k/pods/u/volumes/azure~kv/a\"")
        .contains("no node agent answered")
        .doesNotContain("azure~kv/b");
  }

  @Test
  void withoutAnAgentNothingIsPolled() {
    assertThat(VolumeRotation.NONE.statusJson())
        .startsWith("{\"status\":\"Success\",\"agent\":{\"running\":false,\"started\":null}")
        .contains("\"volumes\":[]");
  }
}
