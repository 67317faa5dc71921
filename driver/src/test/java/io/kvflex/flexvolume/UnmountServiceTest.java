package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.mount.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnmountServiceTest {
  static final String OURS = "kvflex-0123456789abcdef";

  @TempDir Path tmp;
  TestVolumes volumes;
  FakeMounter mounter;
  final DriverTest.RecordingLog log = new DriverTest.RecordingLog();

  @BeforeEach
  void host() {
    volumes = new TestVolumes(tmp);
    mounter = volumes.mounter;
  }

  void unmount(Path dir) {
    new UnmountService(volumes.lifecycle(log), log, Clock.systemUTC()).unmount(dir);
  }

  Path volume() {
    return volumes.createdVolumeDir(Fixtures.POD_UID, "vol");
  }

  @Test
  void unmountsAVolumeTheDriverMountedAndRemovesTheDirectory() throws Exception {
    Path dir = volume();
    new MountService(
            new FakeEngine(
                Fixtures.request(List.of(Fixtures.secret("a")), Duration.ofSeconds(5)), List.of()),
            volumes.lifecycle(log),
            log,
            Clock.systemUTC())
        .mount(dir, "{}");
    mounter.calls.clear();
    unmount(dir);
    assertThat(mounter.calls).containsExactly("umount " + tmp.relativize(dir));
    assertThat(dir).doesNotExist();
  }

  @Test
  void everyLayerOfOursIsUnmounted() {
    Path dir = volume();
    mounter.mountTmpfs(dir, OURS, 1024);
    mounter.mountTmpfs(dir, OURS, 1024);
    mounter.mountTmpfs(dir, OURS, 1024);
    unmount(dir);
    assertThat(mounter.mounted()).isEmpty();
    assertThat(dir).doesNotExist();
  }

  @Test
  void aForeignLayerStopsTheUnmountWithAFailureAndIsLeftAlone() {
    Path dir = volume();
    mounter.mountForeign(dir, "tmpfs", "tmpfs");
    mounter.mountTmpfs(dir, OURS, 1024);
    assertThatThrownBy(() -> unmount(dir))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("has a mount that is not a kvflex volume (tmpfs from \"tmpfs\")");
    assertThat(mounter.stackAt(dir))
        .singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo("tmpfs"));
    assertThat(dir).exists();
  }

  @Test
  void aForeignMountAloneIsNeverUnmounted() {
    Path dir = volume();
    mounter.mountForeign(dir, "ext4", "/dev/sdb1");
    assertThatThrownBy(() -> unmount(dir)).hasMessageContaining("ext4 from \"/dev/sdb1\"");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aRegularFileIsRefusedAndKept() throws Exception {
    Path file = volumes.volumeDir(Fixtures.POD_UID, "file");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "keep");
    assertThatThrownBy(() -> unmount(file))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("is not a directory");
    assertThat(file).hasContent("keep");
  }

  @Test
  void aSymlinkIsRefusedAndNeitherItNorItsTargetIsTouched() throws Exception {
    Path foreign = Files.createDirectory(tmp.resolve("foreign"));
    mounter.mountForeign(foreign, "tmpfs", "tmpfs");
    Path link = volumes.volumeDir(Fixtures.POD_UID, "link");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, foreign);
    assertThatThrownBy(() -> unmount(link)).hasMessageContaining(link + " is a symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(mounter.stackAt(foreign)).hasSize(1);
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aSymlinkHigherUpInThePodDirectoryIsRefused() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("elsewhere/azure~kv/vol"));
    Path volumes = this.volumes.volumeDir("other-pod", "vol").getParent().getParent();
    Files.createDirectories(volumes);
    Files.createSymbolicLink(volumes.resolve("azure~kv"), real.getParent());
    Path dir = volumes.resolve("azure~kv/vol");
    assertThatThrownBy(() -> unmount(dir)).hasMessageContaining("azure~kv is a symbolic link");
    assertThat(real).exists();
  }

  @Test
  void directoriesOutsideTheKubeletShapeAreRefused() throws Exception {
    Path bind = Files.createDirectory(tmp.resolve("some-bind-mount"));
    mounter.mountForeign(bind, "ext4", "/dev/sda1");
    assertThatThrownBy(() -> unmount(bind))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("unmount refused")
        .hasMessageContaining("not a kubelet volume directory");
    assertThatThrownBy(() -> unmount(Path.of("relative/pods/u/volumes/azure~kv/v")))
        .isInstanceOf(UserInputException.class);
    assertThatThrownBy(
            () -> unmount(Path.of("/var/lib/kubelet/pods/u/volumes/azure~kv/v/../../x/azure~kv/v")))
        .isInstanceOf(UserInputException.class);
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void aDirectoryWithFilesIsKept() throws Exception {
    Path dir = volume();
    Files.writeString(dir.resolve("keep"), "x");
    unmount(dir);
    assertThat(dir.resolve("keep")).exists();
    assertThat(log.lines).anyMatch(l -> l.startsWith("WARN unmount.dir_kept"));
  }

  @Test
  void aMissingDirectoryIsASuccess() {
    unmount(volumes.volumeDir(Fixtures.POD_UID, "gone"));
    assertThat(log.lines).anyMatch(l -> l.contains("unmount.skipped") && l.contains("no such"));
  }

  @Test
  void aLegacyVolumeAdoptedBeforeTheUpgradeIsUnmountedAndItsRecordDeleted() throws Exception {
    Path dir = volume();
    mounter.mountLegacy(dir, "0:57");
    Files.writeString(dir.resolve("db-password"), "legacy");
    assertThatThrownBy(() -> unmount(dir)).hasMessageContaining("this one was not adopted");

    assertThat(volumes.adopt(volumes.lifecycle(log)).adopted()).containsExactly(dir.toString());
    assertThat(volumes.adoptionRecords()).isEqualTo(1);
    mounter.calls.clear();
    unmount(dir);
    assertThat(mounter.calls).containsExactly("umount " + tmp.relativize(dir));
    assertThat(dir).doesNotExist();
    assertThat(volumes.adoptionRecords()).isZero();
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("INFO unmount.adopted") && l.contains("device 0:57"))
        .anyMatch(l -> l.startsWith("INFO unmount.done") && l.contains("unmounted true"));
  }

  @Test
  void aLegacyStyleTmpfsMountedAfterTheAdoptionIsRefusedEvenAtTheSameDirectory() {
    Path adopted = volume();
    mounter.mountLegacy(adopted, "0:57");
    Path later = volumes.createdVolumeDir(Fixtures.POD_UID, "later");
    volumes.adopt(volumes.lifecycle(log));
    mounter.mountLegacy(later, "0:58");
    // Over the adopted one, at the same directory: another mount ID, never adopted.
    mounter.mountLegacy(adopted, "0:59");
    mounter.calls.clear();

    assertThatThrownBy(() -> unmount(later))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("not a kvflex volume (tmpfs from \"tmpfs\")")
        .hasMessageContaining("this one was not adopted");
    assertThatThrownBy(() -> unmount(adopted)).hasMessageContaining("this one was not adopted");
    assertThat(mounter.calls).as("nothing unmounted").isEmpty();
    assertThat(mounter.stackAt(adopted)).hasSize(2);
    assertThat(volumes.adoptionRecords()).as("the adopted layer keeps its record").isEqualTo(1);
  }

  @Test
  void aRecordOfAnotherDeviceOrMountIdDoesNotAdopt() throws Exception {
    Path dir = volume();
    MountTable.Entry legacy = mounter.mountLegacy(dir, "0:57");
    volumes.adopt(volumes.lifecycle(log));
    // The same directory with the adopted mount gone and another in its place.
    mounter.layers.put(
        dir,
        new java.util.ArrayList<>(
            List.of(
                new MountTable.Entry(
                    legacy.id(), 1, "0:58", "/", dir.toString(), "tmpfs", "tmpfs"))));
    assertThatThrownBy(() -> unmount(dir)).hasMessageContaining("this one was not adopted");
    mounter.layers.put(
        dir,
        new java.util.ArrayList<>(
            List.of(
                new MountTable.Entry(
                    legacy.id() + 1000, 1, "0:57", "/", dir.toString(), "tmpfs", "tmpfs"))));
    assertThatThrownBy(() -> unmount(dir)).hasMessageContaining("this one was not adopted");
    assertThat(mounter.calls).isEmpty();
  }

  @Test
  void everyLayerOursAndAdoptedIsUnmountedTopFirst() {
    Path dir = volume();
    mounter.mountLegacy(dir, "0:57");
    mounter.mountLegacy(dir, "0:58");
    volumes.adopt(volumes.lifecycle(log));
    mounter.mountTmpfs(dir, OURS, 1024);
    unmount(dir);
    assertThat(mounter.mounted()).isEmpty();
    assertThat(volumes.adoptionRecords()).isZero();
    assertThat(log.lines.stream().filter(l -> l.startsWith("INFO unmount.adopted"))).hasSize(2);
  }

  @Test
  void aRecordWhoseMountIsGoneIsPrunedByTheVolumesNextUnmount() {
    Path dir = volume();
    mounter.mountLegacy(dir, "0:57");
    volumes.adopt(volumes.lifecycle(log));
    mounter.unmount(dir); // by hand, or the driver killed after the umount
    unmount(dir);
    assertThat(volumes.adoptionRecords()).isZero();
    assertThat(log.lines).anyMatch(l -> l.startsWith("INFO adoption.pruned"));
  }
}
