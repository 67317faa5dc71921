package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.LocalWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {
  @TempDir Path tmp;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theDefaultIsRunKvflexAndTheEnvironmentOverridesIt() {
    assertThat(RunDir.fromEnvironment(Map.of()).root()).isEqualTo(Path.of("/run/kvflex"));
    assertThat(RunDir.fromEnvironment(Map.of("KVFLEX_RUN_DIR", "/x/y/../run")).root())
        .isEqualTo(Path.of("/x/run"));
  }

  @Test
  void isCreatedRootOnlyWithItsSubdirectories() throws Exception {
    RunDir run = new RunDir(tmp.resolve("run"));
    assertThat(run.locks()).isEqualTo(tmp.resolve("run/locks"));
    assertThat(run.staging()).isEqualTo(tmp.resolve("run/staging"));
    for (String p : new String[] {"run", "run/locks", "run/staging"}) {
      assertThat(mode(tmp.resolve(p))).as(p).isEqualTo("rwx------");
    }
  }

  @Test
  void theAgentsDirectoryFollowsTheSameRulesAndIsOneSegment() throws Exception {
    RunDir run = new RunDir(tmp.resolve("run"));
    Path agent = run.dir("agent");
    assertThat(agent).isEqualTo(tmp.resolve("run/agent"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent)))
        .isEqualTo("rwx------");
    for (String bad : new String[] {"../x", "a/b", ".", ""}) {
      assertThatThrownBy(() -> run.dir(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aSymlinkIsNeverFollowed() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(tmp.resolve("run"), real);
    assertThatThrownBy(() -> new RunDir(tmp.resolve("run")).locks())
        .isInstanceOf(LocalWriteException.class)
        .hasMessageContaining("is a symbolic link (never followed)")
        .hasMessageContaining("KVFLEX_RUN_DIR");
    assertThat(real).isEmptyDirectory();
  }

  @Test
  void aDirectoryOthersMayWriteIsRefusedAndLeftAsItIs() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("run"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> new RunDir(open).staging())
        .hasMessageContaining("writable by group or others (rwxrwxrwx)");
    assertThat(mode(open)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void aFileIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("run"), "x");
    assertThatThrownBy(() -> new RunDir(file).staging()).hasMessageContaining("not a directory");
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "chown to another user needs root");
    Path other = Files.createDirectory(tmp.resolve("run"));
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(other, "unix:uid", 65534);
    assertThatThrownBy(() -> new RunDir(other).locks())
        .hasMessageContaining("owned by uid 65534, not by this user");
  }

  @Test
  void aMissingParentIsNamed() {
    assertThatThrownBy(() -> new RunDir(tmp.resolve("no/such/run")).locks())
        .hasMessageContaining("its parent does not exist");
  }
}
