package io.kvflex.flexvolume;

import io.kvflex.mount.HostProcessRunner;
import io.kvflex.mount.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The host tools of the AppCDS training run ({@link TrainingMount}), without root: each {@code
 * mount}/{@code umount} runs {@code true} through the real {@link HostProcessRunner} (so the
 * process classes load as in a real mount) and is recorded in a mountinfo file of its own, which
 * the driver's {@code MountTable} reads instead of {@code /proc/self/mountinfo}. Bind mounts copy
 * nothing: the training needs the driver's code path, not the files at the target.
 */
final class TrainingMountTable implements ProcessRunner {
  private final Path mountInfo;
  private final HostProcessRunner host = new HostProcessRunner();
  private int nextId = 1000;

  TrainingMountTable(Path mountInfo) throws IOException {
    this.mountInfo = mountInfo;
    Files.writeString(mountInfo, "1 0 0:1 / / rw - rootfs rootfs rw\n");
  }

  Path file() {
    return mountInfo;
  }

  @Override
  public synchronized Result run(List<String> argv, Duration timeout) {
    Result ran = host.run(List.of("true"), timeout);
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(mountInfo, StandardCharsets.UTF_8));
      String tool = Path.of(argv.get(0)).getFileName().toString();
      String target = argv.get(argv.size() - 1);
      if (tool.equals("umount")) {
        for (int i = lines.size() - 1; i >= 0; i--) {
          if (lines.get(i).split(" ")[4].equals(escape(target))) {
            lines.remove(i);
            break;
          }
        }
      } else if (argv.contains("--bind")) {
        String from = argv.get(argv.size() - 2);
        String source =
            top(lines, escape(from)).map(l -> l.split(" - ")[1]).orElse("tmpfs none rw");
        lines.add(line(lines, target, source));
      } else {
        String source = argv.get(argv.size() - 2);
        lines.add(line(lines, target, "tmpfs " + escape(source) + " rw"));
      }
      Files.write(mountInfo, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ran;
  }

  private String line(List<String> lines, String mountPoint, String fsTypeSourceOptions) {
    String parent = top(lines, escape(mountPoint)).map(l -> l.split(" ")[0]).orElse("1");
    int id = nextId++;
    return id
        + " "
        + parent
        + " 0:"
        + id
        + " / "
        + escape(mountPoint)
        + " rw,nosuid,nodev,noexec - "
        + fsTypeSourceOptions;
  }

  private static java.util.Optional<String> top(List<String> lines, String mountPoint) {
    String found = null;
    for (String l : lines) {
      if (l.split(" ")[4].equals(mountPoint)) {
        found = l;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  private static String escape(String path) {
    return path.replace("\\", "\\134").replace(" ", "\\040");
  }
}
