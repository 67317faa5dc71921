package io.kvflex.flexvolume;

import io.kvflex.errors.BugException;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of what determines a volume's content and layout: vault, tenant, cloud, identity (as
 * {@link io.kvflex.options.IdentityMode#describe()}: mode and client id, never a secret), each
 * object (type, name, version, file, format), file mode, fsGroup, size, pod uid and the rotation
 * interval when there is one. It identifies "this request" in the volume marker and the tmpfs
 * source; the timeout is not part of it.
 */
final class VolumeFingerprint {
  private VolumeFingerprint() {}

  static String of(MountRequest r) {
    StringBuilder b = new StringBuilder("kvflex-volume/1\n");
    line(b, "vault", r.vaultName());
    line(b, "tenant", r.tenantId());
    line(b, "cloud", r.cloud().name().optionValue());
    line(b, "cloudenv", r.cloud().environmentFile().map(Object::toString).orElse("-"));
    line(b, "identity", r.identity().describe());
    for (VaultObjectSpec o : r.objects()) {
      line(
          b,
          "object",
          String.join(
              "\u0000",
              o.type().optionValue(),
              o.name(),
              o.version().orElse("-"),
              o.fileName(),
              o.format().name()));
    }
    line(b, "filemode", Integer.toOctalString(r.fileMode()));
    line(b, "fsgroup", r.fsGroup().isPresent() ? Integer.toString(r.fsGroup().getAsInt()) : "-");
    line(b, "size", Long.toString(r.tmpfsSizeBytes()));
    line(b, "pod", r.pod().uid());
    if (r.rotationPollInterval().isPresent()) {
      // Only when set: volumes without rotation keep the fingerprint earlier releases gave them.
      line(b, "rotation", Long.toString(r.rotationPollInterval().get().toSeconds()));
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new BugException("SHA-256 is missing from the Java runtime", e);
    }
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('=').append(value.replace("\n", "\\n")).append('\n');
  }
}
