package io.kvflex.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathsAndNamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "tls/cert.pem",
        ".dockerconfigjson",
        "a/b/c/d.txt",
        "x..y",
        "a/.hidden",
        "with space",
        "ünïcode",
        "a.b-c_d"
      })
  void safeAliases(String alias) {
    assertThat(AliasPaths.whyUnsafe(alias)).as(alias).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/abs",
        "..",
        "../x",
        "a/..",
        "a/../b",
        ".",
        "./a",
        "a/./b",
        "a//b",
        "a/",
        "..data",
        "a/..2024",
        "a\\b",
        "a\u0000b",
        "a\nb"
      })
  void unsafeAliases(String alias) {
    assertThat(AliasPaths.whyUnsafe(alias)).as(alias).isPresent();
  }

  @Test
  void overlongSegmentsAndPaths() {
    assertThat(AliasPaths.whyUnsafe("a".repeat(255))).isEmpty();
    assertThat(AliasPaths.whyUnsafe("a".repeat(256)))
        .hasValue("has a segment longer than 255 bytes");
    assertThat(AliasPaths.whyUnsafe(("a".repeat(100) + "/").repeat(11) + "x"))
        .hasValue("is longer than 1024 bytes");
  }

  @Test
  void didYouMeanFindsNearMissesOnly() {
    assertThat(KnownOptions.didYouMean("keyVaultName")).hasValue("keyvaultname");
    assertThat(KnownOptions.didYouMean("keyvault-object-names")).hasValue("keyvaultobjectnames");
    assertThat(KnownOptions.didYouMean("keyvaultobjecttyps")).hasValue("keyvaultobjecttypes");
    assertThat(KnownOptions.didYouMean("tenant_id")).hasValue("tenantid");
    assertThat(KnownOptions.didYouMean("tenant")).hasValue("tenantid");
    assertThat(KnownOptions.didYouMean("usePodIdentiy")).hasValue("usepodidentity");
    assertThat(KnownOptions.didYouMean("fileMode")).hasValue("filemode");
    assertThat(KnownOptions.didYouMean("replicas")).isEmpty();
    assertThat(KnownOptions.didYouMean("")).isEmpty();
  }

  @Test
  void knownKeys() {
    assertThat(KnownOptions.isKnown("keyvaultobjectname")).isTrue();
    assertThat(KnownOptions.isKnown("kubernetes.io/secret/anything")).isTrue();
    assertThat(KnownOptions.isVolumeOption("kubernetes.io/pod.name")).isFalse();
    assertThat(KnownOptions.isKubeletKey("kubernetes.io/pod.name")).isTrue();
    assertThat(KnownOptions.isKnown("keyVaultName")).isFalse();
  }

  @Test
  void kubeletMountDirShapes() {
    assertThat(KubeletVolumePath.parse(Path.of("/var/lib/kubelet/pods/u-1/volumes/azure~kv/vol")))
        .hasValue(new KubeletVolumePath(Path.of("/var/lib/kubelet"), "u-1", "vol"));
    assertThat(KubeletVolumePath.parse(Path.of("/data/kubelet/pods/0c3b/volumes/azure~kv/v/")))
        .hasValue(new KubeletVolumePath(Path.of("/data/kubelet"), "0c3b", "v"));
    assertThat(KubeletVolumePath.parse(Path.of("/pods/0c3b/volumes/azure~kv/v")))
        .hasValue(new KubeletVolumePath(Path.of("/"), "0c3b", "v"));
    assertThat(KubeletVolumePath.parse(Path.of("/tmp/mnt"))).isEmpty();
    assertThat(
            KubeletVolumePath.parse(
                Path.of("/var/lib/kubelet/pods/u/volumes/kubernetes.io~secret/v")))
        .isEmpty();
    // Relative or not normalised: never a kubelet directory for the driver.
    assertThat(KubeletVolumePath.parse(Path.of("var/lib/kubelet/pods/u/volumes/azure~kv/v")))
        .isEmpty();
    assertThat(KubeletVolumePath.parse(Path.of("/k/pods/u/volumes/azure~kv/x/../v"))).isEmpty();
    assertThat(KubeletVolumePath.parse(Path.of("/k/pods/../volumes/azure~kv/v"))).isEmpty();
    KubeletVolumePath p =
        KubeletVolumePath.parse(Path.of("/var/lib/kubelet/pods/u-1/volumes/azure~kv/vol")).get();
    assertThat(p.volumeKey()).isEqualTo("u-1/vol");
    assertThat(p.podsDir()).isEqualTo(Path.of("/var/lib/kubelet/pods"));
    assertThat(p.podDirs()).containsExactly("u-1", "volumes", "azure~kv", "vol");
  }

  @Test
  void guardIsSkippedOutsideTheKubeletLayoutAndWithoutADir() {
    var m = OptionsFixtures.servicePrincipal();
    m.put("kubernetes.io/pod.uid", "whatever");
    OptionsParser parser = new OptionsParser();
    assertThat(parser.parse(m, Optional.empty()).ok()).isTrue();
    assertThat(parser.parse(m, Optional.of(Path.of("/tmp/kvflex-test/mnt"))).ok()).isTrue();
    assertThat(parser.parse(m, Optional.of(Path.of(OptionsFixtures.MOUNT_DIR))).ok()).isFalse();
  }

  @Test
  void kubeletWithoutVolumeNameKeyStillPasses() {
    var m = OptionsFixtures.servicePrincipal();
    m.remove("kubernetes.io/pvOrVolumeName");
    assertThat(new OptionsParser().parse(m, Optional.of(Path.of(OptionsFixtures.MOUNT_DIR))).ok())
        .isTrue();
  }
}
