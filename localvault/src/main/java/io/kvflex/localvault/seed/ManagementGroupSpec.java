package io.kvflex.localvault.seed;

/**
 * A management group; {@code parent} is another group's name or the tenant root group (whose name
 * is the tenant id, as in Azure).
 */
public record ManagementGroupSpec(String name, String tenant, String parent) {}
