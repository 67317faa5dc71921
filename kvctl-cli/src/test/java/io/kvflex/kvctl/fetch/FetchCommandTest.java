package io.kvflex.kvctl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.kvctl.KvctlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kvctl fetch} paths that stop before the vault: inputs, selection, option findings. */
class FetchCommandTest {
  @TempDir Path dir;

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers: [{name: c, image: nginx}]
        volumes:
          - name: kv
            flexVolume:
              driver: azure/kv
              secretRef: {name: kvcreds}
              options:
                keyvaultname: contoso-kv
                tenantid: 6c1a3b2d-8e4f-4a5b-9c6d-7e8f9a0b1c2d
                keyvaultobjectnames: a;b
                keyvaultobjecttypes: secret
      """;

  private KvctlRunner.Result fetch(String... args) {
    return new KvctlRunner().in(dir).run(args);
  }

  @Test
  void optionFindingsAreReportedWithTheDriversMessagesAndExit1() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r =
        new KvctlRunner()
            .in(dir)
            .env("AZURE_CLIENT_ID", "0d1f3a5e-7b9c-4e2f-8a1b-3c5d7e9f1a2b")
            .env("AZURE_CLIENT_SECRET", "s3cret-from-env")
            .run("fetch", "-f", "pod.yaml");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("kvctl fetch: Pod default/web volume kv: ")
        .contains("keyvaultobjecttypes")
        .doesNotContain("s3cret-from-env");
  }

  @Test
  void aMissingSecretSaysHowToProvideIt() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r = fetch("fetch", "-f", "pod.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "kvctl: volume kv uses secretRef kvcreds, but no Secret default/kvcreds was given;"
                + " pass the Secret manifest (--secret-file)");
  }

  @Test
  void anUnreadableManifestExits3() {
    KvctlRunner.Result r = fetch("fetch", "-f", "nope.yaml");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("cannot read nope.yaml");
  }

  @Test
  void anUnknownVolumeListsTheVolumesThereAre() throws Exception {
    Files.writeString(dir.resolve("pod.yaml"), POD);

    KvctlRunner.Result r = fetch("fetch", "-f", "pod.yaml", "--volume", "other");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "no azure/kv volume matches --volume other; the manifests have: Pod web volume kv");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(fetch("fetch").exit()).isEqualTo(2);
    assertThat(fetch("fetch", "-f", "x", "--format", "xml").err())
        .contains("Invalid value for option '--format'");
  }
}
