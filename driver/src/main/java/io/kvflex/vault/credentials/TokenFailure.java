package io.kvflex.vault.credentials;

import io.kvflex.vault.http.Problem;

/**
 * A token could not be obtained. Thrown from inside the Key Vault pipeline by {@link
 * OnceTokenCredential}; the vault client finds it in the cause chain and names the object that
 * needed the token. Carries only our own {@link Problem} text and no cause, so no SDK message
 * (which could echo request data) travels with it.
 */
public final class TokenFailure extends RuntimeException {
  private final transient Problem problem;

  public TokenFailure(Problem problem) {
    super(problem.describe(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
