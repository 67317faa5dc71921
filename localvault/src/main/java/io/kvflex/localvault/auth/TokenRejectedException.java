package io.kvflex.localvault.auth;

/** A bearer token the vault does not accept; the message is the Key Vault error message. */
public final class TokenRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TokenRejectedException(String message) {
    super(message);
  }
}
