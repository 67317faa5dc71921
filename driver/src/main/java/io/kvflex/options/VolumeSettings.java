package io.kvflex.options;

import static io.kvflex.options.Texts.quote;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar volume settings: {@code filemode}, {@code tmpfssize}, {@code timeout}, {@code
 * rotationpollinterval} and fsGroup.
 */
final class VolumeSettings {
  static final int DEFAULT_FILE_MODE = 0644;
  static final long MIB = 1024L * 1024L;
  static final long DEFAULT_TMPFS_SIZE = 16 * MIB;
  static final long MIN_TMPFS_SIZE = MIB;
  static final long MAX_TMPFS_SIZE = 1024 * MIB;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /**
   * The user-facing floor of rotation: below it one volume alone polls faster than any secret is
   * worth re-reading, and many pods multiply it into the vault's request limit (docs/rotation.md).
   */
  static final Duration MIN_ROTATION_POLL_INTERVAL = Duration.ofSeconds(5);

  static final Duration MAX_ROTATION_POLL_INTERVAL = Duration.ofHours(24);

  private static final Pattern OCTAL = Pattern.compile("^(?:0o)?([0-7]{1,5})$");
  private static final Pattern SIZE = Pattern.compile("^([0-9]{1,12})([kmg]i?)?$");
  private static final Pattern DURATION =
      Pattern.compile("^(?:([0-9]{1,4})m)?(?:([0-9]{1,6})s?)?$");
  private static final Pattern LONG_DURATION =
      Pattern.compile("^(?:([0-9]{1,3})h)?(?:([0-9]{1,5})m)?(?:([0-9]{1,6})s?)?$");

  private final RawOptions options;
  private final Problems problems;

  VolumeSettings(RawOptions options, Problems problems) {
    this.options = options;
    this.problems = problems;
  }

  int fileMode() {
    Optional<String> v = options.text(KnownOptions.FILE_MODE);
    if (v.isEmpty()) {
      return DEFAULT_FILE_MODE;
    }
    Matcher m = OCTAL.matcher(v.get().toLowerCase(Locale.ROOT));
    String why;
    if (!m.matches()) {
      why = "is not an octal mode";
    } else {
      int mode = Integer.parseInt(m.group(1), 8);
      if (mode > 0777) {
        why = "sets setuid, setgid or sticky bits, which files in a volume must not have";
      } else if ((mode & 0400) == 0) {
        why = "leaves the file unreadable to its owner";
      } else if ((mode & 0002) != 0) {
        why =
            "lets any user write the files (others have the write bit), so one process could"
                + " replace the secrets another one reads";
      } else {
        return mode;
      }
    }
    problems.add(
        OptionRule.INVALID_FILEMODE,
        KnownOptions.FILE_MODE,
        "option filemode "
            + quote(v.get())
            + " "
            + why
            + "; give an octal mode from 0400 to 0775 that includes owner read and not the write"
            + " bit for others, e.g. \"0640\" (default 0644)");
    return DEFAULT_FILE_MODE;
  }

