package io.kvflex.vault.http;

import io.kvflex.options.Sensitive;
import java.util.Objects;

/**
 * The user name and password of a proxy URL ({@code http://user:pass@proxy:3128}). Both are
 * secrets: {@link #toString()} shows neither, and they leave this record only as the {@link
 * PasswordAuthentication} handed to the JDK HTTP client when the proxy asks (407).
 */
public record ProxyCredentials(Sensitive user, Sensitive password) {

  public ProxyCredentials {
    Objects.requireNonNull(user);
    Objects.requireNonNull(password);
  }

  @Override
  public String toString() {
    return "ProxyCredentials[****]";
  }
}
