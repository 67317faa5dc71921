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
  void leavesBackslashesThatAreNotOctalEscapes() {
    assertThat(MountTable.unescape("/a\\9b\\04")).isEqualTo("/a\\9b\\04");
  }
}
