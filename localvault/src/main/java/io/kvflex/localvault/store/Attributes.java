package io.kvflex.localvault.store;

/**
 * Key Vault object attributes; times are Unix seconds, {@code null} when unset.
 *
 * @param recoverableDays soft-delete retention, as real vaults report it
 */
public record Attributes(
    boolean enabled,
    Long notBefore,
    Long expires,
    long created,
    long updated,
    int recoverableDays) {

  public static final String RECOVERY_LEVEL = "Recoverable+Purgeable";

  public static Attributes created(long now, boolean enabled) {
    return new Attributes(enabled, null, null, now, now, 90);
  }

  public Attributes withEnabled(boolean value, long now) {
    return new Attributes(value, notBefore, expires, created, now, recoverableDays);
  }

  public Attributes withValidity(Long nbf, Long exp) {
    return new Attributes(enabled, nbf, exp, created, updated, recoverableDays);
  }
}
