package io.kvflex.flexvolume;

import io.kvflex.errors.UserInputException;
import io.kvflex.flexvolume.log.EventLog;
import io.kvflex.mount.LegacyAdoption;
import io.kvflex.mount.MountTable;
import io.kvflex.mount.VolumeLifecycle;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kv adopt-legacy <mount table>}: the installer runs it with the release it is about to
 * install, before the kubelet is switched to it, so that volumes an earlier driver mounted (a tmpfs
 * named {@code tmpfs} without this driver's marker) can be unmounted by this one later. The kubelet
 * never calls this verb (its verbs are fixed: {@code init}, {@code mount}, {@code unmount}, and
 * those answered "Not supported"); called anyway, it only records mounts that exist at that
 * instant, unmounts nothing and reads no file of any volume. See {@link LegacyAdoption}.
 */
final class AdoptService {
  /** How long the run waits for the adoption lock and each volume's lock. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(5);

  /** Mount points named in the answer; the rest are counted (the log names every one). */
  static final int LISTED = 8;

  private final VolumeLifecycle lifecycle;
  private final EventLog log;
  private final Clock clock;

  AdoptService(VolumeLifecycle lifecycle, EventLog log, Clock clock) {
    this.lifecycle = lifecycle;
    this.log = log;
    this.clock = clock;
  }

  DriverStatus adopt(String tableArg) {
    Path table = tablePath(tableArg);
    Instant now = clock.instant();
    LegacyAdoption.Result result =
        lifecycle.adoptLegacy(new MountTable(table), now, now.plus(LOCK_WAIT));
    log.info(
        "adopt.done",
        "table",
        table,
        "adopted",
        result.adopted().size(),
        "kept",
        result.kept(),
        "pruned",
        result.pruned());
    return DriverStatus.success(summary(result));
  }

  static String summary(LegacyAdoption.Result result) {
    List<String> adopted = result.adopted();
    StringBuilder b = new StringBuilder();
    if (adopted.isEmpty()) {
      b.append("no new volume of an earlier driver to adopt");
    } else {
      b.append("adopted ")
          .append(adopted.size())
          .append(adopted.size() == 1 ? " volume" : " volumes")
          .append(" an earlier driver mounted (kv unmount removes exactly these mounts): ")
          .append(String.join(", ", adopted.subList(0, Math.min(LISTED, adopted.size()))));
      if (adopted.size() > LISTED) {
        b.append(" and ").append(adopted.size() - LISTED).append(" more (see the driver log)");
      }
    }
    b.append("; ").append(result.kept()).append(" adopted earlier and still mounted");
    b.append("; ").append(result.pruned()).append(" records of volumes no longer mounted removed");
    return b.toString();
  }

  private static Path tablePath(String arg) {
    try {
      Path p = Path.of(arg);
      if (p.isAbsolute()) {
        return p;
      }
    } catch (InvalidPathException e) {
      // reported below
    }
    throw new UserInputException(
        "adopt-legacy needs the absolute path of the mount table of the kubelet's mount namespace"
            + " (e.g. /proc/1/mountinfo; the installer reads the node's as"
            + " /host/proc/1/mountinfo); its argument is not one");
  }
}
