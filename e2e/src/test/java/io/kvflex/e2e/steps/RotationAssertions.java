package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.testsupport.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What rotation did: files that changed (or did not), what the agent logged, what {@code kv status}
 * shows and what the vault was asked. Waits poll; none is a fixed sleep except the one that proves
 * nothing more happens.
 */
public final class RotationAssertions {
  /**
   * On top of the intervals a step names: one poll's own time (a fetch, a render, a swap) on a
   * machine with a load average of 10 and more, where the agent's threads wait for a core.
   */
  static final Duration LOADED_POLL = Duration.ofSeconds(20);

  private final World world;
  private final MountContext mounts;
  private final RotationContext rotation;
  private final VaultContext vault;
  private final CryptoAssertions crypto;

  public RotationAssertions(
      World world,
      MountContext mounts,
      RotationContext rotation,
      VaultContext vault,
      CryptoAssertions crypto) {
    this.world = world;
    this.mounts = mounts;
    this.rotation = rotation;
    this.vault = vault;
    this.crypto = crypto;
  }

  @Then("within two intervals every file of the volume holds {string}")
  public void everyFileHolds(String value) {
    Mount m = mounts.lastMount();
    List<String> files = List.of(m.pod().options().get("keyvaultobjectaliases").split(";"));
    withinTwoIntervals(
        "every file of " + m.dir() + " holds the new value",
        () -> files.stream().allMatch(f -> value.equals(text(m, f))));
  }

  @Then("the pod never saw files of two versions side by side, nor a missing file")
  public void neverMixed() {
    VolumeReader reader =
        rotation.reader.orElseThrow(() -> new IllegalStateException("no reader ran"));
    // The reader may lag behind the step that saw the new files (a loaded machine): let it catch
    // up.
    await(
        "the reading pod read the new generation whole",
        LOADED_POLL,
        () -> reader.valuesSoFar().size() >= 2);
    VolumeReader.Seen seen = reader.stop();
    assertThat(seen.problems()).as("what the reading pod saw go wrong").isEmpty();
    assertThat(seen.values())
        .as("the reader saw the old and the new version, each whole")
        .hasSize(2);
    assertThat(seen.generations()).isPositive();
  }

  @Then("the node agent logged one rotation of secret {string} from its old to its new version")
  public void loggedRotation(String secret) {
    List<String> versions = vault.versions(secret);
    String old = versions.get(versions.size() - 2);
    String now = versions.get(versions.size() - 1);
    List<String> lines = loggedOnce("rotation.rotated");
    assertThat(lines.get(0))
        .contains("secret/" + secret)
        .contains(old)
        .contains(now)
        .contains(mounts.lastMount().dir());
  }

  @Then("within two intervals the private key in file {string} matches the certificate {string}")
  public void keyRotated(String path, String cert) {
    withinTwoIntervals(
        path + " holds the new certificate's key",
        () -> {
          try {
            crypto.privateKeyMatches(path, cert);
            return true;
          } catch (AssertionError | RuntimeException notYet) {
            return false;
          }
        });
  }

  @Then("within two intervals the pod sees file {string} containing {string}")
  public void podSees(String path, String value) {
    Mount m = mounts.lastMount();
    withinTwoIntervals(path + " holds " + value, () -> value.equals(text(m, path)));
  }

  @Then("within two intervals the managed identity's pod sees file {string} containing {string}")
  public void identityPodSees(String path, String value) {
    Mount m = rotation.role("managed identity");
    withinTwoIntervals(
        path + " of " + m.dir() + " holds " + value, () -> value.equals(text(m, path)));
  }

  @Then("the service principal's pod still sees file {string} containing {string}")
  public void servicePrincipalPodKeeps(String path, String value) {
    assertThat(text(rotation.role("service principal"), path)).isEqualTo(value);
  }

  @Then("the vault served secret {string} only for the mount")
  public void servedOnlyForMount(String secret) {
    assertThat(world.vault().counts().successful("secrets.get", LocalVaultFixture.VAULT, secret))
        .as("GETs of " + secret + " (the mount's one)")
        .isEqualTo(1);
  }

  @Then("kv status soon shows the volume with a failed poll")
  public void statusShowsFailure() {
    String dir = mounts.lastMount().dir();
    await(
        "kv status shows a failed poll of " + dir,
        Duration.ofSeconds(90),
        () -> volume(status(), dir).map(v -> number(v, "consecutiveFailures") >= 1).orElse(false));
  }

