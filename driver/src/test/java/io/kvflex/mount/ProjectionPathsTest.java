package io.kvflex.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import io.kvflex.render.FileProjection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectionPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a.pem",
        "dir/sub/file",
        "a/..b-not-first",
        "x/..y",
        ".hidden",
        "sp ace",
        "*glob?"
      })
  void acceptsSafeRelativePaths(String path) {
    assertThat(String.join("/", ProjectionPaths.segments(path))).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|it is empty",
        "/abs|it is absolute",
        "../x|has a \"..\" segment",
        "a/../../x|has a \"..\" segment",
        "./a|has a \".\" segment",
        "a//b|empty segment",
        "a/|empty segment",
        "..data|reserved for the volume layout",
        "..2026_11_28/x|reserved for the volume layout",
      })
  void rejectsUnsafePathsNamingTheFix(String path, String why) {
    assertThatThrownBy(() -> ProjectionPaths.segments(path))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("is not safe inside the volume")
        .hasMessageContaining(why)
        .hasMessageContaining("keyvaultobjectaliases");
  }

  @Test
  void rejectsNulAndOverlongNames() {
    assertThatThrownBy(() -> ProjectionPaths.segments("a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> ProjectionPaths.segments("x".repeat(256)))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void rejectsDuplicatesAndFileDirectoryClashes() {
    assertThatThrownBy(() -> ProjectionPaths.checkAll(List.of(p("a"), p("a"))))
        .hasMessageContaining("two objects would be written to \"a\"");
    assertThatThrownBy(() -> ProjectionPaths.checkAll(List.of(p("a/b/c"), p("a/b"))))
        .hasMessageContaining("\"a/b\" would be both a file and a directory");
    ProjectionPaths.checkAll(List.of(p("a/b"), p("a/c"), p("b")));
  }

  private static FileProjection p(String path) {
    return new FileProjection(path, new byte[0], 0644, "t");
  }
}
