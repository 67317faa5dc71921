package io.kvflex.vault.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;

/** Makes one real token request (Entra ID, IMDS or NMI). Failures are {@link TokenFailure}s. */
@FunctionalInterface
public interface TokenSource {
  AccessToken fetch(TokenRequestContext context);
}
