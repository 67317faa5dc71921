package io.kvflex.localvault.seed;

import java.util.List;

/**
 * A key: {@code versions} generated key pairs; {@code enabled} applies to the latest version.
 *
 * @param size RSA modulus bits
 * @param curve EC curve ({@code P-256}, {@code P-384}, {@code P-521})
 */
public record KeySpec(
    String name,
    KeyKind kind,
    int size,
    String curve,
    List<String> keyOps,
    int versions,
    boolean enabled) {}
