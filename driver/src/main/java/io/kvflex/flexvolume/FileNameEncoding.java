package io.kvflex.flexvolume;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The JVM turns file names into bytes with the charset of the locale it started in ({@code
 * sun.jnu.encoding}; JDK 17 ignores it as a command-line property). The kubelet runs the driver
 * with an empty environment, which means ASCII: the launcher sets a UTF-8 locale, and this check
 * fails a mount whose file names the running JVM cannot write BEFORE anything is fetched or
 * mounted, naming the fix, instead of half-way through.
 */
final class FileNameEncoding {
  private FileNameEncoding() {}

  /** The charset this JVM encodes file names with. */
  static Charset platform() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (RuntimeException e) {
      return StandardCharsets.US_ASCII;
    }
  }

  static void check(MountRequest request, Charset charset) {
    CharsetEncoder encoder = charset.newEncoder();
    for (VaultObjectSpec spec : request.objects()) {
      if (!encoder.canEncode(spec.fileName())) {
        throw new LocalWriteException(
            "file name \""
                + spec.fileName()
                + "\" of "
                + spec.ref().describe()
                + " cannot be written: the driver's Java runtime encodes file names as "
                + charset.name()
                + " because it found no UTF-8 locale; the launcher sets LC_ALL=C.UTF-8, so"
                + " install that locale on the node (or use ASCII aliases)");
      }
    }
  }
}
