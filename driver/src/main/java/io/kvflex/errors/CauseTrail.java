package io.kvflex.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What lay under a failure, for the driver log only: each exception of the cause chain by class,
 * with its message only where that message is the JDK's own account of a network or TLS event (such
 * as {@code fixed content-length: 97, bytes received: 48} or {@code Connection reset}) or kvflex's
 * own words. Messages a library or a server composed are left out, since they can quote a response
 * body or a request. Attached as the cause of a user-facing exception whose own message says what
 * to do; it has no stack trace and no cause of its own, so nothing else travels with it.
 */
public final class CauseTrail extends RuntimeException {
  private static final int MAX_MESSAGE = 160;
  private static final int MAX_DEPTH = 8;

  /** Packages whose exceptions describe network and TLS events in the JDK's own words. */
  private static final Set<String> NETWORK_PACKAGES =
      Set.of(
          "java.io",
          "java.net",
          "java.net.http",
          "java.nio.channels",
          "javax.net.ssl",
          "java.security.cert",
          "sun.security.validator",
          "sun.security.provider.certpath");

  private CauseTrail(String trail) {
    super(trail, null, false, false);
  }

  /** The trail of {@code t}'s chain, e.g. {@code UncheckedIOException > IOException: ...}. */
  public static CauseTrail of(Throwable t) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
      if (c instanceof CauseTrail trail) {
        parts.add(trail.getMessage());
        break;
      }
      parts.add(describe(c));
    }
    return new CauseTrail(String.join(" > ", parts));
  }

  /** The trail in {@code t}'s cause chain (t included), or empty text. */
  public static String find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CauseTrail trail) {
        return trail.getMessage();
      }
    }
    return "";
  }

  private static String describe(Throwable c) {
    String name = c.getClass().getName();
    String message = c.getMessage();
    if (message == null
        || c instanceof KvflexException
        || c instanceof Explained
        || !fromTheJdk(c)) {
      return name;
    }
    String flat = message.replaceAll("[\\p{Cntrl}]+", " ").strip();
    if (flat.length() > MAX_MESSAGE) {
      flat = flat.substring(0, MAX_MESSAGE) + "...";
    }
    return name + ": " + flat;
  }

  /**
   * Ours, or a network/TLS exception type that the JDK itself threw: thrown from JDK code (its top
   * frame) and not a wrapper whose message is another exception's text (UncheckedIOException's is).
   */
  private static boolean fromTheJdk(Throwable c) {
    String name = c.getClass().getName();
    if (name.startsWith("io.kvflex.")) {
      return true; // our own messages never hold secrets or server text (see KvflexException)
    }
    String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
    if (!NETWORK_PACKAGES.contains(pkg) || c instanceof java.io.UncheckedIOException) {
      return false;
    }
    StackTraceElement[] stack = c.getStackTrace();
    if (stack.length == 0) {
      return false;
    }
    String thrower = stack[0].getClassName();
    return thrower.startsWith("java.")
        || thrower.startsWith("javax.")
        || thrower.startsWith("jdk.")
        || thrower.startsWith("sun.");
  }
}
