package io.kvflex.kvctl.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns command-line arguments into inputs: {@code -} is standard input; a directory is walked
 * recursively for {@code *.yaml}, {@code *.yml} and {@code *.json} (sorted, so output is stable); a
 * file named explicitly is read whatever its extension. Relative paths resolve against the working
 * directory the caller injects, and are reported as given.
 */
public final class InputCollector {
  private final Path workingDir;
  private final InputStream stdin;
  private final Predicate<String> ignored;

  /**
   * @param workingDir where relative arguments resolve
   * @param stdin what {@code -} reads
   * @param ignored paths (as reported) to skip while walking directories
   */
  public InputCollector(Path workingDir, InputStream stdin, Predicate<String> ignored) {
    this.workingDir = workingDir;
    this.stdin = stdin;
    this.ignored = ignored;
  }

  /** Reads every input; throws {@link UnreadableInputException} on the first one that fails. */
  public List<ManifestInput> collect(List<String> args) {
    List<ManifestInput> out = new ArrayList<>();
    boolean stdinRead = false;
    for (String arg : args) {
      if (arg.equals("-")) {
        if (!stdinRead) {
          out.add(new ManifestInput(ManifestInput.STDIN, read(ManifestInput.STDIN, stdin)));
          stdinRead = true;
        }
        continue;
      }
      Path path = workingDir.resolve(arg);
      if (Files.isDirectory(path)) {
        walk(arg, path, out);
      } else if (Files.isRegularFile(path)) {
        out.add(new ManifestInput(arg, readFile(arg, path)));
      } else {
        throw new UnreadableInputException(
            "cannot read "
                + arg
                + ": no such file or directory (give files, directories or - for"
                + " standard input)",
            null);
      }
    }
    return out;
  }

  private void walk(String arg, Path dir, List<ManifestInput> out) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(Files::isRegularFile).filter(InputCollector::isManifestFile).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UnreadableInputException("cannot list directory " + arg + ": " + e.getMessage(), e);
    }
    for (Path file : files) {
      String rel = dir.relativize(file).toString();
      String name = arg.endsWith("/") ? arg + rel : arg + "/" + rel;
      if (arg.equals(".")) {
        name = rel;
      }
      if (!ignored.test(name)) {
        out.add(new ManifestInput(name, readFile(name, file)));
      }
    }
  }

  private static boolean isManifestFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static String readFile(String name, Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(name, in);
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static String read(String name, InputStream in) {
    try {
      byte[] bytes = in.readAllBytes();
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableInputException(
          "cannot read " + name + ": not UTF-8 text (Kubernetes manifests are UTF-8)", e);
    } catch (IOException e) {
      throw new UnreadableInputException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
