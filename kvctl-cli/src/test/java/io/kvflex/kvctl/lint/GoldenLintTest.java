package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import io.kvflex.kvctl.cli.VersionProvider;
import io.kvflex.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: every manifest under {@code src/test/resources/lint/corpus} is linted in plain and
 * JSON (and SARIF/JUnit for some) and compared byte for byte with {@code lint/expected}. Files
 * named {@code stdin-*} are piped through {@code kvctl lint -}. After an intended change,
 * regenerate with {@code -Dkvflex.golden.update=true} and review the diff.
 */
class GoldenLintTest {
  static final Path LINT = Path.of("src/test/resources/lint");
  static final Path CORPUS = LINT.resolve("corpus");
  static final Path EXPECTED = LINT.resolve("expected");
  private static final Set<String> SARIF_CASES =
      Set.of(
          "bad-identity.yaml", "stdin-helm.yaml", "good-suppressed.yaml", "unreadable-latin1.yaml");
  private static final Set<String> JUNIT_CASES = Set.of("bad-mounts.yaml", "good-suppressed.yaml");
  private static final Golden GOLDEN = Golden.in(EXPECTED);

  static List<String> corpus() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Runs lint on one corpus file the way its name says, in the lint resource directory. */
  static KvctlRunner.Result lint(String file, String format) throws IOException {
    if (file.startsWith("stdin-")) {
      return new KvctlRunner()
          .in(LINT)
          .stdin(Files.readString(CORPUS.resolve(file)))
          .run("lint", "-o", format, "-f", "-");
    }
    return new KvctlRunner().in(LINT).run("lint", "-o", format, "-f", "corpus/" + file);
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusFileMatchesItsGoldenOutputs() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : corpus()) {
      String base = file.replaceFirst("\\.(yaml|json)$", "");

      tests.add(golden(file, "plain", base + ".plain.txt"));
      tests.add(golden(file, "json", base + ".json"));
      if (SARIF_CASES.contains(file)) {
        tests.add(golden(file, "sarif", base + ".sarif.json"));
      }
      if (JUNIT_CASES.contains(file)) {
        tests.add(golden(file, "junit", base + ".junit.xml"));
      }
    }
    return tests.stream();
  }

  /**
   * The exit code a corpus file's name promises: good-* and warn-* (warnings only) 0, unreadable-*
   * 3 (an input could not be read, whatever else was found), anything else 1.
   */
  static int expectedExit(String file) {
    if (file.startsWith("good-") || file.startsWith("warn-")) {
      return 0;
    }
    return file.startsWith("unreadable-") ? 3 : 1;
  }

  private static DynamicTest golden(String file, String format, String expectedName) {
    return DynamicTest.dynamicTest(
        file + " as " + format,
        () -> {
          KvctlRunner.Result r = lint(file, format);
          assertThat(r.err()).as("stderr").isEmpty();
          assertThat(r.exit()).as("exit code").isEqualTo(expectedExit(file));
          String actual =
              r.out()
                  .replace(VersionProvider.version(), "VERSION")
                  .replace(
                      LINT.toAbsolutePath().normalize().toUri().toString(), "file:///WORKDIR/");
          GOLDEN.assertMatches(expectedName, actual);
        });
  }
}
