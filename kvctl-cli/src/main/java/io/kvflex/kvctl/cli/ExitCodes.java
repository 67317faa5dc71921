package io.kvflex.kvctl.cli;

import io.kvflex.errors.ErrorKind;
import io.kvflex.errors.KvflexException;
import io.kvflex.kvctl.manifest.UnreadableInputException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * kvctl's exit codes, in one place: what each command's own outcomes mean, and the code of a
 * failure that escapes a command, by who must act ({@link ErrorKind}, which holds those numbers).
 * Every command's "Exit codes" help is generated from {@link #COMMANDS}, and the root's lists every
 * code any command can return plus the launcher's, so help and behaviour cannot drift apart.
 */
public final class ExitCodes {
  public static final int OK = 0;

  /** Findings (lint), a denial (check-access), a volume that cannot be fetched as asked (fetch). */
  public static final int FINDINGS = 1;

  /** An input could not be read; the same number as a remote failure. */
  public static final int CANNOT_READ = 3;

  /**
   * The {@code ./kvctl} launcher's own code: kvctl could not be built or started (no Java or Maven,
   * a failed build). sysexits' EX_UNAVAILABLE, next to kvctl's 70 (EX_SOFTWARE); no command ever
   * returns it, so a script can tell "kvctl did not run" from anything kvctl said. The launcher
   * script writes the number itself; a test holds the two together.
   */
  public static final int LAUNCHER = 69;

  static final String LAUNCHER_MEANING =
      "the ./kvctl launcher could not build or start kvctl (no Java or Maven, a failed build);"
          + " kvctl itself never exits with it";

  /** What ends a command besides its own outcomes. */
  public enum Failure {
    USAGE(ErrorKind.USER_INPUT),
    CANNOT_READ(ExitCodes.CANNOT_READ, "could not read input (missing, unreadable, not UTF-8)"),
    REMOTE(ErrorKind.REMOTE),
    LOCAL_WRITE(ErrorKind.LOCAL_WRITE),
    BUG(ErrorKind.BUG);

    final int code;
    final String meaning;

    Failure(ErrorKind kind) {
      this(kind.kvctlExitCode(), kind.meaning());
    }

    Failure(int code, String meaning) {
      this.code = code;
      this.meaning = meaning;
    }
  }

  /**
   * A command's exit codes.
   *
   * @param own what the command's outcomes mean, by code
   * @param failures what can escape it; usage errors and defects can escape every command
   */
  public record Listing(Map<Integer, String> own, Set<Failure> failures) {
    public Listing {
      own = Map.copyOf(own);
      EnumSet<Failure> all = EnumSet.of(Failure.USAGE, Failure.BUG);
      all.addAll(failures);
      failures = Set.copyOf(all);
    }

    /** Code → help text, by code; meanings sharing a code are joined ("...; or ..."). */
    public Map<String, String> helpLines() {
      Map<Integer, String> lines = new TreeMap<>(own);
      for (Failure f : EnumSet.copyOf(failures)) {
        lines.merge(f.code, f.meaning, (a, b) -> a + "; or " + b);
      }
      Map<String, String> out = new LinkedHashMap<>();
      lines.forEach((code, text) -> out.put(Integer.toString(code), text));
      return out;
    }

    public Set<Integer> codes() {
      Set<Integer> codes = new TreeSet<>(own.keySet());
      failures.forEach(f -> codes.add(f.code));
      return codes;
    }
  }

  /** Every command with an exit-code list, by its qualified name (as picocli names it). */
  static final Map<String, Listing> COMMANDS =
      Map.of(
          "kvctl lint",
          new Listing(
              Map.of(
                  OK,
                  "no finding at or above --fail-on",
                  FINDINGS,
                  "findings at or above --fail-on",
                  CANNOT_READ,
                  "an input could not be read (a finding; the rest is still linted)"),
              Set.of(Failure.CANNOT_READ, Failure.LOCAL_WRITE)),
          "kvctl rules",
          new Listing(Map.of(OK, "the rules were printed"), Set.of()),
          "kvctl check-access",
          new Listing(
              Map.of(
                  OK,
                  "every object allowed",
                  FINDINGS,
                  "at least one object denied",
                  3,
                  "could not determine (caller lacks read rights, ABAC condition, ARM/Graph failure)"),
              Set.of(Failure.CANNOT_READ, Failure.REMOTE, Failure.LOCAL_WRITE)),
          "kvctl fetch",
          new Listing(
              Map.of(
                  OK, "every file fetched and rendered",
                  FINDINGS, "option findings, or an object cannot be rendered in its format"),
              Set.of(Failure.CANNOT_READ, Failure.REMOTE, Failure.LOCAL_WRITE)),
          "kvctl vault serve",
          new Listing(
              Map.of(
                  OK,
                  "stopped",
                  3,
                  "the seed cannot be read, or the server cannot start (port in use)",
                  130,
                  "interrupted (Ctrl-C), the normal way to stop it"),
              Set.of(Failure.LOCAL_WRITE)),
          "kvctl demo",
          new Listing(
              Map.of(OK, "every step worked", FINDINGS, "a step failed (the message says which)"),
              Set.of()),
          "kvctl version",
          new Listing(Map.of(OK, "the version was printed"), Set.of()),
          "kvctl completion",
          new Listing(Map.of(OK, "the script was printed"), Set.of()));

  private ExitCodes() {}

  /** The code of a failure that escaped a command. */
  public static int of(Exception e) {
    if (e instanceof UnreadableInputException) {
      return CANNOT_READ;
    }
    return ErrorKind.of(e).kvctlExitCode();
  }

  /**
   * The code of one object of {@code kvctl fetch}: its own kind's, except that user input (the
   * volume's options or the object's content do not fit its format) is a finding about the volume,
   * not a usage error of the command line.
   */
  public static int ofObject(KvflexException e) {
    return e.kind() == ErrorKind.USER_INPUT ? FINDINGS : e.kind().kvctlExitCode();
  }

  /** The root's listing: every code some command can return, and the launcher's. */
  static Listing root() {
    Map<Integer, String> own = new TreeMap<>();
    own.put(OK, "success");
    own.put(FINDINGS, "findings, access denied, or a volume that cannot be fetched as asked");
    own.put(LAUNCHER, LAUNCHER_MEANING);
    own.put(130, "interrupted (Ctrl-C)");
    return new Listing(own, EnumSet.allOf(Failure.class));
  }

  /** Writes every command's exit-code list into its help, and the root's. */
  public static void document(CommandLine root) {
    apply(root, root());
    for (CommandLine sub : root.getSubcommands().values()) {
      documentTree(sub);
    }
  }

  private static void documentTree(CommandLine cl) {
    Listing listing = COMMANDS.get(cl.getCommandSpec().qualifiedName());
    if (listing != null) {
      apply(cl, listing);
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      documentTree(sub);
    }
  }

  private static void apply(CommandLine cl, Listing listing) {
    cl.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(listing.helpLines());
  }
}