  /** Bytes; {@code k/m/g} (tmpfs spelling) and {@code Ki/Mi/Gi} are both powers of 1024. */
  long tmpfsSize() {
    Optional<String> v = options.text(KnownOptions.TMPFS_SIZE);
    if (v.isEmpty()) {
      return DEFAULT_TMPFS_SIZE;
    }
    Matcher m = SIZE.matcher(v.get().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1);
      long bytes =
          switch (unit) {
            case "k" -> n * 1024L;
            case "m" -> n * MIB;
            case "g" -> n * 1024L * MIB;
            default -> n;
          };
      if (n <= MAX_TMPFS_SIZE && bytes >= MIN_TMPFS_SIZE && bytes <= MAX_TMPFS_SIZE) {
        return bytes;
      }
    }
    problems.add(
        OptionRule.INVALID_TMPFS_SIZE,
        KnownOptions.TMPFS_SIZE,
        "option tmpfssize "
            + quote(v.get())
            + " is not a size from 1Mi to 1Gi; write bytes or a number with k, m, g (or Ki, Mi,"
            + " Gi; all powers of 1024), e.g. \"16m\" (default 16m)");
    return DEFAULT_TMPFS_SIZE;
  }

  /** {@code 90}, {@code 90s}, {@code 2m} or {@code 1m30s}. */
  Duration timeout() {
    Optional<String> v = options.text(KnownOptions.TIMEOUT);
    if (v.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    Matcher m = DURATION.matcher(v.get().toLowerCase(Locale.ROOT));
    if (m.matches() && (m.group(1) != null || m.group(2) != null)) {
      long minutes = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      long seconds = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      Duration d = Duration.ofMinutes(minutes).plusSeconds(seconds);
      if (d.compareTo(MIN_TIMEOUT) >= 0 && d.compareTo(MAX_TIMEOUT) <= 0) {
        return d;
      }
    }
    problems.add(
        OptionRule.INVALID_TIMEOUT,
        KnownOptions.TIMEOUT,
        "option timeout "
            + quote(v.get())
            + " is not a duration from 5s to 10m; write seconds or minutes, e.g. \"90s\", \"2m\""
            + " or \"1m30s\" (default 60s)");
    return DEFAULT_TIMEOUT;
  }

  /**
   * {@code 30s}, {@code 2m}, {@code 1h}, {@code 1h30m} or seconds; empty when absent (the volume is
   * fetched once, at mount).
   */
  Optional<Duration> rotationPollInterval() {
    Optional<String> v = options.text(KnownOptions.ROTATION_POLL_INTERVAL);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = LONG_DURATION.matcher(v.get().toLowerCase(Locale.ROOT));
    if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
      Duration d =
          Duration.ofHours(number(m.group(1)))
              .plusMinutes(number(m.group(2)))
              .plusSeconds(number(m.group(3)));
      if (d.compareTo(MIN_ROTATION_POLL_INTERVAL) >= 0
          && d.compareTo(MAX_ROTATION_POLL_INTERVAL) <= 0) {
        return Optional.of(d);
      }
    }
    problems.add(
        OptionRule.INVALID_ROTATION_POLL_INTERVAL,
        KnownOptions.ROTATION_POLL_INTERVAL,
        "option rotationpollinterval "
            + quote(v.get())
            + " is not a duration from 5s to 24h; write e.g. \"30s\", \"2m\" or \"1h\" (or"
            + " remove the option: without it the files are fetched once, when the pod starts)");
    return Optional.empty();
  }

  /** A rotation interval on a volume whose every object is pinned never fetches anything. */
  void warnRotationWithoutEffect(
      Optional<Duration> interval, java.util.List<VaultObjectSpec> objects) {
    if (interval.isPresent()
        && !objects.isEmpty()
        && objects.stream().allMatch(o -> o.version().isPresent())) {
      problems.add(
          OptionRule.UNUSED_OPTION,
          KnownOptions.ROTATION_POLL_INTERVAL,
          "option rotationpollinterval is ignored: every object is pinned to a version in"
              + " keyvaultobjectversions, and a pinned version never changes; remove the option, or"
              + " leave the version empty for the objects that should follow the latest version");
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /** The pod's fsGroup: {@code mounterArgs.FsGroup} (kubelet 1.15+), else the older key. */
  OptionalInt fsGroup() {
    for (String key : new String[] {KnownOptions.FS_GROUP, KnownOptions.FS_GROUP_LEGACY}) {
      Optional<String> v = options.text(key);
      if (v.isPresent()) {
        try {
          long gid = Long.parseLong(v.get());
          if (gid >= 0 && gid <= Integer.MAX_VALUE) {
            return OptionalInt.of((int) gid);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        problems.add(
            OptionRule.INVALID_FSGROUP,
            key,
            key
                + " is "
                + quote(v.get())
                + ", not a group id from 0 to "
                + Integer.MAX_VALUE
                + "; it comes from the pod's securityContext.fsGroup, fix it there (and never set"
                + " kubernetes.io/* keys in flexVolume.options)");
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }
}
