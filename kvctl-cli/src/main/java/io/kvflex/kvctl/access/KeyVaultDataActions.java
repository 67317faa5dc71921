package io.kvflex.kvctl.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Every data action of Key Vault vaults, as Microsoft publishes them ({@code
 * keyvault-data-actions.txt} names the page and date), and how much each one exposes. Role
 * wildcards are expanded against this list to say what else a role grants.
 */
final class KeyVaultDataActions {
  static final String PREFIX = "Microsoft.KeyVault/vaults/";
  private static final String RESOURCE = "keyvault-data-actions.txt";

  /** What a data action lets its holder do, from least to most exposing. */
  enum Exposure {
    /** Metadata, public keys and certificates. */
    READ,
    /** Cryptographic operations that need only public material (encrypt, wrap, verify). */
    PUBLIC_OPERATION,
    /** Creates, changes, deletes, backs up or restores objects. */
    WRITE,
    /** A secret value or the use of a private key (getSecret, decrypt, unwrap, sign, release). */
    VALUE
  }

  private static final List<String> ALL = load();

  private KeyVaultDataActions() {}

  static List<String> all() {
    return ALL;
  }

  static Exposure exposure(String dataAction) {
    String a = dataAction.toLowerCase(Locale.ROOT);
    if (a.endsWith("/read") || a.endsWith("/readmetadata/action")) {
      return Exposure.READ;
    }
    for (String value : List.of("getsecret", "decrypt", "unwrap", "sign", "release")) {
      if (a.endsWith("/" + value + "/action")) {
        return Exposure.VALUE;
      }
    }
    for (String op : List.of("encrypt", "wrap", "verify")) {
      if (a.endsWith("/" + op + "/action")) {
        return Exposure.PUBLIC_OPERATION;
      }
    }
    return Exposure.WRITE;
  }

  /**
   * {@code secrets/getSecret/action} for {@code
   * Microsoft.KeyVault/vaults/secrets/getSecret/action}.
   */
  static String shortName(String dataAction) {
    return dataAction.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        ? dataAction.substring(PREFIX.length())
        : dataAction;
  }

  private static List<String> load() {
    try (InputStream in = KeyVaultDataActions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from kvctl's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
