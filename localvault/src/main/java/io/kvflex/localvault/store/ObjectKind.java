package io.kvflex.localvault.store;

/** The three object kinds, with the words Key Vault uses for them in paths, codes and messages. */
public enum ObjectKind {
  SECRET("secrets", "Secret", "secret"),
  KEY("keys", "Key", "key"),
  CERTIFICATE("certificates", "Certificate", "certificate");

  private final String collection;
  private final String title;
  private final String word;

  ObjectKind(String collection, String title, String word) {
    this.collection = collection;
    this.title = title;
    this.word = word;
  }

  /** Path segment and permission group: {@code secrets}. */
  public String collection() {
    return collection;
  }

  /** As in error codes: {@code SecretNotFound}. */
  public String title() {
    return title;
  }

  /** As in messages: {@code A secret with (name/id) ...}. */
  public String word() {
    return word;
  }
}
