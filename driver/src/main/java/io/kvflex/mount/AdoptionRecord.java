package io.kvflex.mount;

import io.kvflex.options.KubeletVolumePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One volume an earlier driver mounted, recorded when the installer upgraded the driver so that
 * {@code unmount} may remove exactly that mount later (see {@link AdoptedVolumes}). The identity is
 * the mount as the kernel listed it at that instant: its mount ID and device ({@code major:minor})
 * in the kubelet's mount namespace, its mount point, and the pod uid and volume name the mount
 * point names. No file of the volume is ever read.
 *
 * <p>Only the legacy driver's signature qualifies ({@link #qualifies}): a tmpfs named {@value
 * #LEGACY_SOURCE} ({@code mount -t tmpfs tmpfs <dir>}, as the legacy driver and kvflex releases
 * before the volume marker mounted), mounted from its root at a directory of the kubelet's shape.
 *
 * @param adoptedAt when the installer recorded it (for people; never part of the match)
 */
public record AdoptionRecord(
    int mountId,
    String device,
    String mountPoint,
    String podUid,
    String volumeName,
    String source,
    Instant adoptedAt) {

  /** The tmpfs source the legacy driver (and kvflex before the marker) gave its volumes. */
  public static final String LEGACY_SOURCE = "tmpfs";

  private static final String HEADER = "kvflex adoption v1";
  private static final List<String> KEYS =
      List.of("mount-id", "device", "mount-point", "pod-uid", "volume", "source", "adopted-at");

  public AdoptionRecord {
    Objects.requireNonNull(device);
    Objects.requireNonNull(mountPoint);
    Objects.requireNonNull(podUid);
    Objects.requireNonNull(volumeName);
    Objects.requireNonNull(source);
    Objects.requireNonNull(adoptedAt);
    if (mountId <= 0) {
      throw new IllegalArgumentException("a mount ID is positive: " + mountId);
    }
    if (!device.matches("[0-9]{1,10}:[0-9]{1,10}")) {
      throw new IllegalArgumentException("a device is major:minor: " + device);
    }
    KubeletVolumePath volume =
        volumeOf(mountPoint)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not a kubelet volume directory of driver azure/kv: " + mountPoint));
    if (!volume.podUid().equals(podUid) || !volume.volumeName().equals(volumeName)) {
      throw new IllegalArgumentException(
          "pod uid and volume name differ from those of the mount point " + mountPoint);
    }
    if (source.isEmpty()) {
      throw new IllegalArgumentException("a mount source is not empty");
    }
  }

  /**
   * The volume {@code mount} is, when it has the legacy driver's signature: a tmpfs named {@value
   * #LEGACY_SOURCE}, mounted from its root, at a directory of the kubelet's shape. Anything else
   * (this driver's own tmpfs, another file system, a bind of part of something) never qualifies.
   */
  public static Optional<KubeletVolumePath> qualifies(MountTable.Entry mount) {
    if (!mount.fsType().equals("tmpfs")
        || !mount.source().equals(LEGACY_SOURCE)
        || !mount.root().equals("/")) {
      return Optional.empty();
    }
    return volumeOf(mount.mountPoint());
  }

  /** The record of {@code mount} (which must qualify), adopted at {@code now}. */
  public static AdoptionRecord of(MountTable.Entry mount, Instant now) {
    KubeletVolumePath volume =
        qualifies(mount)
            .orElseThrow(
                () -> new IllegalArgumentException("not a legacy volume: " + mount.describe()));
    return new AdoptionRecord(
        mount.id(),
        mount.device(),
        mount.mountPoint(),
        volume.podUid(),
        volume.volumeName(),
        mount.source(),
        now);
  }

  /**
   * Whether {@code layer}, mounted now at the directory of {@code volume}, is exactly the mount
   * this record names: the same mount ID, device, mount point and source, a tmpfs mounted from its
   * root, for the same pod uid and volume name. A mount made after the adoption at the same
   * directory has another mount ID (the adopted one is still mounted) or another device.
   */
  public boolean matches(MountTable.Entry layer, KubeletVolumePath volume) {
    return layer.id() == mountId
        && layer.device().equals(device)
        && layer.mountPoint().equals(mountPoint)
        && layer.fsType().equals("tmpfs")
        && layer.root().equals("/")
        && layer.source().equals(source)
        && volume.podUid().equals(podUid)
        && volume.volumeName().equals(volumeName);
  }

  /** Whether {@code mount} is the one this record names (the same ID, device and mount point). */
  public boolean sameMount(MountTable.Entry mount) {
    return mount.id() == mountId
        && mount.device().equals(device)
        && mount.mountPoint().equals(mountPoint);
  }

  /** {@code <pod uid>/<volume name>}, as {@link KubeletVolumePath#volumeKey()}. */
  public String volumeKey() {
    return podUid + "/" + volumeName;
  }

  /** The record's file name: the volume's hash, then the mount ID and the device. */
  public String fileName() {
    return fileName(volumeKey(), mountId, device);
  }

  /** The file name of the record of mount {@code id} on {@code device} for volume {@code key}. */
  static String fileName(String volumeKey, int id, String device) {
    return filePrefix(volumeKey) + id + "." + device.replace(':', '-') + AdoptedVolumes.SUFFIX;
  }

  /** The start of the file names of every record of volume {@code key}. */
  static String filePrefix(String volumeKey) {
    return VolumeLocks.sha256Hex(volumeKey).substring(0, 16) + ".";
  }

  /** The file's text: one {@code key value} per line, values escaped as in the mount table. */
  public String text() {
    List<String> values =
        List.of(
            Integer.toString(mountId),
            device,
            mountPoint,
            podUid,
            volumeName,
            source,
            adoptedAt.toString());
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < KEYS.size(); i++) {
      b.append(KEYS.get(i)).append(' ').append(MountTable.escape(values.get(i))).append('\n');
    }
    return b.toString();
  }

  /**
   * Parses a record file's bytes, exactly as {@link #text()} writes them.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static AdoptionRecord parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("incomplete record (no final newline)");
    }
    String[] lines = text.split("\n", -1);
    if (lines.length != KEYS.size() + 2 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a kvflex adoption record");
    }
    String[] values = new String[KEYS.size()];
    for (int i = 0; i < KEYS.size(); i++) {
      String prefix = KEYS.get(i) + " ";
      String line = lines[i + 1];
      if (!line.startsWith(prefix) || line.length() == prefix.length()) {
        throw new IllegalArgumentException("line " + (i + 2) + " is not \"" + prefix + "<value>\"");
      }
      values[i] = MountTable.unescape(line.substring(prefix.length()));
    }
    try {
      return new AdoptionRecord(
          Integer.parseInt(values[0]),
          values[1],
          values[2],
          values[3],
          values[4],
          values[5],
          Instant.parse(values[6]));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("a malformed value: " + e.getMessage(), e);
    }
  }

  private static Optional<KubeletVolumePath> volumeOf(String mountPoint) {
    try {
      return KubeletVolumePath.parse(Path.of(mountPoint));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
