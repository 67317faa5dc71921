package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.BugException;
import io.kvflex.render.FileProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes in the marker: lines for whoever finds the volume later (rotation after a restart). */
class VolumeMarkerNotesTest {
  static final String FP = VolumeMarkerTest.FP;

  @TempDir Path root;

  List<String> volumeWith(List<String> notes) {
    List<FileProjection> files = List.of(VolumeMarkerTest.file("db"));
    new AtomicProjectionWriter().write(root, files, OptionalInt.empty());
    VolumeMarker.write(root, FP, List.of("db"), notes);
    return VolumeMarker.lines(root);
  }

  @Test
  void notesFollowTheCheckedLinesAndDoNotChangeCompleteness() {
    List<String> lines = volumeWith(List.of("rotation 30", "identity pod-identity"));
    assertThat(lines).hasSize(5).endsWith("rotation 30", "identity pod-identity");
    assertThat(VolumeMarker.problem(root, FP)).isEmpty();
  }

  @Test
  void aNoteIsOneLineAndCannotPoseAsACheckedLine() {
    assertThatThrownBy(() -> volumeWith(List.of("a\nfingerprint 00")))
        .isInstanceOf(BugException.class);
    assertThatThrownBy(() -> VolumeMarker.write(root, FP, List.of("db"), List.of("files 1 00")))
        .isInstanceOf(BugException.class);
    assertThat(root.resolve(VolumeMarker.FILE)).as("nothing written").doesNotExist();
  }

  @Test
  void noMarkerOrAForeignFileHasNoLines() throws Exception {
    assertThat(VolumeMarker.lines(root)).isEmpty();
    Files.writeString(root.resolve(VolumeMarker.FILE), "something else\n");
    assertThat(VolumeMarker.lines(root)).isEmpty();
  }
}
