package io.kvflex.e2e.steps;

import io.kvflex.e2e.framework.DriverReply;
import io.kvflex.e2e.framework.Mount;
import io.kvflex.localvault.stats.RequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pods, mounts and driver replies of this scenario. */
public final class MountContext {
  /** Every mount attempt, in order. */
  final List<Mount> mounts = new ArrayList<>();

  /** Every reply the driver gave in this scenario (leak checks look at all of them). */
  final List<DriverReply> replies = new ArrayList<>();

  /** The latest reply to a mount (or mount again). */
  Optional<DriverReply> lastMountReply = Optional.empty();

  /** The latest reply to any other verb. */
  Optional<DriverReply> lastReply = Optional.empty();

  /** Pods named by "another pod" so far. */
  private int otherPods;

  /** Request counts just before the latest mount. */
  Optional<RequestCounts> countsBefore = Optional.empty();

  synchronized void recordMount(Mount m) {
    mounts.add(m);
    replies.add(m.reply());
    lastMountReply = Optional.of(m.reply());
  }

  synchronized void recordMountAgain(DriverReply r) {
    replies.add(r);
    lastMountReply = Optional.of(r);
  }

  synchronized void recordOther(DriverReply r) {
    replies.add(r);
    lastReply = Optional.of(r);
  }

  /** A pod name not used yet in this scenario: {@code app-2}, {@code app-3}, ... */
  synchronized String anotherPodName() {
    return "app-" + (++otherPods + 1);
  }

  Mount lastMount() {
    if (mounts.isEmpty()) {
      throw new IllegalStateException("no pod has mounted a volume yet in this scenario");
    }
    return mounts.get(mounts.size() - 1);
  }

  DriverReply lastMountReply() {
    return lastMountReply.orElseThrow(
        () -> new IllegalStateException("no mount was attempted yet in this scenario"));
  }

  List<Mount> failedMounts() {
    return mounts.stream().filter(m -> !m.reply().succeeded()).toList();
  }

  String allOutput() {
    StringBuilder b = new StringBuilder();
    replies.forEach(r -> b.append(r.output()).append('\n'));
    return b.toString();
  }
}
