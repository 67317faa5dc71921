package io.kvflex.agent;

import io.kvflex.engine.EngineWorld;
import io.kvflex.engine.WarmVaults;
import io.kvflex.flexvolume.ServedCall;
import io.kvflex.flexvolume.ServedCall.Answer;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.mount.Mounter;
import io.kvflex.rotation.VolumeRotation;
import io.kvflex.vault.http.MemoryBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves one claimed call with the same code the in-process driver runs ({@link ServedCall}): the
 * call's own log (its own redactor) in the driver log, the launcher as the {@link Mounter}, the
 * kubelet's proxy variables, and an engine with the agent's {@link WarmVaults}. Exactly one answer
 * goes back, whatever happens; a call that waited longer than allowed is answered without being
 * run.
 */
final class CallServer {
  /** The launcher sends its request right after the claim; it is small. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final AgentSettings settings;
  private final RunDir runDir;
  private final Map<String, String> agentEnv;
  private final Clock clock;
  private final FileEventLog log;
  private final WarmVaults warm;
  private final MemoryBudget memory;
  private final Mounter local;
  private final Function<Map<String, String>, VolumeRotation> rotation;

  /**
   * @param rotation the agent's rotation as a call in that environment sees it (a volume it mounts
   *     is polled in the call's environment)
   */
  CallServer(
      AgentSettings settings,
      RunDir runDir,
      Map<String, String> agentEnv,
      Clock clock,
      FileEventLog log,
      WarmVaults warm,
      MemoryBudget memory,
      Mounter local,
      Function<Map<String, String>, VolumeRotation> rotation) {
    this.settings = settings;
    this.runDir = runDir;
    this.agentEnv = Map.copyOf(agentEnv);
    this.clock = clock;
    this.log = log;
    this.warm = warm;
    this.memory = memory;
    this.local = local;
    this.rotation = rotation;
  }

  /** Runs the call and answers it; never throws. */
  void serve(CallChannel channel, Instant claimed) {
    CallRequest request;
    try {
      request = channel.readRequest(REQUEST_TIMEOUT);
    } catch (IOException e) {
      log.warn(
          "agent.call_lost", "call", channel.id(), "phase", "request", "cause", e.getMessage());
      answer(
          channel,
          Answer.failure(
              "the kvflex node agent could not read the call from the launcher ("
                  + e.getMessage()
                  + "); the kubelet will retry"));
      return;
    }
    Instant picked = clock.instant();
    Duration waited = Duration.between(request.started(), picked);
    log.info(
        "agent.call",
        "call",
        channel.id(),
        "verb",
        ServedCall.verbForLog(request.verb()),
        "queued_ms",
        Duration.between(claimed, picked).toMillis(),
        "since_launch_ms",
        waited.toMillis());
    Answer answer;
    if (waited.compareTo(settings.maxWait()) > 0) {
      log.warn("agent.call_expired", "call", channel.id(), "waited_ms", waited.toMillis());
      answer =
          Answer.failure(
              "the kvflex node agent was too busy to start this "
                  + ServedCall.verbForLog(request.verb())
                  + " within "
                  + settings.maxWait().toSeconds()
                  + "s; nothing was done, the kubelet will retry");
    } else {
      answer = run(channel, request);
    }
    answer(channel, answer);
  }

  private Answer run(CallChannel channel, CallRequest request) {
    Map<String, String> env = new HashMap<>(agentEnv);
    CallRequest.PROXY_VARIABLES.forEach(env::remove);
    env.putAll(request.proxyEnv());
    EventLog callLog = log.scoped();
    List<String> argv = request.argv();
    boolean hasTarget = argv.size() >= 2 && List.of("mount", "unmount").contains(argv.get(0));
    // Without a target (init, unknown verbs) no operation can name one: an impossible path.
    Path target = hasTarget ? Path.of(argv.get(1)) : runDir.agentDir().resolve("no-target");
    Mounter mounter = new LauncherMounter(channel::op, target, runDir.staging(), local);
    // The call's answers stay charged until its projections are written or have failed.
    try (MemoryBudget.Hold hold = memory.open()) {
      return ServedCall.run(
          argv,
          env,
          clock,
          callLog,
          mounter,
          () -> warm.engine(EngineWorld.node(env, clock, callLog), hold),
          request.started(),
          rotation.apply(env));
    }
  }

  private void answer(CallChannel channel, Answer answer) {
    try {
      channel.answer(answer.exitCode(), answer.json());
    } catch (IOException e) {
      log.warn("agent.call_lost", "call", channel.id(), "phase", "answer", "cause", e.getMessage());
    } finally {
      channel.close();
    }
  }
}
