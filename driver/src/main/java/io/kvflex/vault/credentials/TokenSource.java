package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;

/** Makes one real token request (Entra ID, IMDS or NMI). Failures are {@link TokenFailure}s. */
@FunctionalInterface
public interface TokenSource {
  AccessToken fetch(TokenRequestContext context);

  /**
   * The vault answered 401 to {@code token}, which came from this source. A source that keeps
   * tokens between requests ({@link TokenCache}) must never hand that token out again; a source
   * that asks its endpoint every time has nothing to forget.
   */
  default void rejected(String token) {}
}
