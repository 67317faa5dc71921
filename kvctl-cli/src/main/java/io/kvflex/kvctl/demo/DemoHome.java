package io.kvflex.kvctl.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kvflex checkout the demo runs from: its example manifests and the driver's built plugin
 * folder. The root launcher passes it as {@code -Dkvflex.home}; otherwise the working directory and
 * its parents are searched.
 */
record DemoHome(Path root) {
  static final String EXAMPLES = "deployment/examples";
  static final String PLUGIN = "driver/target/plugin/azure~kv";
  static final String EXAMPLE = "nginx-flex-kv-all-formats.yaml";

  static DemoHome locate(Optional<String> kvflexHome, Path workingDir) {
    if (kvflexHome.isPresent()) {
      return check(Path.of(kvflexHome.get()).toAbsolutePath().normalize());
    }
    for (Path p = workingDir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(EXAMPLES))) {
        return check(p);
      }
    }
    throw new DemoException(
        "cannot find the kvflex checkout (deployment/examples) from "
            + workingDir
            + "; run the demo as ./kvctl demo from the repository");
  }

  private static DemoHome check(Path root) {
    DemoHome home = new DemoHome(root);
    if (!Files.isRegularFile(home.example())) {
      throw new DemoException("missing " + home.example() + "; is " + root + " a kvflex checkout?");
    }
    if (!Files.isExecutable(home.driver())) {
      throw new DemoException(
          "the driver is not built ("
              + home.driver()
              + " is missing); run ./kvctl once, or mvn -B -DskipTests package");
    }
    return home;
  }

  Path examples() {
    return root.resolve(EXAMPLES);
  }

  Path example() {
    return examples().resolve(EXAMPLE);
  }

  Path driver() {
    return root.resolve(PLUGIN).resolve("kv");
  }
}
