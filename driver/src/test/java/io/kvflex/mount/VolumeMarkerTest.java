package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.render.FileProjection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeMarkerTest {
  static final String FP = "0123456789abcdef".repeat(4);

  @TempDir Path root;

  @BeforeEach
  void aCompleteVolume() {
    List<FileProjection> files = List.of(file("db/password"), file("db/user"), file("tls.pem"));
    new AtomicProjectionWriter().write(root, files, OptionalInt.empty());
    VolumeMarker.write(root, FP, files.stream().map(FileProjection::relativePath).toList());
  }

  static FileProjection file(String path) {
    return new FileProjection(path, path.getBytes(StandardCharsets.UTF_8), 0644, path);
  }

  Path data() throws Exception {
    return root.resolve(Files.readSymbolicLink(root.resolve("..data")));
  }

  @Test
  void aCompleteVolumeHasNoProblemAndItsMarkerHoldsNoContent() throws Exception {
    assertThat(VolumeMarker.problem(root, FP)).isEmpty();
    String marker = Files.readString(root.resolve(VolumeMarker.FILE));
    assertThat(marker)
        .startsWith("kvflex volume v1\nfingerprint " + FP + "\nfiles 3 ")
        .doesNotContain("password");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve(VolumeMarker.FILE))))
        .isEqualTo("r--r--r--");
    assertThat(VolumeMarker.source(FP)).isEqualTo("kvflex-0123456789abcdef");
  }

  @Test
  void anotherRequestIsNotThisVolume() {
    assertThat(VolumeMarker.problem(root, "f".repeat(64)))
        .hasValue("it was mounted for different volume options");
  }

  @Test
  void aMissingOrExtraFileIsIncomplete() throws Exception {
    Files.delete(data().resolve("db/user"));
    assertThat(VolumeMarker.problem(root, FP)).get().asString().contains("files are missing");
    Files.writeString(data().resolve("db/user"), "db/user");
    assertThat(VolumeMarker.problem(root, FP)).isEmpty();
    Files.writeString(data().resolve("db/extra"), "x");
    assertThat(VolumeMarker.problem(root, FP)).get().asString().contains("were added");
  }

  @Test
  void aLinkReplacingAFileOrATopLevelEntryIsIncomplete() throws Exception {
    Files.delete(data().resolve("tls.pem"));
    Files.createSymbolicLink(data().resolve("tls.pem"), Path.of("/etc/passwd"));
    assertThat(VolumeMarker.problem(root, FP)).isPresent();
    Files.delete(data().resolve("tls.pem"));
    Files.writeString(data().resolve("tls.pem"), "x");
    Files.delete(root.resolve("db"));
    assertThat(VolumeMarker.problem(root, FP)).hasValue("its entry db does not link into ..data");
  }

  @Test
  void aMissingMarkerOrDataLinkIsIncomplete() throws Exception {
    Files.delete(root.resolve("..data"));
    assertThat(VolumeMarker.problem(root, FP)).get().asString().contains("cannot be listed");
    Files.delete(root.resolve(VolumeMarker.FILE));
    assertThat(VolumeMarker.problem(root, FP)).get().asString().contains("marker");
  }

  @Test
  void theSourceNeedsAHexFingerprint() {
    assertThatThrownBy(() -> VolumeMarker.source("not hex")).hasMessageContaining("hex");
  }
}
