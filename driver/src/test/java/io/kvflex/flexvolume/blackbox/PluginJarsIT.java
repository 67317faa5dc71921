package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.packaging.UnsignJars;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The dependency jars of the BUILT plugin folder are the jars Maven resolved, minus their
 * signatures and nothing else: an unsigned jar byte for byte; a signed one with the same entries in
 * the same order, each with the same compressed bytes, CRC, method and time, except the signature
 * files (gone) and the manifest (its main section unchanged, the per-entry digest sections gone).
 */
class PluginJarsIT {

  @Test
  void pluginJarsAreTheResolvedJarsWithoutTheirSignatures() throws Exception {
    Map<String, Path> resolved = resolvedJars();
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(KvRun.pluginDir().resolve("lib"), "*.jar")) {
      dir.forEach(jars::add);
    }
    int signed = 0;
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (name.equals("kvflex-driver.jar")) {
        continue;
      }
      Path original = resolved.get(name);
      assertThat(original).as("%s on the test class path", name).isNotNull();
      assertNotSigned(jar);
      if (Files.mismatch(jar, original) != -1) {
        signed++;
        assertSameButSignature(jar, original);
      }
    }
    assertThat(signed).as("signed jars among the dependencies (the Azure SDK's)").isPositive();
  }

  private static void assertNotSigned(Path jar) throws Exception {
    try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
        assertThat(UnsignJars.isSignatureFile(e.getName())).as(jar + "!" + e.getName()).isFalse();
      }
      ZipArchiveEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
      if (manifest != null) {
        assertThat(new String(read(zip, manifest), "UTF-8"))
            .as("%s manifest: HotSpot takes any *-Digest attribute for a signature", jar)
            .doesNotContain("-Digest");
      }
    }
  }

  private static void assertSameButSignature(Path jar, Path original) throws Exception {
    try (ZipFile ours = ZipFile.builder().setPath(jar).get();
        ZipFile theirs = ZipFile.builder().setPath(original).get()) {
      List<ZipArchiveEntry> expected = new ArrayList<>();
      for (ZipArchiveEntry e : Collections.list(theirs.getEntriesInPhysicalOrder())) {
        if (!UnsignJars.isSignatureFile(e.getName())) {
          expected.add(e);
        }
      }
      List<ZipArchiveEntry> actual = Collections.list(ours.getEntriesInPhysicalOrder());
      assertThat(actual.stream().map(ZipArchiveEntry::getName))
          .as("%s: the entries, in order", jar)
          .containsExactlyElementsOf(expected.stream().map(ZipArchiveEntry::getName).toList());
      for (int i = 0; i < expected.size(); i++) {
        ZipArchiveEntry want = expected.get(i);
        ZipArchiveEntry got = actual.get(i);
        String what = jar.getFileName() + "!" + want.getName();
        if (want.getName().equals("META-INF/MANIFEST.MF")) {
          byte[] manifest = read(theirs, want);
          assertThat(read(ours, got)).as(what).isEqualTo(UnsignJars.mainSectionOnly(manifest));
          assertThat(new String(manifest, "UTF-8"))
              .as(what)
              .startsWith(new String(read(ours, got), "UTF-8"));
          continue;
        }
        assertThat(got.getMethod()).as(what).isEqualTo(want.getMethod());
        assertThat(got.getCrc()).as(what).isEqualTo(want.getCrc());
        assertThat(got.getTime()).as(what).isEqualTo(want.getTime());
        assertThat(raw(ours, got)).as(what).isEqualTo(raw(theirs, want));
      }
    }
  }

  /** The jars on this test's class path by file name (Maven's resolved dependencies). */
  private static Map<String, Path> resolvedJars() throws Exception {
    Map<String, Path> jars = new HashMap<>();
    for (URL url :
        Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      String s = url.toString();
      if (s.startsWith("jar:file:")) {
        Path jar = Path.of(new java.net.URI(s.substring(4, s.indexOf("!/"))));
        jars.put(jar.getFileName().toString(), jar);
      }
    }
    return jars;
  }

  private static byte[] read(ZipFile zip, ZipArchiveEntry e) throws Exception {
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private static byte[] raw(ZipFile zip, ZipArchiveEntry e) throws Exception {
    try (InputStream in = zip.getRawInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
