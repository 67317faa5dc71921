package io.kvflex.kvctl.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures of the caller's token (MSAL or azure-identity), told apart from failures of the call it
 * was for, so the message is about the caller; only Entra ID's {@code AADSTS} code is quoted, never
 * the SDK's text. Network causes are named by {@link io.kvflex.kvctl.net.FailureHints}.
 */
final class TokenFailures {
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,8}");

  private TokenFailures() {}

  /** Whether the failure happened while getting the caller's token (MSAL or azure-identity). */
  static boolean duringToken(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      String name = c.getClass().getName();
      if (name.startsWith("com.microsoft.aad.msal4j.")
          || c instanceof com.azure.core.exception.ClientAuthenticationException) {
        return true;
      }
    }
    return false;
  }

  /** {@code AADSTS7000215} when Entra ID's message carries one. */
  static Optional<String> aadsts(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      Matcher m = AADSTS.matcher(String.valueOf(c.getMessage()));
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
