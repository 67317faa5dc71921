package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.render.FileProjection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle with real mounts, as root, where the kubelet directory and the run directory are
 * shared mounts (as {@code /var/lib/kubelet} and {@code /run} are on systemd nodes): under a shared
 * parent {@code mount --move} of the staging mount is refused, the bind used here is not; a plain
 * {@code tmpfs} (the legacy driver's) is adopted from the real mount table and unmounted, and ones
 * mounted after the adoption are refused.
 */
class VolumeLifecycleHostTest {
  static final String FP = "fedcba9876543210".repeat(4);

  @TempDir Path tmp;
  final SystemMounter mounter = SystemMounter.host();
  final List<Path> parents = new ArrayList<>();
  VolumeLifecycle lifecycle;
  RunDir runDir;
  Path target;

  @BeforeEach
  void sharedParents() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    for (String name : new String[] {"kubelet", "run-parent"}) {
      Path p = Files.createDirectory(tmp.resolve(name));
      mounter.mountTmpfs(p, "test-parent", 4L << 20);
      parents.add(0, p);
      run("mount", "--make-shared", p.toString());
    }
    runDir = new RunDir(tmp.resolve("run-parent/kvflex"));
    lifecycle =
        new VolumeLifecycle(
            mounter,
            new AtomicProjectionWriter(),
            runDir,
            new VolumeLocks(runDir, Clock.systemUTC()),
            CrashPoints.NONE,
            MountEvents.NONE);
    target = Files.createDirectories(tmp.resolve("kubelet/pods/u1/volumes/azure~kv/v"));
  }

  @AfterEach
  void release() throws Exception {
    for (Path p : new HostMountsUnder(tmp).deepestFirst()) {
      run("umount", "-l", p.toString());
    }
  }

  @Test
  void publishBindsACompleteTmpfsUnderASharedParentAndUnmountRemovesIt() throws Exception {
    List<FileProjection> files =
        List.of(
            new FileProjection("a", "A".getBytes(StandardCharsets.UTF_8), 0640, "a"),
            new FileProjection("d/b", "B".getBytes(StandardCharsets.UTF_8), 0640, "b"));
    try (VolumeLocks.Held held = lifecycle.lock("u1/v", Instant.now().plusSeconds(30), "v")) {
      assertThat(lifecycle.inspect(target))
          .isInstanceOf(VolumeLifecycle.TargetState.NotMounted.class);
      lifecycle.publish(held, target, files, 1L << 20, OptionalInt.empty(), FP);
      VolumeLifecycle.TargetState state = lifecycle.inspect(target);
      assertThat(state).isInstanceOf(VolumeLifecycle.TargetState.Ours.class);
      assertThat(lifecycle.completeness((VolumeLifecycle.TargetState.Ours) state, target, FP))
          .isEmpty();
      assertThat(Files.readString(target.resolve("d/b"))).isEqualTo("B");
      assertThat(mounter.stackAt(target).get(0).source()).isEqualTo("kvflex-fedcba9876543210");
      try (var staging = Files.list(runDir.staging())) {
        assertThat(staging).as("staging mounts are dropped after the bind").isEmpty();
      }
      lifecycle.unmountOurs(held, target);
    }
    assertThat(mounter.isMountPoint(target)).isFalse();
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void moveWouldBeRefusedHereWhichIsWhyTheLifecycleBinds() throws Exception {
    Path staging = Files.createDirectory(tmp.resolve("run-parent/st"));
    mounter.mountTmpfs(staging, "kvflex-0000000000000000", 1L << 20);
    Process move =
        new ProcessBuilder("mount", "--move", staging.toString(), target.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(move.waitFor()).as("mount --move under a shared parent").isNotZero();
    mounter.unmount(staging);
  }

  @Test
  void aLegacyTmpfsIsAdoptedAndUnmountedWhileOnesMountedAfterTheAdoptionAreRefused()
      throws Exception {
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target.toString());
    Files.writeString(target.resolve("db-password"), "legacy");
    Path later = Files.createDirectories(tmp.resolve("kubelet/pods/u2/volumes/azure~kv/v"));
    String real = target.toRealPath().toString();
    String laterReal = later.toRealPath().toString();

    LegacyAdoption.Result adopted =
        lifecycle.adoptLegacy(
            new MountTable(Path.of("/proc/self/mountinfo")),
            Instant.now(),
            Instant.now().plusSeconds(60));
    assertThat(adopted.adopted()).contains(real);
    assertThat(lifecycle.inspect(target)).isInstanceOf(VolumeLifecycle.TargetState.Adopted.class);

    // Mounted after the adoption: at another volume, and over the adopted one at the same dir.
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", later.toString());
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target.toString());
    try (VolumeLocks.Held held = lifecycle.lock("u2/v", Instant.now().plusSeconds(30), "v")) {
      assertThatThrownBy(() -> lifecycle.unmountOurs(held, later))
          .hasMessageContaining("not a kvflex volume (tmpfs from \"tmpfs\")");
    }
    assertThat(mounter.stackAt(later)).hasSize(1);
    try (VolumeLocks.Held held = lifecycle.lock("u1/v", Instant.now().plusSeconds(30), "v")) {
      assertThatThrownBy(() -> lifecycle.unmountOurs(held, target))
          .hasMessageContaining("this one was not adopted");
      assertThat(mounter.stackAt(target)).as("both layers left alone").hasSize(2);
      run("umount", target.toString()); // the one mounted after, by hand
      lifecycle.unmountOurs(held, target);
    }
    assertThat(mounter.isMountPoint(target)).isFalse();
    assertThat(target).isEmptyDirectory();
    assertThat(new AdoptedVolumes(runDir, CrashPoints.NONE, MountEvents.NONE).all())
        .as("the unmounted volume's record is deleted; the later mount never had one")
        .noneMatch(r -> r.mountPoint().equals(real))
        .noneMatch(r -> r.mountPoint().equals(laterReal));
  }

  static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
  }

  /** Mount points under a directory, deepest first (cleanup only). */
  record HostMountsUnder(Path dir) {
    List<Path> deepestFirst() throws Exception {
      List<Path> out = new ArrayList<>();
      for (MountTable.Entry e : new MountTable(Path.of("/proc/self/mountinfo")).entries()) {
        if (e.mountPoint().startsWith(dir.toRealPath() + "/")) {
          out.add(0, Path.of(e.mountPoint()));
        }
      }
      return out;
    }
  }
}
