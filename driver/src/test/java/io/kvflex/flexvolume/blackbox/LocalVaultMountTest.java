package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the black-box mount tests: one localvault per test class, a kubelet-shaped volume dir per
 * test, the built {@code kv} run as root, and a final check that no sentinel secret reached any
 * output or the driver log.
 */
abstract class LocalVaultMountTest {
  @TempDir static Path shared;
  static LocalVaultFixture lv;
  static final List<String> outputs = new ArrayList<>();

  /** Extra secret material a test class wants kept out of output and log. */
  static final List<String> forbidden = new ArrayList<>();

  @TempDir Path tmp;
  Path dir;

  @BeforeAll
  static void startVault() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "mounting a tmpfs needs root (CI runs as root)");
    outputs.clear();
    forbidden.clear();
    lv = new LocalVaultFixture(shared);
  }

  @AfterAll
  static void noSecretAnywhere() throws Exception {
    if (lv == null) {
      return;
    }
    try {
      String log = KvRun.read(lv.log);
      String all = String.join("\n", outputs);
      assertThat(log).as("the driver log").isNotEmpty();
      for (String text : List.of(log, all)) {
        assertThat(text)
            .doesNotContain(LocalVaultFixture.SENTINEL)
            .doesNotContain(LocalVaultFixture.b64(LocalVaultFixture.CLIENT_SECRET));
        for (String secret : forbidden) {
          assertThat(text).doesNotContain(secret);
        }
      }
    } finally {
      lv.close();
      lv = null;
    }
  }

  @BeforeEach
  void kubeletCreatesTheDir() throws Exception {
    // The kubelet's shape (the driver checks the pod keys against it), under a root with a space.
    dir =
        Files.createDirectories(
            tmp.resolve(
                "kubelet root/pods/" + LocalVaultFixture.POD_UID + "/volumes/azure~kv/secrets"));
  }

  @AfterEach
  void unmountLeftovers() throws Exception {
    // Whatever a failed test left: every mount under its temp dir and the class's run dir.
    for (Path root : List.of(tmp, shared.resolve("run"))) {
      for (Path p : mountsUnder(root)) {
        new ProcessBuilder("umount", "-l", p.toString()).start().waitFor();
      }
    }
  }

  /** Mount points at or below {@code root}, deepest (and latest) first. */
  static List<Path> mountsUnder(Path root) throws Exception {
    if (!Files.exists(root)) {
      return List.of();
    }
    String prefix = root.toRealPath().toString();
    List<Path> out = new ArrayList<>();
    for (io.kvflex.mount.MountTable.Entry e :
        new io.kvflex.mount.MountTable(Path.of("/proc/self/mountinfo")).entries()) {
      if (e.mountPoint().equals(prefix) || e.mountPoint().startsWith(prefix + "/")) {
        out.add(0, Path.of(e.mountPoint()));
      }
    }
    return out;
  }

  /** The mounts stacked at {@code p}, bottom first. */
  static List<io.kvflex.mount.MountTable.Entry> stack(Path p) throws Exception {
    return io.kvflex.mount.SystemMounter.host().stackAt(p);
  }

  KvRun mount(Map<String, String> extra) throws Exception {
    return mount(lv.env(), extra);
  }

  /** A mount with the driver's environment {@code env} (e.g. {@code lv.env()} plus a proxy). */
  KvRun mount(Map<String, String> env, Map<String, String> extra) throws Exception {
    KvRun run = KvRun.run(KvRun.kv(), env, "mount", dir.toString(), Json.write(lv.options(extra)));
    outputs.add(run.output);
    return run;
  }

  KvRun unmount() throws Exception {
    KvRun run = KvRun.run(KvRun.kv(), lv.env(), "unmount", dir.toString());
    outputs.add(run.output);
    return run;
  }

  /** A 1 MiB tmpfs named {@code source} at {@code dir}, as another mounter (or an admin) would. */
  static void mountTmpfs(String source, Path dir) throws Exception {
    assertThat(
            new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", source, dir.toString())
                .start()
                .waitFor())
        .isZero();
  }

  static boolean isMountPoint(Path p) throws Exception {
    return Files.isDirectory(p) && mountInfoLine(p) != null;
  }

  static String mountInfoLine(Path p) throws Exception {
    String real = p.toRealPath().toString().replace(" ", "\\040");
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.split(" ")[4].equals(real))
        .findFirst()
        .orElse(null);
  }

  void assertNothingLeft() throws Exception {
    assertThat(isMountPoint(dir)).as("still mounted").isFalse();
    if (Files.exists(dir)) {
      try (var entries = Files.list(dir)) {
        assertThat(entries).as("files left in the volume dir").isEmpty();
      }
    }
  }
}
