package io.kvflex.flexvolume;

import io.kvflex.errors.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The kubelet passes the options JSON (client secrets included) as argv[3] of {@code kv mount}. The
 * launcher does not hand it on in the JVM's argv, which any user can read in {@code
 * /proc/<pid>/cmdline}: it writes it to the JVM's stdin and passes {@value #STDIN} in its place.
 */
final class LauncherArgs {
  static final String STDIN = "@stdin";

  /** Far above the kubelet's own limit (one argv string is at most 128 KiB on Linux). */
  static final int MAX_OPTIONS_BYTES = 1024 * 1024;

  private LauncherArgs() {}

  /** {@code args} with the options read from {@code stdin} when the launcher moved them there. */
  static String[] resolve(String[] args, InputStream stdin) {
    if (args.length != 3 || !args[0].equals("mount") || !args[2].equals(STDIN)) {
      return args;
    }
    try {
      byte[] bytes = stdin.readNBytes(MAX_OPTIONS_BYTES + 1);
      if (bytes.length > MAX_OPTIONS_BYTES) {
        throw new UserInputException(
            "the volume options are larger than " + MAX_OPTIONS_BYTES + " bytes");
      }
      return new String[] {args[0], args[1], new String(bytes, StandardCharsets.UTF_8)};
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the volume options from the launcher", e);
    }
  }
}
