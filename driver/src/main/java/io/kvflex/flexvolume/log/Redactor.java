package io.kvflex.flexvolume.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masks known secret values in text before it is logged or returned to the kubelet. The driver
 * registers every secret it learns during a mount (client secret, fetched secret values, the raw
 * options JSON); the log API is structured, so this is defence in depth against a value reaching a
 * message through an exception from a library.
 */
public final class Redactor {
  /** Shorter values would mask ordinary words; no secret we handle is this short in practice. */
  static final int MIN_LENGTH = 6;

  public static final String MASK = "****";

  private final List<String> values = new CopyOnWriteArrayList<>();

  /** Registers a secret value and its base64 forms (the kubelet passes Secret keys in base64). */
  public void register(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    add(value);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    add(Base64.getEncoder().encodeToString(bytes));
    add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    // Multi-line values (PEM) may surface line by line in a message.
    for (String line : value.split("\\R")) {
      if (line.length() >= MIN_LENGTH * 2) {
        add(line.strip());
      }
    }
  }

  /** Registers secret bytes (decoded as UTF-8 when they are text). */
  public void register(byte[] value) {
    register(new String(value, StandardCharsets.UTF_8));
  }

  private void add(String value) {
    if (value.length() >= MIN_LENGTH && !values.contains(value)) {
      values.add(value);
    }
  }

  /** The text with every registered value replaced by {@link #MASK}. */
  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    List<String> longestFirst = new ArrayList<>(values);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String result = text;
    for (String value : longestFirst) {
      if (result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    return result;
  }

  /**
   * A redactor masking what either {@code a} or {@code b} knows now (a call's and its process's).
   */
  static Redactor union(Redactor a, Redactor b) {
    Redactor both = new Redactor();
    both.values.addAll(a.values);
    for (String v : b.values) {
      if (!both.values.contains(v)) {
        both.values.add(v);
      }
    }
    return both;
  }
}
