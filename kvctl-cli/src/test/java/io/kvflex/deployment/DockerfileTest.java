package io.kvflex.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The installer Dockerfile cannot be built here (no Docker engine), so the hadolint rules it
 * follows and its coupling to the repository layout are checked by reading it.
 */
class DockerfileTest {
  private static final Path ROOT = ProcessRun.repoRoot();

  private static String dockerfile() throws Exception {
    return Files.readString(ROOT.resolve("deployment/installer/Dockerfile"));
  }

  @Test
  void copiesThePomOfEveryModuleTheReactorLists() throws Exception {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    String docker = dockerfile();
    int modules = 0;
    while (m.find()) {
      modules++;
      assertThat(docker).contains("COPY " + m.group(1) + "/pom.xml " + m.group(1) + "/\n");
    }
    assertThat(modules).isPositive();
  }

  @Test
  void followsTheHadolintRulesTheReadmeNames() throws Exception {
    String docker = dockerfile();
    List<String> lines = docker.lines().toList();

    // DL3006/DL3007: every base image is a pinned tag (through ARG defaults), never latest.
    assertThat(lines.stream().filter(l -> l.startsWith("ARG ") && l.contains("_IMAGE=")))
        .hasSize(3)
        .allMatch(l -> l.matches("ARG \\w+_IMAGE=[a-z.-]+:[0-9][\\w.-]*"));
    assertThat(docker).doesNotContain(":latest");
    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
        .allMatch(l -> l.matches("FROM \\$\\{\\w+_IMAGE}( AS \\w+)?"));
    // DL3025: JSON-form ENTRYPOINT; DL3020: COPY, not ADD; DL3003: WORKDIR, not cd.
    assertThat(lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")))
        .containsExactly("ENTRYPOINT [\"/opt/kvflex/install.sh\"]");
    assertThat(lines).noneMatch(l -> l.startsWith("ADD "));
    assertThat(lines.stream().filter(l -> l.startsWith("RUN "))).noneMatch(l -> l.contains("cd "));
    // DL4006: no pipes in RUN (no SHELL with pipefail is set); DL3008/DL3018: no package installs.
    assertThat(lines.stream().filter(l -> l.startsWith("RUN ")))
        .noneMatch(l -> l.contains("|"))
        .noneMatch(l -> l.contains("apt-get") || l.contains("apk "));
    // DL3002: no USER root (root is asked for explicitly by the DaemonSet).
    assertThat(lines).noneMatch(l -> l.matches("USER +(root|0)\\s*"));
    // The scripts it copies exist.
    Matcher copies = Pattern.compile("deployment/installer/([\\w.-]+)").matcher(docker);
    while (copies.find()) {
      assertThat(ROOT.resolve("deployment/installer/" + copies.group(1))).exists();
    }
  }
}
