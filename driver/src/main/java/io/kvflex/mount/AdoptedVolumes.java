package io.kvflex.mount;

import io.kvflex.errors.LocalWriteException;
import io.kvflex.options.KubeletVolumePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The adoption records under {@code <run dir>/adopted/}, one file per adopted mount, named {@code
 * <16 hex digits of the volume's hash>.<mount ID>.<major>-<minor>.adopted}, so {@code unmount}
 * finds the record of the exact mount it sees without listing anything.
 *
 * <p>A record is written to a temporary file ({@code .tmp-<random>}, created exclusively, mode
 * 0600, never through a link), flushed, then renamed onto its name: a {@code kill -9} at any
 * instant leaves either no record or a complete one (and perhaps a temporary file, which no reader
 * opens and the next adoption run deletes). Writers hold the adoption lock and the volume's lock;
 * deleting a record happens under the volume's lock. The run directory is root-only and gone after
 * a reboot, like the mounts and mount IDs the records name.
 */
public final class AdoptedVolumes {
  static final String SUFFIX = ".adopted";
  private static final String TEMP_PREFIX = ".tmp-";
  private static final int MAX_BYTES = 8192;

  private final RunDir runDir;
  private final CrashPoints crash;
  private final MountEvents events;
  private final SecureRandom random = new SecureRandom();

  public AdoptedVolumes(RunDir runDir, CrashPoints crash, MountEvents events) {
    this.runDir = runDir;
    this.crash = crash;
    this.events = events;
  }

  /** The record of exactly {@code layer} at the directory of {@code volume}, if it was adopted. */
  public Optional<AdoptionRecord> find(MountTable.Entry layer, KubeletVolumePath volume) {
    if (layer.id() <= 0 || !layer.device().matches("[0-9]{1,10}:[0-9]{1,10}")) {
      return Optional.empty(); // never a record's: its name could not even be formed
    }
    return runDir
        .adoptedIfPresent()
        .flatMap(
            dir ->
                read(
                    dir.resolve(
                        AdoptionRecord.fileName(volume.volumeKey(), layer.id(), layer.device()))))
        .filter(r -> r.matches(layer, volume));
  }

  /** Every record of {@code volume}. */
  public List<AdoptionRecord> ofVolume(KubeletVolumePath volume) {
    return list(AdoptionRecord.filePrefix(volume.volumeKey()) + "*" + SUFFIX);
  }

  /** Every record. */
  public List<AdoptionRecord> all() {
    return list("*" + SUFFIX);
  }

  /**
   * Writes {@code record} atomically (replacing an older record of the same mount).
   *
   * @throws LocalWriteException when it cannot be written (nothing is left but a temporary file)
   */
  void write(AdoptionRecord record) {
    Path dir = runDir.adopted();
    byte[] id = new byte[8];
    random.nextBytes(id);
    Path temp = dir.resolve(TEMP_PREFIX + HexFormat.of().formatHex(id));
    try {
      try (FileChannel out =
          FileChannel.open(
              temp,
              Set.of(
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ByteBuffer bytes = ByteBuffer.wrap(record.text().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      crash.reached(CrashPoints.Step.ADOPTION_WRITTEN);
      Files.move(
          temp,
          dir.resolve(record.fileName()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new LocalWriteException(
          "could not write the adoption record of "
              + record.mountPoint()
              + " into "
              + dir
              + ": "
              + e,
          e);
    }
  }

  /** Deletes {@code record}'s file; true when it was there. */
  boolean delete(AdoptionRecord record) {
    Optional<Path> dir = runDir.adoptedIfPresent();
    if (dir.isEmpty()) {
      return false;
    }
    try {
      return Files.deleteIfExists(dir.get().resolve(record.fileName()));
    } catch (IOException e) {
      throw new LocalWriteException(
          "could not delete the adoption record of " + record.mountPoint() + ": " + e, e);
    }
  }

  /** Deletes the temporary files of writers that died (only under the adoption lock). */
  int removeTemps() {
    int removed = 0;
    for (Path t : files(TEMP_PREFIX + "*")) {
      removed += deleteQuietly(t) ? 1 : 0;
    }
    return removed;
  }

  private List<AdoptionRecord> list(String glob) {
    List<AdoptionRecord> out = new ArrayList<>();
    for (Path f : files(glob)) {
      read(f).ifPresent(out::add);
    }
    return out;
  }

  private List<Path> files(String glob) {
    Optional<Path> dir = runDir.adoptedIfPresent();
    if (dir.isEmpty()) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.get(), glob)) {
      files.forEach(out::add);
    } catch (IOException e) {
      throw new LocalWriteException("could not list " + dir.get() + ": " + e, e);
    }
    return out;
  }

  /**
   * The record in {@code file}, when it is a regular file holding a valid record under its own
   * name; anything else (missing, a link, garbage, renamed) is no record.
   */
  private Optional<AdoptionRecord> read(Path file) {
    byte[] bytes;
    try (var channel =
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(channel)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return invalid(file, "cannot be read as a regular file (" + e + ")");
    }
    if (bytes.length > MAX_BYTES) {
      return invalid(file, "larger than " + MAX_BYTES + " bytes");
    }
    try {
      AdoptionRecord record = AdoptionRecord.parse(bytes);
      return record.fileName().equals(file.getFileName().toString())
          ? Optional.of(record)
          : invalid(file, "names another mount than its file name");
    } catch (IllegalArgumentException e) {
      return invalid(file, e.getMessage());
    }
  }

  /** A file that is not a valid record is no record: it adopts nothing. */
  private Optional<AdoptionRecord> invalid(Path file, String why) {
    events.warn("adoption.record_invalid", "file", file, "reason", why);
    return Optional.empty();
  }

  private static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      return false;
    }
  }
}
