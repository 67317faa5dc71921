package io.kvflex.errors;

/**
 * An exception whose message is already the whole explanation a user sees (what failed, where, why,
 * the fix). A {@link CauseTrail} names such an exception by its class only: its message is in the
 * log line's own {@code message} field, and repeating it would crowd out what lay beneath.
 */
public interface Explained {}
