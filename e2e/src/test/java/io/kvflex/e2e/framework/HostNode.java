package io.kvflex.e2e.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scenario's node: its run directory, things planted in pod directories, and the mount table
 * facts scenarios check. Everything lives under the scenario directory.
 */
final class HostNode {
  private final HostMounts mounts;
  private final Path scenarioDir;
  private final Path runDir;
  private Path planted;
  private Path foreign;
  private Path symlinkTarget;

  /**
   * @param runDir the driver's run directory: the scenario's own, or the run's when a node agent
   *     serves every scenario (never the node's /run/kvflex)
   */
  HostNode(HostMounts mounts, Path scenarioDir, Path runDir) {
    this.mounts = mounts;
    this.scenarioDir = scenarioDir;
    this.runDir = runDir;
  }

  /** The driver's run directory for this scenario. */
  Path runDir() {
    return runDir;
  }

  List<String> layers(Path dir) {
    return mounts.stackAt(dir);
  }

  void plant(Path dir, NodeFaults.Stray stray) {
    try {
      Files.createDirectories(dir.getParent());
      planted = dir;
      switch (stray) {
        case REGULAR_FILE -> Files.writeString(dir, "keep", StandardCharsets.UTF_8);
        case SYMLINK_TO_FOREIGN_TMPFS -> {
          foreign = Files.createDirectories(scenarioDir.resolve("foreign"));
          mountForeignTmpfs(foreign);
          Files.createSymbolicLink(dir, foreign);
        }
        case FOREIGN_TMPFS -> {
          foreign = Files.createDirectories(dir);
          mountForeignTmpfs(foreign);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean plantedIntact() {
    try {
      if (foreign != null) {
        return mounts.stackAt(foreign).size() == 1
            && Files.readString(foreign.resolve("data")).equals("keep");
      }
      return Files.isRegularFile(planted, LinkOption.NOFOLLOW_LINKS)
          && Files.readString(planted).equals("keep");
    } catch (IOException e) {
      return false;
    }
  }

  private void mountForeignTmpfs(Path dir) throws IOException {
    HostMounts.run("mount", "-t", "tmpfs", "-o", "size=1m", "someone-else", dir.toString());
    Files.writeString(dir.resolve("data"), "keep");
  }

  Path logThroughSymlinkTo(String content) {
    try {
      symlinkTarget = scenarioDir.resolve("precious.txt");
      Files.writeString(symlinkTarget, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(symlinkTarget, PosixFilePermissions.fromString("rw-r--r--"));
      return Files.createSymbolicLink(scenarioDir.resolve("linked-kv-driver.log"), symlinkTarget);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean symlinkTargetUntouched(String content) {
    try {
      return Files.readString(symlinkTarget, StandardCharsets.UTF_8).equals(content)
          && PosixFilePermissions.toString(Files.getPosixFilePermissions(symlinkTarget))
              .equals("rw-r--r--");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> runDirLeftovers() {
    List<String> out = new ArrayList<>();
    mounts.under(runDir()).forEach(p -> out.add("mounted: " + p));
    Path staging = runDir().resolve("staging");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> entries = Files.list(staging)) {
        entries.forEach(p -> out.add("staging directory: " + p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
