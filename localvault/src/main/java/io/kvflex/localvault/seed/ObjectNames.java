package io.kvflex.localvault.seed;

import java.util.regex.Pattern;

/** Names of secrets, keys and certificates, as Key Vault accepts them. */
public final class ObjectNames {
  /** 1-127 letters, digits and hyphens (the specs' {@code ^[0-9a-zA-Z-]+$}, with its length). */
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

  private ObjectNames() {}

  public static boolean valid(String name) {
    return NAME.matcher(name).matches();
  }
}
