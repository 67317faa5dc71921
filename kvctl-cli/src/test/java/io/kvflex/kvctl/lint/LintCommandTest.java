package io.kvflex.kvctl.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.errors.ErrorKind;
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
    KvctlRunner.Result format = kvctl().run("lint", "-o", "xml", "-f", "pod.yaml");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err())
        .isEqualTo(
            "kvctl lint: -o/--output takes the report format (plain, json, sarif or junit), not"
                + " 'xml'\nSee 'kvctl lint --help' for usage.\n");
    assertThat(kvctl().run("lint", "--fail-on", "fatal", "pod.yaml").exit()).isEqualTo(2);
    write(".kvctl.yaml", "rules:\n  exclude: [no-such-rule]\n");
    KvctlRunner.Result config = kvctl().run("lint", "pod.yaml");
    assertThat(config.exit()).isEqualTo(2);
    assertThat(config.err()).contains("unknown rule id no-such-rule");
  }

  @Test
  void aMissingInputIsAFindingTheOthersAreStillLintedAndTheExitIsThree() throws IOException {
    write("pod.yaml", CLEAN.replace("vault1", "v"));
    KvctlRunner.Result r = kvctl().run("lint", "-f", "missing.yaml", "-f", "pod.yaml");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "missing.yaml:1:1: error: no such file or directory (give files, directories or -"
                + " for standard input) [unreadable-input]")
        .contains("pod.yaml:12:")
        .contains("from 2 inputs");
    assertThat(kvctl().run("lint", "--config", "nope.yaml", "-").exit()).isEqualTo(3);
  }

  @Test
  void notUtf8InputIsAFindingWithItsPositionAndTheJsonReportIsStillWritten() throws IOException {
    Files.write(
        dir.resolve("latin1.yaml"),
        "# caf\u00e9\napiVersion: v1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    write("pod.yaml", CLEAN.replace("vault1", "v"));
    KvctlRunner.Result r = kvctl().run("lint", "-o", "json", "-f", "latin1.yaml", "pod.yaml");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out())
        .contains("\"ruleId\": \"unreadable-input\"")
        .contains("is not UTF-8")
        .contains("iconv -f WINDOWS-1252 -t UTF-8 latin1.yaml")
        .contains("\"ruleId\": \"invalid-vault-name\"");
    assertThat(r.out()).contains("\"line\": 1,\n      \"column\": 6");
  }

  @Test
  void utf16WithAByteOrderMarkIsReadAndWithoutOneIsExplained() throws IOException {
    byte[] bom = {(byte) 0xFF, (byte) 0xFE};
    byte[] text = CLEAN.replace("vault1", "v").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, withBom, 0, 2);
    System.arraycopy(text, 0, withBom, 2, text.length);
    Files.write(dir.resolve("ps.yaml"), withBom);
    KvctlRunner.Result r = kvctl().run("lint", "-f", "ps.yaml");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("ps.yaml:12:").contains("[invalid-vault-name]");
    Files.write(dir.resolve("nobom.yaml"), text);
    KvctlRunner.Result noBom = kvctl().run("lint", "-f", "nobom.yaml");
    assertThat(noBom.exit()).isEqualTo(3);
    assertThat(noBom.out()).contains("UTF-16LE without a byte-order mark");
  }

  @Test
  void kubectlHabitsWork() throws IOException {
    write("pod.yaml", CLEAN.replace("vault1", "v"));
    KvctlRunner.Result json = kvctl().run("lint", "-o", "json", "-f", "pod.yaml");
    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.out()).startsWith("{\n  \"schemaVersion\": 1");
    assertThat(Files.exists(dir.resolve("json"))).isFalse();
    KvctlRunner.Result oldFlag = kvctl().run("lint", "--format", "json", "pod.yaml");
    assertThat(oldFlag.out()).isEqualTo(json.out());
    assertThat(oldFlag.err())
        .isEqualTo(
            "kvctl lint: note: --format is deprecated and will be removed in the next release;"
                + " use -o/--output\n");
    KvctlRunner.Result oldF = kvctl().run("lint", "-f", "sarif", "-f", "pod.yaml");
    assertThat(oldF.out())
        .contains("sarif:1:1: error: no such file; -f now names inputs")
        .contains("write -o sarif");
    KvctlRunner.Result stdin = kvctl().stdin(CLEAN).run("lint", "-f", "-");
    assertThat(stdin.exit()).isZero();
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
  void helmChartsAndHiddenDirectoriesAreNotLintedAsManifests() throws IOException {
    write("repo/chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
    write("repo/chart/values.yaml", "vault: shop\n");
    write(
        "repo/chart/templates/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n");
    write(".github/workflows/ci.yml", "on: push\njobs:\n  b: {runs-on: x}\n");
    write("repo/.github/workflows/ci.yml", "on: push\njobs:\n  b: {runs-on: x}\n");
    write("repo/pod.yaml", CLEAN);
    KvctlRunner.Result r = kvctl().run("lint", "-f", "repo");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "repo/chart/Chart.yaml:1:1: warning: directory repo/chart is a Helm chart; its"
                + " templates are linted once rendered: helm template repo/chart | kvctl lint - "
                + " (findings then name the template) [unrendered-template]\n"
                + "kvctl lint: 0 errors, 1 warning, 0 infos in 1 document from 2 inputs (1 pod"
                + " spec, 1 azure/kv volume)\n");
    KvctlRunner.Result named =
        kvctl()
            .run(
                "lint",
                "-f",
                "repo/chart/templates/pod.yaml",
                "-f",
                "repo/chart/values.yaml",
                "-f",
                ".github/workflows/ci.yml");
    assertThat(named.out())
        .contains(
            "repo/chart/templates/pod.yaml:1:1: warning: document 1 is a Helm template that is"
                + " not rendered")
        .contains("it looks like Helm values: lint the rendered chart instead")
        .contains("it looks like a GitHub Actions workflow, not a manifest");
  }

  @Test
  void sarifUrisAreRelativeToTheWorkingDirectoryOrAbsoluteFileUris(@TempDir Path elsewhere)
      throws IOException {
    write("k8s/pod.yaml", CLEAN.replace("vault1", "v"));
    Files.writeString(elsewhere.resolve("other.yaml"), CLEAN.replace("vault1", "v"));
    String abs = dir.resolve("k8s/pod.yaml").toString();
    KvctlRunner.Result r =
        kvctl()
            .run(
                "lint", "-o", "sarif", "-f", abs, "-f", elsewhere.resolve("other.yaml").toString());
    assertThat(r.out())
        .contains("\"uri\": \"k8s/pod.yaml\",\n                  \"uriBaseId\": \"SRCROOT\"")
        .contains("\"uri\": \"" + elsewhere.resolve("other.yaml").toUri() + "\"")
        .contains("\"SRCROOT\": {\n          \"uri\": \"" + dir.toUri() + "\"")
        .doesNotContain("\"uri\": \"/");
  }

  @Test
  void configRulesSuppressButCount() throws IOException {
    write("pod.yaml", WARNING_ONLY);
    write("my.yaml", "rules:\n  exclude: [mount-not-read-only]\n");
    KvctlRunner.Result r =
        kvctl().run("lint", "--config", "my.yaml", "--fail-on", "warning", "pod.yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("no findings (1 suppressed)");
    KvctlRunner.Result json = kvctl().run("lint", "--config", "my.yaml", "-o", "json", "pod.yaml");
    assertThat(json.out())
        .contains("\"suppressionReason\": \"excluded by my.yaml (rules.exclude)\"");
    write(".kvctl.yml", "rules:\n  include: [invalid-vault-name]\n");
    assertThat(kvctl().run("lint", "--fail-on", "warning", "pod.yaml").exit()).isZero();
  }

  @Test
  void outputFileGetsTheReportAndStderrTheSummary() throws IOException {
    write("pod.yaml", CLEAN.replace("vault1", "v"));
    KvctlRunner.Result r =
        kvctl().run("lint", "-o", "sarif", "--output-file", "out/lint.sarif", "pod.yaml");
    // A local write failed: the taxonomy's code (4), not "could not read input" (3).
    assertThat(r.exit()).isEqualTo(ErrorKind.LOCAL_WRITE.kvctlExitCode()).isEqualTo(4);
    assertThat(r.err())
        .isEqualTo(
            "kvctl: cannot write --output-file out/lint.sarif: directory out does not exist\n");
    KvctlRunner.Result oldO = kvctl().run("lint", "-o", "out/lint.sarif", "pod.yaml");
    assertThat(oldO.exit()).isEqualTo(2);
    assertThat(oldO.err()).contains("use --output-file out/lint.sarif");
    Files.createDirectories(dir.resolve("out"));
    r = kvctl().run("lint", "-o", "sarif", "--output-file", "out/lint.sarif", "pod.yaml");
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
    assertThat(kvctl().terminal(true).run("lint", "--color=never", "pod.yaml").out())
        .doesNotContain(esc);
    assertThat(kvctl().terminal(true).env("TERM", "dumb").run("lint", "pod.yaml").out())
        .doesNotContain(esc);
    // --color alone means always, and does not swallow the input after it.
    assertThat(kvctl().terminal(false).run("lint", "--color", "pod.yaml").out()).contains(esc);
    assertThat(kvctl().terminal(false).run("lint", "--color=always", "pod.yaml").out())
        .contains(esc);
    assertThat(kvctl().terminal(true).run("lint", "--color", "never", "pod.yaml").out())
        .doesNotContain(esc);
    assertThat(
            kvctl().terminal(false).env("NO_COLOR", "1").run("lint", "--color", "pod.yaml").out())
        .contains(esc);
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
        .contains("-o, --output=FORMAT")
        .contains("-f, --filename=FILE")
        .contains("--output-file=FILE")
        .doesNotContain("--format")
        .contains("--fail-on")
        .contains("kvflex.io/ignore-<rule-id>")
        .contains(".kvctl.yaml")
        .contains("an input could not be read")
        .contains("helm template CHART | kvctl lint -f -");
  }
}
