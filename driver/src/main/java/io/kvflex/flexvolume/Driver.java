package io.kvflex.flexvolume;

import io.kvflex.errors.CauseTrail;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.OutOfMemory;
import io.kvflex.flexvolume.log.EventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The FlexVolume verbs as the kubelet calls them: {@code init}, {@code mount <dir> <json>}, {@code
 * unmount <dir>}; everything else is "Not supported", but for the installer's {@code adopt-legacy
 * <mount table>} ({@link AdoptService}), which no kubelet sends. Never throws: any failure becomes
 * a {@link DriverStatus.Failure} whose message is safe to show (redacted, single-line), with the
 * detail in the log.
 */
final class Driver {
  private Driver() {}

  static DriverStatus run(String[] args, DriverWorld world) {
    EventLog log = world.log();
    String verb = args.length == 0 ? "" : args[0];
    Instant start = world.started();
    DriverStatus status;
    try {
      status = dispatch(verb, args, world);
    } catch (KvflexException e) {
      log.error(
          "verb.failed",
          "verb",
          verb,
          "kind",
          e.kind().name().toLowerCase(Locale.ROOT),
          "message",
          e.getMessage(),
          "cause",
          describeCause(e.getCause()));
      status = DriverStatus.failure(log.redactor().redact(e.getMessage()));
    } catch (OutOfMemoryError e) {
      KvflexException k = OutOfMemory.during(sanitizeVerb(verb));
      log.error("verb.failed", "verb", verb, "kind", "memory", "message", k.getMessage());
      status = DriverStatus.failure(k.getMessage());
    } catch (Throwable t) {
      // The edge: nothing may escape as a stack trace on stderr (the kubelet would see it).
      log.error(
          "verb.crashed",
          "verb",
          verb,
          "error",
          t.getClass().getName(),
          "message",
          String.valueOf(t.getMessage()),
          "stack",
          stackTop(t));
      status =
          DriverStatus.failure(
              "kvflex driver internal error during "
                  + sanitizeVerb(verb)
                  + " ("
                  + t.getClass().getSimpleName()
                  + "); details are in the driver log on the node");
    }
    if (!verb.equals("init")) {
      log.info(
          "verb.result",
          "verb",
          sanitizeVerb(verb),
          "status",
          status.getClass().getSimpleName(),
          "exit",
          status.exitCode(),
          "duration_ms",
          Duration.between(start, world.clock().instant()).toMillis());
    }
    return status;
  }

  private static DriverStatus dispatch(String verb, String[] args, DriverWorld world) {
    switch (verb) {
      case "init":
        return DriverStatus.initialized();
      case "mount":
        if (args.length != 3) {
          return DriverStatus.failure(
              "mount needs exactly two arguments, <mount dir> and <options json>; got "
                  + (args.length - 1));
        }
        new MountService(
                world.engine().get(), world.volumes(), world.rotation(), world.log(), world.clock())
            .mount(volumeDir(args[1]), args[2], world.started());
        return DriverStatus.success();
      case "unmount":
        if (args.length != 2) {
          return DriverStatus.failure(
              "unmount needs exactly one argument, <mount dir>; got " + (args.length - 1));
        }
        new UnmountService(world.volumes(), world.rotation(), world.log(), world.clock())
            .unmount(volumeDir(args[1]));
        return DriverStatus.success();
      case "status":
        // Not a kubelet verb: an operator's `kv status` (rotating volumes, as JSON).
        return DriverStatus.document(world.rotation().statusJson());
      case "adopt-legacy":
        // The installer's verb (never the kubelet's): see AdoptService.
        if (args.length != 2) {
          return DriverStatus.failure(
              "adopt-legacy needs exactly one argument, the mount table of the kubelet's mount"
                  + " namespace (e.g. /proc/1/mountinfo); got "
                  + (args.length - 1));
        }
        return new AdoptService(world.volumes(), world.log(), world.clock()).adopt(args[1]);
      default:
        world.log().info("verb.not_supported", "verb", sanitizeVerb(verb), "args", args.length - 1);
        return DriverStatus.notSupported();
    }
  }

  private static Path volumeDir(String arg) {
    try {
      return Path.of(arg);
    } catch (java.nio.file.InvalidPathException e) {
      throw new io.kvflex.errors.UserInputException(
          "the volume directory is not a valid path on this node (" + e.getReason() + ")");
    }
  }

  /** Verbs come from the kubelet, but never echo arbitrary text unbounded. */
  static String sanitizeVerb(String verb) {
    String v = verb.replaceAll("[^A-Za-z0-9_-]", "?");
    return v.length() > 32 ? v.substring(0, 32) : v;
  }

  /** What lay under the failure: its cause trail (see CauseTrail), else the direct cause. */
  private static String describeCause(Throwable cause) {
    String trail = CauseTrail.find(cause);
    if (!trail.isEmpty()) {
      return trail;
    }
    return cause == null ? "" : cause.getClass().getName() + ": " + cause.getMessage();
  }

  private static String stackTop(Throwable t) {
    return String.join(
        " < ", Arrays.stream(t.getStackTrace()).limit(8).map(StackTraceElement::toString).toList());
  }
}
