package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.LocalVaultFixture;
import io.kvflex.localvault.stats.RequestCounts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which way calls went (agent or in-process), why, and what the agent asked of the vault. */
public final class AgentAssertions {
  private static final Pattern FALLBACK = Pattern.compile("event=agent\\.fallback reason=(\\S+)");

  private final World world;
  private final MountContext mounts;
  private final AgentContext agent;

  public AgentAssertions(World world, MountContext mounts, AgentContext agent) {
    this.world = world;
    this.mounts = mounts;
    this.agent = agent;
  }

  @Then("the node agent served every call and none ran in-process")
  public void allByAgent() {
    assertThat(world.backend().launcherLog())
        .as("log lines of in-process calls")
        .doesNotContain("event=verb.result")
        .doesNotContain("event=agent.fallback");
    long served =
        world.backend().agentLog().lines().filter(l -> l.contains("event=verb.result ")).count();
    assertThat(world.backend().routes()).as("which way each call went").containsOnly("agent");
    assertThat(served).as("calls the agent answered").isEqualTo(world.backend().routes().size());
  }

  @Then("the call did not run in-process")
  public void notInProcess() {
    assertThat(world.backend().launcherLog())
        .as("the launcher's log: no in-process mount after the agent died")
        .doesNotContain("event=mount.start")
        .doesNotContain("event=verb.result")
        .contains("event=agent.call_lost");
  }

  @Then("the first call ran in-process because the agent did not claim it in time")
  public void firstTimedOut() {
    assertThat(fallbacks()).first().isEqualTo("claim-timeout");
    assertThat(world.backend().routes()).first().isEqualTo("in-process");
  }

  @Then("the second call ran in-process at once because the agent is marked stale")
  public void secondStale() {
    assertThat(fallbacks()).element(1).isEqualTo("stale");
    assertThat(world.backend().routes()).element(1).isEqualTo("in-process");
  }

  @Then("the first call ran in-process because the agent speaks another protocol")
  public void firstOtherProtocol() {
    assertThat(fallbacks()).first().isEqualTo("protocol");
    assertThat(world.backend().launcherLog()).contains("protocol=999");
  }

  @Then("the last call was served by the node agent")
  public void lastByAgent() {
    assertThat(world.backend().routes()).last().isEqualTo("agent");
  }

  @Then("the last call ran in-process without waiting for an agent")
  public void lastInProcessDirectly() {
    assertThat(world.backend().routes()).last().isEqualTo("in-process");
    assertThat(fallbacks()).as("no agent was published: nothing to fall back from").isEmpty();
  }

  @Then("Entra ID issued {int} token(s) to {string}")
  public void tokensIssued(int n, String sp) {
    assertThat(answered("token.clientCredentials", sp, e -> true))
        .as("tokens Entra ID issued to " + sp)
        .isEqualTo(n);
  }

  /** Successful requests of {@code operation} made with {@code identity}'s token or credential. */
  private long answered(
      String operation, String identity, java.util.function.Predicate<RequestCounts.Entry> more) {
    return world
        .vault()
        .counts()
        .count(
            e ->
                e.operation().equals(operation)
                    && e.identity().equals(identity)
                    && e.status() == 200
                    && more.test(e));
  }

  @Then(
      "IMDS issued {int} token to the node's system-assigned identity and {int} to its"
          + " user-assigned one")
  public void imdsTokens(int system, int user) {
    assertThat(world.vault().counts().count("imds.token", "node-system")).isEqualTo(system);
    assertThat(world.vault().counts().count("imds.token", "node-user")).isEqualTo(user);
  }

  @Then("the vault served {string} to each of them once")
  public void servedToEach(String secret) {
    for (String identity : List.of("node-system", "node-user")) {
      assertThat(
              answered(
                  "secrets.get",
                  identity,
                  e ->
                      e.vault().equals(LocalVaultFixture.VAULT)
                          && e.object().equalsIgnoreCase(secret)))
          .as("GETs of " + secret + " with the token of " + identity)
          .isEqualTo(1);
    }
  }

  @Then("one mount succeeds and the other fails with a message containing {string}")
  public void oneOfTwo(String text) {
    assertThat(mounts.mounts).hasSize(2);
    List<DriverReply> ok = new ArrayList<>();
    List<DriverReply> failed = new ArrayList<>();
    mounts.mounts.forEach(m -> (m.reply().succeeded() ? ok : failed).add(m.reply()));
    assertThat(ok).as("succeeded").hasSize(1);
    assertThat(failed).as("failed").hasSize(1);
    assertThat(failed.get(0).message()).contains(text);
  }

  @Then("the node agent removed the abandoned call")
  public void abandonedRemoved() {
    assertThat(agent.abandonedCall).isNotNull();
    assertThat(Files.exists(agent.abandonedCall)).as(agent.abandonedCall + " exists").isFalse();
    assertThat(world.backend().agentLog()).contains("event=agent.cleaned");
  }

  @Then(
      "while the agent served it, no process but the kubelet's launcher held the client secret in"
          + " its arguments")
  public void onlyTheLauncherHeldIt() {
    // The kubelet passes the options as an argument (the FlexVolume protocol): the launcher's shell
    // and its own subshells show them; no other process may (the agent's JVM, mount, sleep, ...).
    assertThat(agent.argvHolders).as("processes holding it (the launcher at least)").isNotEmpty();
    assertThat(agent.argvHolders)
        .as("pid, argv[0], argv[1] of each process holding the client secret in its arguments")
        .allMatch(p -> p.endsWith("/kv"));
  }

  @Then("no file of the node's runtime directory held the client secret")
  public void noFileHeldIt() {
    assertThat(agent.fileHolders).isEmpty();
  }

  @Then("it exited cleanly and no longer announces itself")
  public void exitedCleanly() {
    // SIGTERM: the JVM runs the agent's shutdown and then exits 143 (128 + SIGTERM).
    assertThat(agent.exitCode).isIn(0, 143);
    assertThat(Files.exists(world.backend().runDir().resolve("agent/ready"))).isFalse();
    assertThat(world.backend().agentLog()).contains("event=agent.stopped");
  }

  private List<String> fallbacks() {
    List<String> out = new ArrayList<>();
    Matcher m = FALLBACK.matcher(world.backend().launcherLog());
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
