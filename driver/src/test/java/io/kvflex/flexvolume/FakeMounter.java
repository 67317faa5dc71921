package io.kvflex.flexvolume;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.mount.Mounter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records mounts in memory; the "tmpfs" is just the directory (tests run without root). */
final class FakeMounter implements Mounter {
  final Set<Path> mounted = new HashSet<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile boolean failMount;

  @Override
  public boolean isMountPoint(Path dir) {
    return mounted.contains(dir);
  }

  @Override
  public void mountTmpfs(Path dir, long sizeBytes) {
    calls.add("mount " + dir + " " + sizeBytes);
    if (failMount) {
      throw new LocalWriteException("could not mount a tmpfs at " + dir + ": mount exit 32");
    }
    mounted.add(dir);
  }

  @Override
  public void unmount(Path dir) {
    calls.add("umount " + dir);
    mounted.remove(dir);
  }
}
