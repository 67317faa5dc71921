package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.BugException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.Mounter;
import java.io.EOFException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent names only the call's own target or a staging directory, never another path. */
class LauncherMounterTest {
  final Path target = Path.of("/var/lib/kubelet/pods/u1/volumes/azure~kv/kv");
  final Path staging = Path.of("/run/kvflex/staging");
  final List<String> asked = new ArrayList<>();

  static final MountTable.Entry VOLUME =
      new MountTable.Entry(7, 1, "0:42", "/", "/x", "tmpfs", "kvflex-0123456789abcdef");

  final Mounter local =
      new Mounter() {
        @Override
        public List<MountTable.Entry> stackAt(Path dir) {
          return dir.equals(target) ? List.of(VOLUME) : List.of();
        }

        @Override
        public void mountTmpfs(Path dir, String source, long sizeBytes) {
          throw new AssertionError("the agent never mounts itself");
        }

        @Override
        public void bind(Path from, Path to) {
          throw new AssertionError("the agent never binds itself");
        }

        @Override
        public void unmount(Path dir) {
          throw new AssertionError("the agent never unmounts itself");
        }
      };

  LauncherMounter mounter(Protocol.OpResult answer) {
    return new LauncherMounter(
        (verb, operands, timeout) -> {
          asked.add(verb + " " + String.join(" ", operands));
          return answer;
        },
        target,
        staging,
        local);
  }

  @Test
  void namesTheTargetAndStagingDirectoriesSymbolically() {
    LauncherMounter m = mounter(Protocol.OpResult.OK);
    m.mountTmpfs(staging.resolve("3fa.1a2b"), "kvflex-0123456789abcdef", 16_777_216);
    m.bind(staging.resolve("3fa.1a2b"), target);
    m.unmount(staging.resolve("3fa.1a2b"));
    m.unmount(target.resolveSibling("kv/./"));
    assertThat(asked)
        .containsExactly(
            "tmpfs staging/3fa.1a2b kvflex-0123456789abcdef 16777216",
            "bind staging/3fa.1a2b target",
            "umount staging/3fa.1a2b",
            "umount target");
    assertThat(m.isMountPoint(target)).isTrue();
    assertThat(m.stackAt(target)).containsExactly(VOLUME);
  }

  @Test
  void anyOtherPathIsRefusedBeforeTheLauncherIsAsked() {
    LauncherMounter m = mounter(Protocol.OpResult.OK);
    for (Path p :
        List.of(
            Path.of("/etc"),
            target.resolveSibling("other"),
            staging,
            staging.resolve("a/b"),
            staging.resolve(".hidden"),
            staging.resolve("../agent"))) {
      assertThatThrownBy(() -> m.unmount(p)).as(p.toString()).isInstanceOf(BugException.class);
    }
    assertThatThrownBy(() -> m.mountTmpfs(staging.resolve("3fa.1"), "tmpfs", 1024))
        .as("only kvflex-<hex> sources")
        .isInstanceOf(BugException.class);
    assertThat(asked).isEmpty();
  }

  @Test
  void failuresReadLikeTheInProcessDriversOnes() {
    LauncherMounter m =
        mounter(new Protocol.OpResult(32, "/usr/bin/mount", "mount: permission denied"));
    Path dir = staging.resolve("3fa.1a2b");
    assertThatThrownBy(() -> m.mountTmpfs(dir, "kvflex-0a", 1024))
        .isInstanceOf(LocalWriteException.class)
        .hasMessage(
            "could not mount a tmpfs at "
                + dir
                + ": /usr/bin/mount exit 32: mount: permission denied");
    LauncherMounter gone =
        new LauncherMounter(
            (verb, operands, timeout) -> {
              throw new EOFException("the launcher closed the channel");
            },
            target,
            staging,
            local);
    assertThatThrownBy(() -> gone.unmount(target))
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("could not unmount " + target)
        .hasMessageContaining("the launcher closed the channel");
  }
}
