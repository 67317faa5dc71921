package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvctl lint as a user drives it: exit codes, streams, files, config, colour. */
class LintCommandTest {
  private static final String CLEAN =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p, labels: {aadpodidbinding: p}}
      spec:
        containers: [{name: c, image: i, volumeMounts: [{name: kv, mountPath: /kv, readOnly: true}]}]
        volumes:
          - name: kv
            flexVolume:
              driver: azure/kv
              options:
                usepodidentity: "true"
                keyvaultname: "vault1"
                keyvaultobjectnames: "s"
                keyvaultobjecttypes: "secret"
                tenantid: "72f988bf-86f1-41af-91ab-2d7cd011db47"
                subscriptionid: "0b1f6471-1bf0-4dda-aec3-111122223333"
                resourcegroup: "rg"
      """;

  /** Only a warning (writable mount): exit depends on --fail-on. */
  private static final String WARNING_ONLY = CLEAN.replace(", readOnly: true", "");

  @TempDir Path dir;

  private KvctlRunner kvctl() {
    return new KvctlRunner().in(dir);
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void cleanInputExitsZeroAndSaysSo() throws IOException {
    write("pod.yaml", CLEAN);
    KvctlRunner.Result r = kvctl().run("lint", "pod.yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("kvctl lint: no findings in 1 document");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void failOnDecidesWhichSeverityFails() throws IOException {
    write("pod.yaml", WARNING_ONLY);
    assertThat(kvctl().run("lint", "pod.yaml").exit()).isZero();
    assertThat(kvctl().run("lint", "--fail-on", "warning", "pod.yaml").exit()).isEqualTo(1);
    assertThat(kvctl().run("lint", "--fail-on", "info", "pod.yaml").exit()).isEqualTo(1);
    write("bad.yaml", CLEAN.replace("vault1", "v"));
    assertThat(kvctl().run("lint", "bad.yaml").exit()).isEqualTo(1);
    assertThat(kvctl().run("lint", "--fail-on", "none", "bad.yaml").exit()).isZero();
  }

  @Test
  void aWorldWritableFilemodeIsAnErrorAtItsLine() throws IOException {
    write(
        "pod.yaml",
        CLEAN.replace(
            "        resourcegroup: \"rg\"\n",
            "        resourcegroup: \"rg\"\n          filemode: \"0666\"\n"));
    KvctlRunner.Result r = kvctl().run("lint", "pod.yaml");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("pod.yaml:18:")
        .contains("option filemode \"0666\" lets any user write the files")
        .contains("[invalid-filemode]");
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    write("pod.yaml", CLEAN);
    assertThat(kvctl().run("lint").exit()).isEqualTo(2);
    KvctlRunner.Result format = kvctl().run("lint", "--format", "xml", "pod.yaml");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("--format must be plain, json, sarif or junit");
    assertThat(kvctl().run("lint", "--fail-on", "fatal", "pod.yaml").exit()).isEqualTo(2);
    write(".kvctl.yaml", "rules:\n  exclude: [no-such-rule]\n");
    KvctlRunner.Result config = kvctl().run("lint", "pod.yaml");
    assertThat(config.exit()).isEqualTo(2);
    assertThat(config.err()).contains("unknown rule id no-such-rule");
  }

  @Test
  void unreadableInputExitsThreeWithoutAStackTrace() {
    KvctlRunner.Result r = kvctl().run("lint", "missing.yaml");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "kvctl: cannot read missing.yaml: no such file or directory (give"
                + " files, directories or - for standard input)\n");
    assertThat(kvctl().run("lint", "--config", "nope.yaml", "-").exit()).isEqualTo(3);
  }

  @Test
  void notUtf8InputExitsThree() throws IOException {
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
    KvctlRunner.Result r = kvctl().run("lint", "latin1.yaml");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("not UTF-8");
  }

  @Test
  void readsStandardInputAsDash() {
    KvctlRunner.Result r = kvctl().stdin(CLEAN.replace("vault1", "v")).run("lint", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("<stdin>:12:");
  }

  @Test
  void walksDirectoriesForYamlAndJsonOnlyAndHonoursConfigPaths() throws IOException {
    write("k8s/app/pod.yaml", CLEAN.replace("vault1", "v"));
    write("k8s/app/notes.txt", "not: [yaml");
    write("k8s/vendor/other.yml", CLEAN.replace("vault1", "v"));
    write("k8s/list.json", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}");
    KvctlRunner.Result all = kvctl().run("lint", "k8s");
    assertThat(all.out())
        .contains("k8s/app/pod.yaml:12:")
        .contains("k8s/vendor/other.yml:12:")
        .contains("from 3 inputs")
        .doesNotContain("notes.txt");
    write(".kvctl.yaml", "paths:\n  exclude: ['k8s/vendor/**']\n");
    KvctlRunner.Result some = kvctl().run("lint", "k8s");
    assertThat(some.out()).doesNotContain("vendor").contains("from 2 inputs");
  }

  @Test
  void configRulesSuppressButCount() throws IOException {
    write("pod.yaml", WARNING_ONLY);
    write("my.yaml", "rules:\n  exclude: [mount-not-read-only]\n");
    KvctlRunner.Result r =
        kvctl().run("lint", "--config", "my.yaml", "--fail-on", "warning", "pod.yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("no findings (1 suppressed)");
    KvctlRunner.Result json =
        kvctl().run("lint", "--config", "my.yaml", "--format", "json", "pod.yaml");
    assertThat(json.out())
        .contains("\"suppressionReason\": \"excluded by my.yaml (rules.exclude)\"");
    write(".kvctl.yml", "rules:\n  include: [invalid-vault-name]\n");
    assertThat(kvctl().run("lint", "--fail-on", "warning", "pod.yaml").exit()).isZero();
  }

  @Test
  void outputFileGetsTheReportAndStderrTheSummary() throws IOException {
    write("pod.yaml", CLEAN.replace("vault1", "v"));
    KvctlRunner.Result r = kvctl().run("lint", "-f", "sarif", "-o", "out/lint.sarif", "pod.yaml");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("cannot write report to out/lint.sarif");
    Files.createDirectories(dir.resolve("out"));
    r = kvctl().run("lint", "-f", "sarif", "-o", "out/lint.sarif", "pod.yaml");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("kvctl lint: 1 error");
    assertThat(Files.readString(dir.resolve("out/lint.sarif"))).contains("\"version\": \"2.1.0\"");
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() throws IOException {
    write("pod.yaml", WARNING_ONLY);
    String esc = "\u001b[";
    assertThat(kvctl().terminal(true).run("lint", "pod.yaml").out()).contains(esc);
    assertThat(kvctl().terminal(false).run("lint", "pod.yaml").out()).doesNotContain(esc);
    assertThat(kvctl().terminal(true).env("NO_COLOR", "").run("lint", "pod.yaml").out())
        .doesNotContain(esc);
    assertThat(kvctl().terminal(true).run("lint", "--no-color", "pod.yaml").out())
        .doesNotContain(esc);
  }

  @Test
  void secretValuesInTheInputNeverReachAnyOutput() throws IOException {
    for (String format : new String[] {"plain", "json", "sarif", "junit"}) {
      for (String file : GoldenLintTest.corpus()) {
        String out = GoldenLintTest.lint(file, format).out();
        assertThat(out)
            .as(file + " " + format)
            .doesNotContain("do-not-print-this-sentinel")
            .doesNotContain("inline-sentinel-value")
            .doesNotContain("c2VudGluZWwtc2VjcmV0LXZhbHVl")
            .doesNotContain("sentinel-secret-value")
            .doesNotContain("aGVsbS1zZW50aW5lbA==");
      }
    }
  }

  @Test
  void helpDocumentsFormatsExitCodesAndSuppression() {
    KvctlRunner.Result r = kvctl().run("lint", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("--format")
        .contains("--fail-on")
        .contains("kvflex.io/ignore-<rule-id>")
        .contains(".kvctl.yaml")
        .contains("could not read input")
        .contains("# Source:");
  }
}
