package io.kvflex.localvault.seed;

/** A directory (tenant); {@code id} is what tokens and challenges carry. */
public record TenantSpec(String id, String name) {}
