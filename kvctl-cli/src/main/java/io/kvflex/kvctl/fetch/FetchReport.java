package io.kvflex.kvctl.fetch;

import io.kvflex.engine.ObjectOutcome;
import io.kvflex.kvctl.cli.ExitCodes;
import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.options.MountRequest;
import java.util.List;
import java.util.Objects;

/**
 * The result of fetching one volume.
 *
 * @param mount the volume and pod
 * @param request the validated options
 * @param files one per object of the volume, in option order
 */
public record FetchReport(KubeletMount mount, MountRequest request, List<ObjectOutcome> files) {
  public FetchReport {
    Objects.requireNonNull(mount);
    Objects.requireNonNull(request);
    files = List.copyOf(files);
  }

  /** 0 when every file rendered, else the highest failure's code (3 beats 1). */
  public int exitCode() {
    return exitCode(files);
  }

  /** The exit code of a volume's outcomes ({@link ExitCodes#ofObject} of each failure). */
  static int exitCode(List<ObjectOutcome> outcomes) {
    return outcomes.stream()
        .flatMap(o -> o.failure().stream())
        .mapToInt(ExitCodes::ofObject)
        .max()
        .orElse(ExitCodes.OK);
  }
}
