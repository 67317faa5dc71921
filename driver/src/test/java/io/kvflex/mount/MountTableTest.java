package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
  @TempDir Path tmp;

  @Test
  void readsMountPointsAndUnescapesOctal() throws Exception {
    Path info = tmp.resolve("mountinfo");
    Files.writeString(
        info,
        "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
            + "42 22 0:39 / /var/lib/kubelet/pods/u/volumes/azure~kv/my\\040vol rw,nosuid,nodev,noexec"
            + " - tmpfs tmpfs rw,size=16384k,mode=755\n"
            + "43 22 0:40 / /odd\\134name\\011tab rw - tmpfs tmpfs rw\n");
    MountTable table = new MountTable(info);
    assertThat(table.mountPoints())
        .containsExactly("/", "/var/lib/kubelet/pods/u/volumes/azure~kv/my vol", "/odd\\name\ttab");
    assertThat(table.contains("/var/lib/kubelet/pods/u/volumes/azure~kv/my vol")).isTrue();
    assertThat(table.contains("/var/lib/kubelet")).isFalse();
  }

  @Test
  void escapeIsTheInverseOfUnescape() {
    String odd = "/a b\tc\nd\\e\\040f";
    assertThat(MountTable.escape(odd)).isEqualTo("/a\\040b\\011c\\012d\\134e\\134040f");
    assertThat(MountTable.unescape(MountTable.escape(odd))).isEqualTo(odd);
  }

  @Test
  void stacksAreOrderedBottomFirstByParent() throws Exception {
    Path info = tmp.resolve("mountinfo");
    Files.writeString(
        info,
        "22 1 8:1 / / rw shared:1 - ext4 /dev/sda1 rw\n"
            // the top layer is listed first: order comes from the parent chain, not the table
            + "52 51 0:41 / /k/v rw - tmpfs kvflex-0123456789abcdef rw\n"
            + "50 22 0:39 / /k/v rw shared:7 master:3 - tmpfs tmpfs rw\n"
            + "51 50 0:40 /sub /k/v rw - ext4 /dev/sdb1 rw\n"
            + "60 22 0:42 / /k/other rw - tmpfs kvflex-x rw\n");
    MountTable table = new MountTable(info);
    assertThat(table.stackAt("/k/v")).extracting(MountTable.Entry::id).containsExactly(50, 51, 52);
    MountTable.Entry top = table.stackAt("/k/v").get(2);
    assertThat(top.source()).isEqualTo("kvflex-0123456789abcdef");
    assertThat(VolumeMarker.isOurs(top)).isTrue();
    MountTable.Entry middle = table.stackAt("/k/v").get(1);
    assertThat(middle.describe()).isEqualTo("ext4 from \"/dev/sdb1\" (/sub)");
    assertThat(VolumeMarker.isOurs(middle)).isFalse();
    assertThat(VolumeMarker.isOurs(table.stackAt("/k/v").get(0))).isFalse();
    assertThat(table.stackAt("/k")).isEmpty();
  }

  @Test
  void leavesBackslashesThatAreNotOctalEscapes() {
    assertThat(MountTable.unescape("/a\\9b\\04")).isEqualTo("/a\\9b\\04");
  }
}
