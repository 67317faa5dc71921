package io.kvflex.e2e.steps;

import java.nio.file.Path;

/** What agent steps of this scenario did, for the assertions. */
public final class AgentContext {
  /** Exit code of the agent after "the node agent is stopped". */
  Integer exitCode;

  /** The call directory "a killed launcher left a call behind" created. */
  Path abandonedCall;
}
