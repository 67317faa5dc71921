package io.kvflex.localvault.seed;

import java.util.Set;

/**
 * An access policy entry: the permissions of one identity (service principal or managed identity,
 * by name, client id or object id) per object kind, e.g. {@code get}, {@code list}, {@code set}.
 */
public record AccessSpec(
    String identity, Set<String> secrets, Set<String> keys, Set<String> certificates) {}
