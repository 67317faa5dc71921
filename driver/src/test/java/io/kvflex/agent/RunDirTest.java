package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's part of the run directory follows the driver's rules for it (mount.RunDir). */
class RunDirTest {
  @TempDir Path tmp;

  @Test
  void createsEveryDirectoryOwnerOnly() throws Exception {
    RunDir dir = new RunDir(tmp.resolve("kvflex")).prepare();
    for (Path p :
        List.of(dir.root(), dir.agentDir(), dir.calls(), dir.preparing(), dir.staging())) {
      assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isTrue();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as(p.toString())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void keepsWhatIsInsideAndRefusesADirectoryOthersMayWrite() throws Exception {
    Path call = Files.createDirectories(tmp.resolve("kvflex/agent/calls/c1"));
    for (Path p : List.of(tmp.resolve("kvflex"), tmp.resolve("kvflex/agent"), call.getParent())) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }
    new RunDir(tmp.resolve("kvflex")).prepare();
    assertThat(call).exists();
    Files.setPosixFilePermissions(
        tmp.resolve("kvflex/agent"), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> new RunDir(tmp.resolve("kvflex")).prepare())
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("writable by group or others");
  }

  @Test
  void refusesASymbolicLinkOrAnotherUsersDirectory() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(tmp.resolve("link"), real);
    assertThatThrownBy(() -> new RunDir(tmp.resolve("link")).prepare())
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("a symbolic link");

    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(foreign, "unix:uid", 65534);
    assertThatThrownBy(() -> new RunDir(foreign).prepare())
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("owned by uid 65534");
  }
}
