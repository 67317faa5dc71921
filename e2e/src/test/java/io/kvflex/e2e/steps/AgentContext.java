package io.kvflex.e2e.steps;

import java.nio.file.Path;

/** What agent steps of this scenario did, for the assertions. */
public final class AgentContext {
  /** Exit code of the agent after "the node agent is stopped". */
  Integer exitCode;

  /** The call directory "a killed launcher left a call behind" created. */
  Path abandonedCall;

  /** Processes seen with the client secret in their arguments: pid and the first two arguments. */
  final java.util.List<String> argvHolders = new java.util.ArrayList<>();

  /** Files of the run directory seen holding the client secret. */
  final java.util.List<Path> fileHolders = new java.util.ArrayList<>();
}
