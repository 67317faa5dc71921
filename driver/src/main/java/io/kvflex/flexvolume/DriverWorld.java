package io.kvflex.flexvolume;

import io.kvflex.engine.MountEngine;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.AtomicProjectionWriter;
import io.kvflex.mount.Mounter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the driver touches outside the JVM, injected: the environment, the clock, the log, the
 * mount table and the engine. The engine is a supplier so {@code init} and {@code unmount} never
 * load the Azure SDK (faster start, fewer failure modes).
 */
record DriverWorld(
    Map<String, String> env,
    Clock clock,
    EventLog log,
    Mounter mounter,
    AtomicProjectionWriter writer,
    Supplier<MountEngine> engine) {

  public DriverWorld {
    env = Map.copyOf(env);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(log);
    Objects.requireNonNull(mounter);
    Objects.requireNonNull(writer);
    Objects.requireNonNull(engine);
  }
}
