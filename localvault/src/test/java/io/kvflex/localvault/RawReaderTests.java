package io.kvflex.localvault;

import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that talk raw HTTP to the shared localvault as the {@code it-reader} client:
 * one place that starts (or reuses) the vault and gets the reader's token.
 */
abstract class RawReaderTests {
  static LocalVault lv;
  static Raw raw;
  static String reader;

  @BeforeAll
  static void start() {
    lv = TestVaults.shared();
    raw = new Raw(lv);
    reader = raw.token("it-reader", "reader-secret-value");
  }
}
