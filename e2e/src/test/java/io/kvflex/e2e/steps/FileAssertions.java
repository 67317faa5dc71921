package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.Backend.FileFacts;
import io.kvflex.e2e.framework.Mount;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** What the pod sees in its volume: bytes, mode, group. */
public final class FileAssertions {
  private final World world;
  private final MountContext mounts;

  public FileAssertions(World world, MountContext mounts) {
    this.world = world;
    this.mounts = mounts;
  }

  @Then("the pod sees file {string} containing {string}")
  public void seesFile(String path, String content) {
    assertThat(new String(bytes(mounts.lastMount(), path), StandardCharsets.UTF_8))
        .isEqualTo(content);
  }

  @Then("every pod sees file {string} containing {string}")
  public void everyPodSees(String path, String content) {
    for (Mount m : mounts.mounts) {
      assertThat(new String(bytes(m, path), StandardCharsets.UTF_8)).as(m.dir()).isEqualTo(content);
    }
  }

  @Then("the pod sees file {string} with hex bytes {string}")
  public void seesHex(String path, String hex) {
    assertThat(bytes(mounts.lastMount(), path)).isEqualTo(HexFormat.of().parseHex(hex));
  }

  @Then("file {string} has mode {string}")
  public void hasMode(String path, String mode) {
    assertThat(facts(path).octalMode()).isEqualTo(mode);
  }

  @Then("file {string} is group-owned by {int}")
  public void groupOwned(String path, int gid) {
    assertThat(facts(path).gid()).isEqualTo(gid);
  }

  @Then("the volume directory is gone")
  public void volumeGone() {
    assertThat(world.backend().volumeDirExists(mounts.lastMount()))
        .as(mounts.lastMount().dir())
        .isFalse();
  }

  private FileFacts facts(String path) {
    return world
        .backend()
        .stat(mounts.lastMount(), path)
        .orElseThrow(() -> new AssertionError("the pod sees no file " + path));
  }

  /** The file's bytes; a missing file fails with what the volume does hold. */
  byte[] bytes(Mount m, String path) {
    return world
        .backend()
        .read(m, path)
        .orElseThrow(() -> new AssertionError("the pod sees no file " + path + " in " + m.dir()));
  }
}
