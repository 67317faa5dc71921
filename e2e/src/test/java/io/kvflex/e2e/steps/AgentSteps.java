package io.kvflex.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.kvflex.e2e.framework.NodeAgent;
import io.kvflex.localvault.seed.FaultSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Starts, stops, kills and freezes the node agent ({@code kv agent}) of the host backend. */
public final class AgentSteps {
  /**
   * Polls (never a fixed sleep) for what the agent does on its own, within a loaded machine's time.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final World world;
  private final Pods pods;
  private final AgentContext agent;

  public AgentSteps(World world, Pods pods, AgentContext agent) {
    this.world = world;
    this.pods = pods;
    this.agent = agent;
  }

  @Given("a node agent has just started")
  public void freshAgent() {
    world.backend().startAgent(Map.of());
  }

  @Given("a node agent whose memory for vault answers is {int} MiB")
  public void agentWithMemory(int mib) {
    world.backend().startAgent(Map.of("KVFLEX_AGENT_MEMORY", String.valueOf(mib)));
  }

  @When("a node agent starts")
  public void agentStarts() {
    freshAgent();
  }

  @Given(
      "a node agent that runs one call at a time and starts none later than {int} second(s) after"
          + " launch")
  public void narrowAgent(int seconds) {
    world
        .backend()
        .startAgent(
            Map.of(
                "KVFLEX_AGENT_CONCURRENCY",
                "1",
                "KVFLEX_AGENT_MAX_WAIT_SECONDS",
                String.valueOf(seconds)));
  }

  /**
   * Tokens live only in a node agent's memory: a running agent is replaced by a fresh one (with the
   * run's default settings); without an agent every call starts a JVM that holds none anyway.
   */
  @Given("the node holds no access token yet")
  public void noTokenYet() {
    if (world.backend().agent().isPresent()) {
      freshAgent();
    }
  }

  @Given("the node runs no node agent")
  public void noAgent() {
    world.backend().stopAgent();
  }

  @Given("the node agent was killed")
  public void killed() {
    running().kill();
  }

  @Given("the node agent hangs")
  public void hangs() {
    running().freeze();
  }

  @When("the node agent recovers")
  public void recovers() {
    running().thaw();
    // It publishes itself again once it notices that a launcher marked it stale.
    await("the node agent publishes its ready file again", () -> Files.exists(ready()));
  }

  @When("the node agent is stopped")
  public void stopped() {
    agent.exitCode = running().stop();
  }

  @Given("the published node agent speaks protocol {int}")
  public void otherProtocol(int protocol) {
    world.backend().stopAgent();
    write(
        ready(),
        "kvflex-agent protocol="
            + protocol
            + " release=release-future started="
            + Instant.now()
            + " pid=1\n");
  }

  @Given("a killed launcher left a call behind")
  public void abandonedCall() {
    Path call = world.backend().runDir().resolve("agent/calls/c4242.1");
    try {
      Files.createDirectories(call);
      write(call.resolve("offer"), "4242 1\n");
      Files.setLastModifiedTime(call, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    agent.abandonedCall = call;
  }

  @Given("the vault answers every request after {int} seconds")
  public void slowVault(int seconds) {
    long ms = seconds * 1000L;
    world.vault().setFaults(new FaultSpec(ms, 0, 0, -1, 0, 503, 0, ms));
  }

  @When("a pod mounts secret {string} as service principal {string} while the node agent is killed")
  public void killedMidCall(String secret, String sp) throws Exception {
    NodeAgent node = running();
    // Killed only once it is inside the call (the mount started fetching).
    whileTheAgentServes(secret, sp, node::kill);
  }

  @When("a pod mounts secret {string} as service principal {string} while the node is inspected")
  public void inspectedMidCall(String secret, String sp) throws Exception {
    String clientSecret = world.vault().servicePrincipal(sp).clientSecret().orElseThrow().reveal();
    whileTheAgentServes(
        secret,
        sp,
        () -> {
          NodeInspection.holders(clientSecret, agent.argvHolders);
          NodeInspection.filesHolding(world.backend().runDir(), clientSecret, agent.fileHolders);
        });
  }

  /** A pod mounts; once the agent has started the mount, {@code inside} runs; then it ends. */
  private void whileTheAgentServes(String secret, String sp, Runnable inside) throws Exception {
    CompletableFuture<?> mount =
        CompletableFuture.runAsync(
            () ->
                pods.mount(
                    pods.asServicePrincipal(pods.pod(Pods.DEFAULT_VOLUME), sp)
                        .withOptions(Pods.secretObject(secret))));
    await(
        "the node agent starts the mount",
        () -> world.backend().agentLog().contains("event=mount.start "));
    inside.run();
    mount.get();
  }

  private NodeAgent running() {
    return world
        .backend()
        .agent()
        .orElseThrow(() -> new IllegalStateException("no node agent runs in this scenario"));
  }

  private Path ready() {
    return world.backend().runDir().resolve("agent/ready");
  }

  static void await(String what, BooleanSupplier condition) {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < until).as(what + " within " + PATIENCE).isTrue();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
