package io.kvflex.vault.http;

import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a server's requested retry delay the way azure-core's RetryPolicy does ({@code
 * x-ms-retry-after-ms}, then {@code retry-after-ms}, then {@code Retry-After} in seconds or as an
 * HTTP date), so the deadline check sees the same delay the policy will wait.
 */
public final class RetryAfter {
  private RetryAfter() {}

  public static Optional<Duration> from(HttpHeaders headers, OffsetDateTime now) {
    Optional<Duration> ms = millis(headers.getValue("x-ms-retry-after-ms"));
    if (ms.isPresent()) {
      return ms;
    }
    ms = millis(headers.getValue("retry-after-ms"));
    if (ms.isPresent()) {
      return ms;
    }
    String value = headers.getValue("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        OffsetDateTime at =
            OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Duration> millis(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofMillis(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
