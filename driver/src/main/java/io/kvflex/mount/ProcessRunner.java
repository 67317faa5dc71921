package io.kvflex.mount;

import java.time.Duration;
import java.util.List;

/** Runs a host tool and captures its combined output (never inherited: the kubelet reads ours). */
public interface ProcessRunner {

  /** Exit status and the first part of the combined stdout/stderr of a finished command. */
  record Result(int exitCode, String output) {}

  /**
   * Runs {@code argv} to completion; a command that outlives {@code timeout} is killed and reported
   * as exit code -1.
   */
  Result run(List<String> argv, Duration timeout);
}
