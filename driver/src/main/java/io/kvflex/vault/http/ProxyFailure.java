package io.kvflex.vault.http;

import io.kvflex.errors.Explained;

/**
 * The proxy, not the endpoint behind it, failed a request: it refused the credentials (407) or
 * could not be reached. Thrown from the HTTP client; the vault and Entra ID failure mappers find it
 * in the cause chain. Carries only our own {@link Problem} text (naming the proxy as {@code
 * http://host:port} and its variable, never credentials) and no cause; it is not retried.
 */
public final class ProxyFailure extends RuntimeException implements Explained {
  private final transient Problem problem;

  ProxyFailure(Problem problem) {
    super(problem.describe(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** The first ProxyFailure in {@code t}'s cause chain. */
  public static java.util.Optional<Problem> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ProxyFailure p) {
        return java.util.Optional.of(p.problem());
      }
    }
    return java.util.Optional.empty();
  }
}
