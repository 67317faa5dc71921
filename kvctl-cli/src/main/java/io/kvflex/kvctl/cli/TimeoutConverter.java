package io.kvflex.kvctl.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --timeout}: {@code 90}, {@code 90s}, {@code 2m} or {@code 1m30s}, from 5 s to 10 min (the
 * bounds of the volume option {@code timeout} it replaces, so the driver's parser accepts it).
 */
public final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {
  public static final Duration MIN = Duration.ofSeconds(5);
  public static final Duration MAX = Duration.ofMinutes(10);
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})m)?(?:(\\d{1,5})s?)?");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches() && (m.group(1) != null || m.group(2) != null)) {
      long minutes = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      long seconds = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      Duration d = Duration.ofMinutes(minutes).plusSeconds(seconds);
      if (d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0) {
        return d;
      }
    }
    throw new CommandLine.TypeConversionException(
        "'" + value + "' is not a duration from 5s to 10m (e.g. 20s, 2m, 1m30s)");
  }

  /** The volume option's spelling of {@code d}. */
  public static String optionValue(Duration d) {
    return d.toSeconds() + "s";
  }
}
