package io.kvflex.localvault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Command line of {@link Main}.
 *
 * @param seed seed file; empty = the built-in demo seed
 */
record MainOptions(
    Optional<Path> seed,
    int httpsPort,
    int imdsPort,
    int nmiPort,
    int adminPort,
    Optional<Path> envOut,
    Optional<Path> hostsOut,
    Optional<Path> caCert,
    Optional<Path> caKey,
    String bindAddress,
    boolean quiet) {

  static final String USAGE =
      "usage: localvault [--seed FILE] [--https-port N] [--imds-port N] [--nmi-port N]"
          + " [--admin-port N] [--env-out FILE] [--hosts-out FILE] [--ca-cert FILE --ca-key FILE]"
          + " [--bind ADDRESS] [--quiet]\n"
          + "  ports default to 0 (any free port); without --seed the built-in demo seed is used";

  /** Thrown for a bad command line; the message says what is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static MainOptions parse(String... args) throws UsageException {
    Optional<Path> seed = Optional.empty();
    Optional<Path> env = Optional.empty();
    Optional<Path> hosts = Optional.empty();
    Optional<Path> caCert = Optional.empty();
    Optional<Path> caKey = Optional.empty();
    int https = 0;
    int imds = 0;
    int nmi = 0;
    int admin = 0;
    String bind = "127.0.0.1";
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quiet")) {
        quiet = true;
        continue;
      }
      if (a.equals("--help") || a.equals("-h")) {
        throw new UsageException("");
      }
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("option " + a + " needs a value");
      }
      switch (name) {
        case "--seed" -> seed = Optional.of(Path.of(value));
        case "--https-port" -> https = port(name, value);
        case "--imds-port" -> imds = port(name, value);
        case "--nmi-port" -> nmi = port(name, value);
        case "--admin-port" -> admin = port(name, value);
        case "--env-out" -> env = Optional.of(Path.of(value));
        case "--hosts-out" -> hosts = Optional.of(Path.of(value));
        case "--ca-cert" -> caCert = Optional.of(Path.of(value));
        case "--ca-key" -> caKey = Optional.of(Path.of(value));
        case "--bind" -> bind = value;
        default -> throw new UsageException("unknown option " + name);
      }
    }
    if (caCert.isPresent() != caKey.isPresent()) {
      throw new UsageException("--ca-cert and --ca-key go together");
    }
    return new MainOptions(seed, https, imds, nmi, admin, env, hosts, caCert, caKey, bind, quiet);
  }

  private static int port(String option, String value) throws UsageException {
    try {
      int p = Integer.parseInt(value);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        option + " must be a port number 0-65535 (0 = any free port), not '" + value + "'");
  }
}
