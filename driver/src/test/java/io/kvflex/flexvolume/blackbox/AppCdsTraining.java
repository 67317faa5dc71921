package io.kvflex.flexvolume.blackbox;

import io.kvflex.flexvolume.TrainingMount;
import io.kvflex.testsupport.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Build step of {@code mvn package} (driver pom), after the plugin folder is assembled and its jars
 * unsigned ({@code io.kvflex.packaging.UnsignJars}): makes the AppCDS archive {@code lib/kv.jsa}.
 *
 * <ol>
 *   <li>writes {@code lib/classpath}, the launcher's class path (relative, sorted);
 *   <li>starts a localvault on loopback (no network, no root) and runs {@link TrainingMount} in a
 *       JVM with the plugin's class path, the launcher's flags and {@code -XX:DumpLoadedClassList}:
 *       real mounts with every identity mode (client secret, client certificate, VM managed
 *       identity, pod identity) and object type, without the mount syscalls;
 *   <li>keeps the classes of that list as {@code lib/kv.classlist} (shipped: the installer image
 *       dumps its own archive from it with its bundled runtime);
 *   <li>runs {@code lib/dump-archive.sh} with this build's JDK.
 * </ol>
 *
 * <p>Usage: {@code AppCdsTraining <plugin dir> <test classes dir> <work dir>}
 */
public final class AppCdsTraining {
  private static final String TRAINING_CLASS = TrainingMount.class.getName().replace('.', '/');

  private AppCdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path plugin = Path.of(args[0]).toAbsolutePath();
    Path testClasses = Path.of(args[1]).toAbsolutePath();
    Path work = Path.of(args[2]).toAbsolutePath();
    deleteTree(work); // a previous build's volumes would make the mounts fail
    Files.createDirectories(work);
    Path lib = plugin.resolve("lib");
    String classpath = writeClasspath(lib);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path rawList = work.resolve("classes.lst");
    try (LocalVaultFixture lv = new LocalVaultFixture(work)) {
      List<String> argv = new ArrayList<>();
      argv.add(java.toString());
      argv.add("-XX:DumpLoadedClassList=" + rawList);
      argv.add("-Djdk.net.hosts.file=" + lv.hosts);
      // The launcher's flags (driver/src/main/plugin/kv): the same classes load.
      argv.addAll(
          List.of(
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-XX:CompileThresholdScaling=3",
              "-XX:-UsePerfData",
              "-Xlog:disable"));
      argv.addAll(List.of("-cp", classpath + ":" + testClasses, TrainingMount.class.getName()));
      argv.add(work.toString());
      // Where the kubelet would put the volumes of the fixture's pod (the driver mounts nowhere
      // else).
      Path volumes =
          Files.createDirectories(
              work.resolve("kubelet/pods/" + LocalVaultFixture.POD_UID + "/volumes/azure~kv"));
      argv.add(volumes.toString());
      for (Map.Entry<String, Map<String, String>> mount : TrainingOptions.all(lv).entrySet()) {
        Path file = work.resolve(mount.getKey() + ".json");
        Files.writeString(file, Json.write(mount.getValue()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        argv.add(file.toString());
      }
      run(argv, plugin, work.resolve("training.out"));
    }
    List<String> classes =
        Files.readAllLines(rawList, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.startsWith(TRAINING_CLASS + " "))
            .collect(Collectors.toList());
    Files.write(lib.resolve("kv.classlist"), classes, StandardCharsets.UTF_8);
    run(
        List.of("sh", lib.resolve("dump-archive.sh").toString(), java.toString()),
        plugin,
        work.resolve("dump.out"));
    System.out.println(
        "AppCDS archive "
            + lib.resolve("kv.jsa")
            + ": "
            + classes.size()
            + " class-list lines, "
            + Files.size(lib.resolve("kv.jsa")) / 1024
            + " KiB");
  }

  /** {@code lib/a.jar:lib/b.jar:...}, sorted by name, written to {@code lib/classpath}. */
  static String writeClasspath(Path lib) throws IOException {
    List<String> jars = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(lib, "*.jar")) {
      dir.forEach(jar -> jars.add("lib/" + jar.getFileName()));
    }
    Collections.sort(jars);
    String classpath = String.join(":", jars);
    Files.writeString(lib.resolve("classpath"), classpath + "\n");
    return classpath;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void run(List<String> argv, Path dir, Path output) throws Exception {
    Process p =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", argv.subList(0, Math.min(3, argv.size())))
              + " failed; its output ("
              + output
              + "):\n"
              + Files.readString(output));
    }
  }
}
