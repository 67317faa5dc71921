package io.kvflex.mount;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A second process for {@link VolumeLocksTest}: takes the lock of a volume key in a run directory,
 * prints {@code locked}, and holds it until its stdin closes (or it is killed).
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    VolumeLocks locks = new VolumeLocks(new RunDir(Path.of(args[0])), Clock.systemUTC());
    try (VolumeLocks.Held held = locks.acquire(args[1], Instant.now().plusSeconds(60), "test")) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until stdin closes
      }
    }
  }
}
