package io.kvflex.vault.credentials;

import io.kvflex.errors.CauseTrail;
import io.kvflex.errors.Explained;
import io.kvflex.vault.http.Problem;

/**
 * A token could not be obtained. Thrown from inside the Key Vault pipeline by {@link
 * OnceTokenCredential}; the vault client finds it in the cause chain and names the object that
 * needed the token. Carries only our own {@link Problem} text and, for the driver log, a {@link
 * CauseTrail} of what failed underneath, so no SDK message (which could echo request data) travels
 * with it.
 */
public final class TokenFailure extends RuntimeException implements Explained {
  private final transient Problem problem;

  public TokenFailure(Problem problem) {
    this(problem, null);
  }

  /**
   * @param underlying what failed (kept as a {@link CauseTrail} only), or null
   */
  public TokenFailure(Problem problem, Throwable underlying) {
    super(problem.describe(), underlying == null ? null : CauseTrail.of(underlying), false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
