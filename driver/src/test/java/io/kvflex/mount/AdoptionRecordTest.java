package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.options.KubeletVolumePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The adoption record: what qualifies, the file format, and the exact match at unmount. */
class AdoptionRecordTest {
  static final String DIR = "/var/lib/kubelet/pods/9f1c-uid/volumes/azure~kv/secrets";
  static final Instant AT = Instant.parse("2026-11-28T18:20:01.123Z");

  static MountTable.Entry legacy(int id, String device, String mountPoint) {
    return new MountTable.Entry(id, 22, device, "/", mountPoint, "tmpfs", "tmpfs");
  }

  static KubeletVolumePath volume(String dir) {
    return KubeletVolumePath.parse(Path.of(dir)).orElseThrow();
  }

  @Test
  void onlyATmpfsNamedTmpfsMountedFromItsRootAtAKubeletVolumeDirQualifies() {
    assertThat(AdoptionRecord.qualifies(legacy(40, "0:57", DIR))).hasValue(volume(DIR));
    assertThat(
            AdoptionRecord.qualifies(
                new MountTable.Entry(40, 22, "0:57", "/", DIR, "tmpfs", "kvflex-0123456789abcdef")))
        .as("this driver's own volume")
        .isEmpty();
    assertThat(
            AdoptionRecord.qualifies(
                new MountTable.Entry(40, 22, "0:57", "/", DIR, "tmpfs", "none")))
        .as("a tmpfs someone else named")
        .isEmpty();
    assertThat(
            AdoptionRecord.qualifies(
                new MountTable.Entry(40, 22, "8:1", "/", DIR, "ext4", "tmpfs")))
        .as("another file system")
        .isEmpty();
    assertThat(
            AdoptionRecord.qualifies(
                new MountTable.Entry(40, 22, "0:57", "/sub", DIR, "tmpfs", "tmpfs")))
        .as("a bind of part of a tmpfs")
        .isEmpty();
    assertThat(AdoptionRecord.qualifies(legacy(40, "0:57", "/var/lib/kubelet/pods/u/volumes/x/v")))
        .as("another plugin's directory")
        .isEmpty();
    assertThat(AdoptionRecord.qualifies(legacy(40, "0:57", "/dev/shm"))).isEmpty();
  }

  @Test
  void theTextRoundTripsEscapingWhatTheMountTableEscapes() {
    String odd = "/k root/pods/u\\1/volumes/azure~kv/tab\there";
    AdoptionRecord r = AdoptionRecord.of(legacy(1234, "0:57", odd), AT);
    assertThat(r.podUid()).isEqualTo("u\\1");
    assertThat(r.volumeName()).isEqualTo("tab\there");
    String text = r.text();
    assertThat(text)
        .isEqualTo(
            "kvflex adoption v1\n"
                + "mount-id 1234\n"
                + "device 0:57\n"
                + "mount-point /k\\040root/pods/u\\1341/volumes/azure~kv/tab\\011here\n"
                + "pod-uid u\\1341\n"
                + "volume tab\\011here\n"
                + "source tmpfs\n"
                + "adopted-at 2026-11-28T18:20:01.123Z\n");
    assertThat(AdoptionRecord.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
  }

  @Test
  void anIncompleteOrTamperedFileIsNoRecord() {
    String good = AdoptionRecord.of(legacy(7, "0:57", DIR), AT).text();
    assertThatThrownBy(() -> parse(good.substring(0, good.length() - 1)))
        .hasMessageContaining("incomplete");
    assertThatThrownBy(() -> parse(good.substring(0, good.indexOf("source"))))
        .hasMessageContaining("not a kvflex adoption record");
    assertThatThrownBy(() -> parse(good.replace("kvflex adoption v1", "kvflex adoption v2")))
        .hasMessageContaining("not a kvflex adoption record");
    assertThatThrownBy(() -> parse(good + "extra 1\n"))
        .hasMessageContaining("not a kvflex adoption record");
    assertThatThrownBy(() -> parse(good.replace("mount-id 7", "mount-id x")))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> parse(good.replace("mount-id 7", "mount-id 0")))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> parse(good.replace("device 0:57", "device ../x")))
        .hasMessageContaining("major:minor");
    assertThatThrownBy(() -> parse(good.replace("pod-uid 9f1c-uid", "pod-uid other")))
        .hasMessageContaining("differ from those of the mount point");
    assertThatThrownBy(() -> parse(good.replace("azure~kv", "azure~other")))
        .hasMessageContaining("not a kubelet volume directory");
    assertThatThrownBy(() -> parse(good.replace("source tmpfs", "source")))
        .hasMessageContaining("line 7");
  }

  @Test
  void matchesOnlyTheSameMountIdDeviceMountPointAndSource() {
    AdoptionRecord r = AdoptionRecord.of(legacy(40, "0:57", DIR), AT);
    KubeletVolumePath v = volume(DIR);
    assertThat(r.matches(legacy(40, "0:57", DIR), v)).isTrue();
    assertThat(r.matches(legacy(41, "0:57", DIR), v)).as("another mount ID").isFalse();
    assertThat(r.matches(legacy(40, "0:58", DIR), v)).as("another device").isFalse();
    String other = "/var/lib/kubelet/pods/9f1c-uid/volumes/azure~kv/other";
    assertThat(r.matches(legacy(40, "0:57", other), v)).as("another mount point").isFalse();
    assertThat(r.matches(legacy(40, "0:57", DIR), volume(other))).as("another volume").isFalse();
    assertThat(r.matches(new MountTable.Entry(40, 22, "0:57", "/", DIR, "tmpfs", "kvflex-x"), v))
        .as("another source")
        .isFalse();
    assertThat(r.matches(new MountTable.Entry(40, 22, "0:57", "/a", DIR, "tmpfs", "tmpfs"), v))
        .as("another root")
        .isFalse();
    assertThat(r.matches(new MountTable.Entry(40, 9, "0:57", "/", DIR, "tmpfs", "tmpfs"), v))
        .as("the parent mount is not part of the identity")
        .isTrue();
  }

  @Test
  void theFileNameIsTheVolumesHashThenTheMountIdAndDevice() {
    AdoptionRecord r = AdoptionRecord.of(legacy(40, "0:57", DIR), AT);
    assertThat(r.fileName()).matches("[0-9a-f]{16}\\.40\\.0-57\\.adopted");
    assertThat(r.fileName()).startsWith(AdoptionRecord.filePrefix("9f1c-uid/secrets"));
    assertThat(AdoptionRecord.of(legacy(40, "0:57", DIR.replace("secrets", "s2")), AT).fileName())
        .isNotEqualTo(r.fileName());
  }

  private static AdoptionRecord parse(String text) {
    return AdoptionRecord.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
