package io.kvflex.kvctl.archfixture;

/** A kvctl class reaching into the vault adapter, which {@code ArchitectureTest} must reject. */
final class UsesDriverInternals {
  io.kvflex.vault.http.Deadline deadline;
}
