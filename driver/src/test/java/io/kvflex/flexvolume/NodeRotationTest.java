package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.mount.RunDir;
import io.kvflex.mount.VolumeLifecycle;
import io.kvflex.options.MountRequest;
import io.kvflex.rotation.AgentRotation;
import io.kvflex.rotation.VolumeRotation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation as the agent starts it over a node: its first scan finds the node's rotating volumes in
 * the mount table, and a service principal's is listed as not polled (its credentials are not in
 * this process). No poll is due in this test, so no engine is asked for.
 */
class NodeRotationTest {
  @TempDir Path tmp;

  @Test
  void theFirstScanFindsAServicePrincipalsRotatingVolumeAndSaysWhyItIsNotPolled() throws Exception {
    TestVolumes volumes = new TestVolumes(tmp);
    DriverTest.RecordingLog log = new DriverTest.RecordingLog();
    VolumeLifecycle lifecycle = volumes.lifecycle(log);
    MountRequest request = RotationWiringTest.rotating(List.of(Fixtures.secret("db")));
    FakeEngine engine = new FakeEngine(request, List.of());
    engine.log = log;
    Path dir = volumes.createdVolumeDir(Fixtures.POD_UID, "vol");
    new MountService(engine, lifecycle, log, Clock.systemUTC())
        .mount(dir, RotationWiringTest.OPTIONS);
    Path mountInfo = volumes.mounter.writeMountInfo(tmp.resolve("mountinfo"));

    try (AgentRotation rotation =
        NodeRotation.start(
            Map.of(RunDir.ENV, volumes.runDir.root().toString()),
            Clock.systemUTC(),
            log,
            volumes.mounter,
            (env, pollLog) -> {
              throw new AssertionError("no poll runs for a volume that is not resumed");
            },
            mountInfo,
            4242)) {
      long until = System.nanoTime() + 60_000_000_000L;
      while (!rotation.statusJson().contains("not polled") && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      String status = rotation.statusJson();
      assertThat(status)
          .contains("\"running\":true,\"pid\":4242")
          .contains("\"dir\":\"" + dir + "\"")
          .contains("\"state\":\"not polled\"")
          .contains("service-principal credentials are not in this agent's memory")
          .doesNotContain(Fixtures.CLIENT_SECRET);
      VolumeRotation view = rotation.forCall(Map.of("HTTPS_PROXY", "http://proxy:3128"));
      assertThat(view.statusJson()).isEqualTo(status);
    }
    assertThat(String.join("\n", log.lines)).contains("rotation.not_resumed");
  }
}
