package io.kvflex.errors;

/**
 * Who must act on a failure: the one map from the taxonomy to what each tool reports. kvctl exits
 * with {@link #kvctlExitCode()} and its help says {@link #meaning()} (kvctl's {@code ExitCodes}
 * builds every command's exit-code list from here). The FlexVolume driver has a single failure
 * code: it answers {@code {"status":"Failure","message":...}} with {@link #DRIVER_FAILURE_EXIT} for
 * every kind (the kubelet protocol knows no other), the exception's message being the message.
 */
public enum ErrorKind {
  /** The manifest, options, flags or input files are wrong: the user fixes them. */
  USER_INPUT(2, "usage error: a flag, option or input is wrong (the message names it)"),
  /** Key Vault, Entra ID, IMDS or NMI refused or failed: fix permissions, identity or retry. */
  REMOTE(3, "Key Vault, Entra ID, IMDS or NMI refused or failed (the message says what to fix)"),
  /** The local filesystem or mount failed: the node operator acts. */
  LOCAL_WRITE(4, "a local file or directory could not be written"),
  /** A defect in kvflex itself: report it. */
  BUG(70, "internal error, a kvflex defect: please report it");

  /** The driver's exit code for any failure (0 is Success and Not supported). */
  public static final int DRIVER_FAILURE_EXIT = 1;

  private final int kvctlExitCode;
  private final String meaning;

  ErrorKind(int kvctlExitCode, String meaning) {
    this.kvctlExitCode = kvctlExitCode;
    this.meaning = meaning;
  }

  public int kvctlExitCode() {
    return kvctlExitCode;
  }

  /** What the kvctl exit code says, for help texts: one clause, no final period. */
  public String meaning() {
    return meaning;
  }

  /**
   * The kind of any throwable: the taxonomy's own, else {@link #BUG} (nothing else is expected).
   */
  public static ErrorKind of(Throwable t) {
    return t instanceof KvflexException k ? k.kind() : BUG;
  }
}
