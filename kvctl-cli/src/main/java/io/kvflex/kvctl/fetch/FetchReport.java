package io.kvflex.kvctl.fetch;

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
public record FetchReport(KubeletMount mount, MountRequest request, List<FetchedFile> files) {
  public FetchReport {
    Objects.requireNonNull(mount);
    Objects.requireNonNull(request);
    files = List.copyOf(files);
  }

  /** 0 when every file rendered, else the worst failure's code (3 beats 1). */
  public int exitCode() {
    return files.stream().mapToInt(FetchedFile::exitCode).max().orElse(0);
  }
}
