package io.kvflex.flexvolume;

import io.kvflex.flexvolume.log.EventLog;
import java.util.Map;

/** Connects the real engine parts (options, cloud, vault, render) behind {@link MountEngine}. */
final class EngineWiring {
  private EngineWiring() {}

  static MountEngine production(Map<String, String> env, EventLog log) {
    throw new UnsupportedOperationException("local only");
  }
}
