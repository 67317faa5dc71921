package io.kvflex.kvctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What kvctl was built from: the Maven version ({@code version.properties}, filtered) and the git
 * commit ({@code build-info.properties}, written by the build). Either is {@code unknown} when
 * kvctl runs from classes no build produced (an IDE).
 *
 * @param version e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit abbreviated commit id, or {@code unknown}
 * @param modified whether the checkout had uncommitted changes to tracked files at build time
 */
public record BuildInfo(String version, String commit, boolean modified) {
  private static final String UNKNOWN = "unknown";

  /** The build's own information, read from the class path. */
  public static BuildInfo current() {
    Properties version = load("version.properties");
    Properties build = load("build-info.properties");
    return new BuildInfo(
        clean(version.getProperty("version")),
        clean(build.getProperty("commit")),
        Boolean.parseBoolean(build.getProperty("modified", "false")));
  }

  /** e.g. {@code 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f, modified)}. */
  public String describe() {
    return version + " (commit " + commit + (modified ? ", modified" : "") + ")";
  }

  private static String clean(String v) {
    return v == null || v.isBlank() || v.startsWith("${") ? UNKNOWN : v.strip();
  }

  /** Where the build puts both files: next to kvctl's root command. */
  private static final String RESOURCES = "/io/kvflex/kvctl/";

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCES + name)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Unknown build information is reported as "unknown", never as a failure.
    }
    return p;
  }
}
