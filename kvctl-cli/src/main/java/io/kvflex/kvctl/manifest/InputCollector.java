package io.kvflex.kvctl.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Turns command-line arguments into inputs: {@code -} is standard input; a directory is walked
 * recursively for {@code *.yaml}, {@code *.yml} and {@code *.json} (sorted, so output is stable;
 * hidden directories such as {@code .git} and {@code .github} are skipped); a file named explicitly
 * is read whatever its extension. Relative paths resolve against the working directory the caller
 * injects, and are reported as given.
 *
 * <p>An input that cannot be used (missing, unreadable, not UTF-8, too large) is returned with its
 * problem instead of stopping the run ({@link #read}); a Helm chart found in a directory becomes
 * one problem at its {@code Chart.yaml} (its templates are not manifests until rendered).
 */
public final class InputCollector {
  /** Inputs larger than this are refused: real manifests are far smaller (etcd caps objects). */
  public static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;

  private static final String CHART = "Chart.yaml";

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

  /**
   * Reads every input; throws {@link UnreadableInputException} on the first one that cannot be read
   * (for commands that need every input, such as fetch).
   */
  public List<ManifestInput> collect(List<String> args) {
    List<ManifestInput> inputs = read(args);
    for (ManifestInput in : inputs) {
      if (in.problem().isPresent()
          && in.problem().get().kind() == DocumentProblem.Kind.UNREADABLE) {
        throw new UnreadableInputException(
            "cannot read " + in.name() + ": " + in.problem().get().message(), null);
      }
    }
    return inputs;
  }

  /** Every input, those that cannot be used carrying their problem (for lint). */
  public List<ManifestInput> read(List<String> args) {
    List<ManifestInput> out = new ArrayList<>();
    boolean stdinRead = false;
    for (String arg : args) {
      if (arg.equals("-")) {
        if (!stdinRead) {
          out.add(read(ManifestInput.STDIN, stdin));
          stdinRead = true;
        }
        continue;
      }
      Path path = workingDir.resolve(arg);
      if (Files.isDirectory(path)) {
        walk(arg, path, out);
      } else if (Files.isRegularFile(path)) {
        out.add(readFile(arg, path));
      } else {
        out.add(
            ManifestInput.failed(
                arg,
                DocumentProblem.Kind.UNREADABLE,
                1,
                1,
                Files.exists(path)
                    ? "not a regular file or directory"
                    : "no such file or directory (give files, directories or - for standard"
                        + " input)"));
      }
    }
    return out;
  }

  private void walk(String arg, Path dir, List<ManifestInput> out) {
    List<Path> files = new ArrayList<>();
    List<Path> charts = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              boolean hidden = !d.equals(dir) && d.getFileName().toString().startsWith(".");
              if (hidden) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (Files.isRegularFile(d.resolve(CHART))) {
                charts.add(d);
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && isManifestFile(f)) {
                files.add(f);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              out.add(
                  ManifestInput.failed(
                      name(arg, dir, f),
                      DocumentProblem.Kind.UNREADABLE,
                      1,
                      1,
                      IoErrors.reason(f, e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      out.add(
          ManifestInput.failed(
              arg,
              DocumentProblem.Kind.UNREADABLE,
              1,
              1,
              "cannot list the directory: " + IoErrors.reason(dir, e)));
      return;
    }
    List<Path> all = new ArrayList<>(files);
    all.addAll(charts);
    all.sort(null);
    for (Path p : all) {
      String name = name(arg, dir, p);
      if (charts.contains(p)) {
        String chartFile = name.equals(".") ? CHART : name.replaceAll("/+$", "") + "/" + CHART;
        if (!ignored.test(chartFile)) {
          out.add(chart(chartFile, name));
        }
      } else if (!ignored.test(name)) {
        out.add(readFile(name, p));
      }
    }
  }

  /** How a file found under {@code dir} (given as {@code arg}) is named in findings. */
  private static String name(String arg, Path dir, Path file) {
    String rel = dir.relativize(file).toString();
    if (rel.isEmpty()) {
      return arg;
    }
    if (arg.equals(".")) {
      return rel;
    }
    return arg.endsWith("/") ? arg + rel : arg + "/" + rel;
  }

  private static ManifestInput chart(String chartFile, String chartDir) {
    return ManifestInput.failed(
        chartFile,
        DocumentProblem.Kind.UNRENDERED,
        1,
        1,
        "directory "
            + chartDir
            + " is a Helm chart; its templates are linted once rendered: helm template "
            + chartDir
            + " | kvctl lint -  (findings then name the template)");
  }

  private static boolean isManifestFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static ManifestInput readFile(String name, Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(name, in);
    } catch (IOException e) {
      return ManifestInput.failed(
          name, DocumentProblem.Kind.UNREADABLE, 1, 1, IoErrors.reason(path, e));
    }
  }

  private static ManifestInput read(String name, InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    } catch (IOException e) {
      return ManifestInput.failed(
          name, DocumentProblem.Kind.UNREADABLE, 1, 1, IoErrors.reason(Path.of(name), e));
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      return ManifestInput.failed(
          name,
          DocumentProblem.Kind.UNREADABLE,
          1,
          1,
          "larger than "
              + (MAX_INPUT_BYTES >> 20)
              + " MiB; Kubernetes objects are at most about 1.5 MiB each: split the file or lint"
              + " its parts");
    }
    TextDecoder.Result decoded = TextDecoder.decode(name, bytes);
    if (decoded instanceof TextDecoder.Refused r) {
      return ManifestInput.failed(
          name, DocumentProblem.Kind.UNREADABLE, r.line(), r.column(), r.message());
    }
    return new ManifestInput(name, ((TextDecoder.Text) decoded).text());
  }
}
