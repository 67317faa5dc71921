package io.kvflex.vault.credentials;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls short, well-formed codes out of server or SDK text. Only what matches these strict patterns
 * is ever shown to users; the rest of the text (which can echo request data) is dropped.
 */
public final class SafeCodes {
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{5,8}");
  private static final Pattern OAUTH_ERROR = Pattern.compile("[a-z][a-z_]{2,40}");
  private static final Pattern JSON_CODE =
      Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z][A-Za-z0-9_.]{1,60})\"");

  private SafeCodes() {}

  /** The first {@code AADSTSnnnnn} code in {@code text}. */
  public static Optional<String> aadsts(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = AADSTS.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** An OAuth2 error code such as {@code invalid_client}, if {@code code} looks like one. */
  public static Optional<String> oauthError(String code) {
    return code != null && OAUTH_ERROR.matcher(code).matches()
        ? Optional.of(code)
        : Optional.empty();
  }

  /** Every {@code "code":"X"} value in a Key Vault error body, outermost first. */
  public static Set<String> jsonCodes(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = JSON_CODE.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