  @Then("kv status shows the volume with no failure since")
  public void statusShowsRecovery() {
    String dir = mounts.lastMount().dir();
    // The poll's outcome is recorded just after its swap: wait until it is.
    await(
        "kv status shows the successful poll of " + dir,
        LOADED_POLL,
        () -> volume(status(), dir).map(v -> number(v, "rotations") >= 1).orElse(false));
    Map<String, Object> v = volume(status(), dir).orElseThrow();
    assertThat(number(v, "consecutiveFailures")).isZero();
    assertThat(number(v, "failures")).isPositive();
  }

  @Then("the node agent logged the failure streak once")
  public void failureStreakOnce() {
    loggedOnce("rotation.failing");
    loggedOnce("rotation.recovered");
  }

  @Then("the node agent polls the volume at least once")
  public void polledOnce() {
    await(
        "the agent fetches db-password again",
        rotation.interval.multipliedBy(2).plus(LOADED_POLL),
        () ->
            world.vault().counts().successful("secrets.get", LocalVaultFixture.VAULT, "db-password")
                >= 2);
  }

  @Then("the vault serves no further request for secret {string} during two intervals")
  public void noFurtherRequests(String secret) throws InterruptedException {
    RequestCounts before = world.vault().counts();
    // Proving that nothing happens takes waiting: two intervals and a tenth (the jitter).
    Thread.sleep(rotation.interval.multipliedBy(22).dividedBy(10).toMillis());
    RequestCounts after = world.vault().counts();
    assertThat(after.count(e -> e.object().equals(secret)))
        .as("requests for " + secret + " after the unmount")
        .isEqualTo(before.count(e -> e.object().equals(secret)));
  }

  @Then("kv status lists no volume")
  public void statusListsNone() {
    Map<String, Object> status = status();
    assertThat(Json.list(status, "volumes")).isEmpty();
  }

  @Then(
      "kv status shows the service principal's volume as not polled, because its credentials are"
          + " not in the agent's memory")
  public void statusShowsServicePrincipalDormant() {
    String dir = rotation.role("service principal").dir();
    Map<String, Object> v =
        volume(status(), dir).orElseThrow(() -> new AssertionError("kv status lacks " + dir));
    assertThat(v.get("state")).isEqualTo("not polled");
    assertThat((String) v.get("reason"))
        .contains("service-principal credentials are not in this agent's memory");
    Map<String, Object> mi =
        volume(status(), rotation.role("managed identity").dir()).orElseThrow();
    assertThat(mi.get("origin")).isEqualTo("discovered");
  }

  @Then(
      "no file of the node's runtime directory or of the service principal's volume holds its"
          + " client secret")
  public void credentialsOnlyInMemory() {
    String clientSecret =
        world.vault().servicePrincipal("app").clientSecret().orElseThrow().reveal();
    List<Path> holders = new ArrayList<>();
    NodeInspection.filesHolding(world.backend().runDir(), clientSecret, holders);
    NodeInspection.filesHolding(
        Path.of(rotation.role("service principal").dir()), clientSecret, holders);
    assertThat(holders).as("files holding the client secret").isEmpty();
  }

  @Then("the node agent logged that it did not resume the service principal's volume")
  public void loggedNotResumed() {
    String dir = rotation.role("service principal").dir();
    assertThat(loggedOnce("rotation.not_resumed").get(0)).contains(dir);
  }

  /**
   * The agent's lines of {@code event}, which must be exactly one. The log is written by its own
   * thread after the event happened (the files change first): wait for the line, then count.
   */
  private List<String> loggedOnce(String event) {
    Supplier<List<String>> lines =
        () -> world.backend().agentLog().lines().filter(l -> l.contains("event=" + event)).toList();
    await("the node agent logs " + event, LOADED_POLL, () -> !lines.get().isEmpty());
    List<String> found = lines.get();
    assertThat(found).as(event + " events").hasSize(1);
    return found;
  }

  private void withinTwoIntervals(String what, Supplier<Boolean> done) {
    await(what, rotation.interval.multipliedBy(2).plus(LOADED_POLL), done);
  }

  private static void await(String what, Duration within, Supplier<Boolean> done) {
    long until = System.nanoTime() + within.toNanos();
    while (!done.get()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private String text(Mount m, String path) {
    return world.backend().read(m, path).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
  }

  /** {@code kv status}, as an operator runs it on the node (one JSON object, exit 0). */
  private Map<String, Object> status() {
    DriverReply r = world.backend().call("status");
    mounts.recordOther(r);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return Json.object(r.output().strip());
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> volume(Map<String, Object> status, String dir) {
    for (Object v : Json.list(status, "volumes")) {
      Map<String, Object> volume = (Map<String, Object>) v;
      if (dir.equals(volume.get("dir"))) {
        return Optional.of(volume);
      }
    }
    return Optional.empty();
  }

  private static long number(Map<String, Object> volume, String field) {
    return ((Number) volume.get(field)).longValue();
  }
}
