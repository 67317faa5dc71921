package io.kvflex.errors;

/**
 * Who must act on a failure, and the process exit code each tool uses for it. The one place that
 * maps the taxonomy to exit codes: kvctl uses {@link #kvctlExitCode()}, the FlexVolume driver
 * always exits 1 on failure (the kubelet protocol) and only varies the message.
 */
public enum ErrorKind {
  /** The manifest, options, flags or input files are wrong: the user fixes them. */
  USER_INPUT(2),
  /** Key Vault, Entra ID, IMDS or NMI refused or failed: fix permissions, identity or retry. */
  REMOTE(3),
  /** The local filesystem or mount failed: the node operator acts. */
  LOCAL_WRITE(4),
  /** A defect in kvflex itself: report it. */
  BUG(70);

  private final int kvctlExitCode;

  ErrorKind(int kvctlExitCode) {
    this.kvctlExitCode = kvctlExitCode;
  }

  public int kvctlExitCode() {
    return kvctlExitCode;
  }
}
