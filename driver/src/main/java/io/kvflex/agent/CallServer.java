package io.kvflex.agent;

import io.kvflex.flexvolume.Driver;
import io.kvflex.flexvolume.DriverStatus;
import io.kvflex.flexvolume.DriverWorld;
import io.kvflex.flexvolume.EngineWiring;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.flexvolume.log.FileEventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.Mounter;
import io.kvflex.vault.WarmState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one claimed call with the same code the in-process driver runs ({@link Driver#run}): the
 * call's own log (its own redactor) in the driver log, the launcher as the {@link Mounter}, the
 * kubelet's proxy variables, and the agent's {@link WarmState}. Exactly one answer goes back,
 * whatever happens; a call that waited longer than allowed is answered without being run.
 */
final class CallServer {
  /** The launcher sends its request right after the claim; it is small. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final AgentSettings settings;
  private final RunDir runDir;
  private final Map<String, String> agentEnv;
  private final Clock clock;
  private final FileEventLog log;
  private final WarmState warm;
  private final Mounter local;

  CallServer(
      AgentSettings settings,
      RunDir runDir,
      Map<String, String> agentEnv,
      Clock clock,
      FileEventLog log,
      WarmState warm,
      Mounter local) {
    this.settings = settings;
    this.runDir = runDir;
    this.agentEnv = Map.copyOf(agentEnv);
    this.clock = clock;
    this.log = log;
    this.warm = warm;
    this.local = local;
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
          DriverStatus.failure(
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
        Driver.sanitizeVerb(request.verb()),
        "queued_ms",
        Duration.between(claimed, picked).toMillis(),
        "since_launch_ms",
        waited.toMillis());
    DriverStatus status;
    if (waited.compareTo(settings.maxWait()) > 0) {
      log.warn("agent.call_expired", "call", channel.id(), "waited_ms", waited.toMillis());
      status =
          DriverStatus.failure(
              "the kvflex node agent was too busy to start this "
                  + Driver.sanitizeVerb(request.verb())
                  + " within "
                  + settings.maxWait().toSeconds()
                  + "s; nothing was done, the kubelet will retry");
    } else {
      status = Driver.run(request.argv().toArray(String[]::new), world(channel, request));
    }
    answer(channel, status);
  }

  private DriverWorld world(CallChannel channel, CallRequest request) {
    Map<String, String> env = new HashMap<>(agentEnv);
    CallRequest.PROXY_VARIABLES.forEach(env::remove);
    env.putAll(request.proxyEnv());
    EventLog callLog = log.scoped();
    List<String> argv = request.argv();
    boolean hasTarget = argv.size() >= 2 && List.of("mount", "unmount").contains(argv.get(0));
    // Without a target (init, unknown verbs) no operation can name one: an impossible path.
    Path target = hasTarget ? Path.of(argv.get(1)) : runDir.agentDir().resolve("no-target");
    Mounter mounter = new LauncherMounter(channel::op, target, runDir.staging(), local);
    return new DriverWorld(
        env,
        clock,
        callLog,
        mounter,
        new AtomicProjectionWriter(),
        () -> EngineWiring.warm(clock, env, callLog, warm),
        request.started());
  }

  private void answer(CallChannel channel, DriverStatus status) {
    try {
      channel.answer(status.exitCode(), status.toJson());
    } catch (IOException e) {
      log.warn("agent.call_lost", "call", channel.id(), "phase", "answer", "cause", e.getMessage());
    } finally {
      channel.close();
    }
  }
}
