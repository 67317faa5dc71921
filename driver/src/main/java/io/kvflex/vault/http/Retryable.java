package io.kvflex.vault.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * The one rule for which failures are worth another try, for Key Vault, Entra ID, IMDS and NMI
 * alike: connection resets, answers that break off, stall or are malformed, and timeouts are; an
 * unknown host (the JVM caches a failed lookup for 10 s, so a quick retry asks nobody), a refused
 * certificate, an answer over the size limit or the memory budget and a proxy's refusal are not:
 * they end the mount at once with their own message, and the kubelet retries the mount later.
 */
public final class Retryable {
  private Retryable() {}

  public static boolean failure(Throwable throwable) {
    if (CertificateFailure.of(throwable).isPresent()) {
      return false;
    }
    boolean transientFailure = false;
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof ResponseTooLarge
          || t instanceof MemoryBudgetExceeded
          || t instanceof ProxyFailure) {
        return false;
      }
      transientFailure |=
          t instanceof IOException
              || t instanceof UncheckedIOException
              || t instanceof TimeoutException;
    }
    return transientFailure;
  }
}
