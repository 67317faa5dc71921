package io.kvflex.e2e.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for a secret where it must never be while a call is in flight: in the arguments of the
 * node's processes ({@code /proc/<pid>/cmdline}, world-readable) and in the files of a directory.
 * Reports only where it was found (pid and the first two arguments, or the path), never the text.
 */
final class NodeInspection {
  private NodeInspection() {}

  /**
   * Adds "pid argv0 argv1" for every process of this test's node (what this JVM started: the
   * launchers and everything they start, the node agent) whose arguments hold {@code secret} or its
   * base64. Other processes of a shared machine are not this node's.
   */
  static void holders(String secret, List<String> out) {
    List<byte[]> needles = needles(secret);
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      byte[] cmdline;
      try {
        cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
      } catch (IOException e) {
        continue; // the process ended meanwhile
      }
      if (contains(cmdline, needles)) {
        String[] argv = new String(cmdline, StandardCharsets.UTF_8).split("\0");
        out.add(
            p.pid()
                + " "
                + (argv.length > 0 ? argv[0] : "")
                + " "
                + (argv.length > 1 ? argv[1] : ""));
      }
    }
  }

  /** Adds every regular file under {@code dir} (FIFOs are never read) holding {@code secret}. */
  static void filesHolding(Path dir, String secret, List<Path> out) {
    List<byte[]> needles = needles(secret);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          try {
            if (contains(Files.readAllBytes(f), needles)) {
              out.add(f);
            }
          } catch (IOException e) {
            // removed meanwhile
          }
        }
      }
    } catch (IOException e) {
      // a directory removed while walking: what was seen is the answer
    }
  }

  private static List<byte[]> needles(String secret) {
    List<byte[]> out = new ArrayList<>();
    out.add(secret.getBytes(StandardCharsets.UTF_8));
    out.add(
        Base64.getEncoder()
            .encodeToString(secret.getBytes(StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  private static boolean contains(byte[] haystack, List<byte[]> needles) {
    for (byte[] n : needles) {
      outer:
      for (int i = 0; i + n.length <= haystack.length; i++) {
        for (int j = 0; j < n.length; j++) {
          if (haystack[i + j] != n[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }
}
