package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AppCDS archive made at package time ({@code lib/kv.jsa}) is what a real mount through the
 * BUILT launcher uses. The launcher is run as the kubelet runs it, with one change from outside:
 * {@code KVFLEX_JAVA} names a wrapper that runs the same JVM with {@code -Xshare:on} (start-up
 * FAILS when the archive does not map, instead of silently running without it) and logs where every
 * class came from. The launcher's own flags and class path are untouched.
 */
class CdsArchiveIT extends LocalVaultMountTest {

  @Test
  void aRealMountLoadsTheDriverAndTheAzureSdkFromTheArchive() throws Exception {
    assertThat(KvRun.pluginDir().resolve("lib/kv.jsa"))
        .as("lib/kv.jsa (not built with -Dkvflex.cds.skip=true?)")
        .isRegularFile();
    Path classLog = tmp.resolve("class-load.log");
    Path wrapper = tmp.resolve("java-wrapper");
    Files.writeString(
        wrapper,
        "#!/bin/sh\n"
            + "# Adds the checks right before the main class (after the launcher's -Xlog:disable).\n"
            + "for a in \"$@\"; do\n"
            + "  shift\n"
            + "  if [ \"$a\" = io.kvflex.flexvolume.Main ]; then\n"
            + "    set -- \"$@\" -Xshare:on '-Xlog:class+load=info:file="
            + classLog
            + "'\n"
            + "  fi\n"
            + "  set -- \"$@\" \"$a\"\n"
            + "done\n"
            + "exec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new HashMap<>(lv.env());
    env.put("KVFLEX_JAVA", wrapper.toString());

    KvRun run =
        mount(
            env,
            Map.of(
                "keyvaultobjectnames", "db-password;rsa-key;web-pfx",
                "keyvaultobjecttypes", "secret;key;cert"));
    assertThat(run.status()).as(run.output).isEqualTo("Success");
    assertThat(unmount().status()).isEqualTo("Success");

    List<String> ours =
        Files.readAllLines(classLog).stream()
            .filter(
                l ->
                    l.contains("] io.kvflex.")
                        || l.contains("] com.azure.")
                        || l.contains("] com.microsoft.aad.")
                        || l.contains("] com.fasterxml.")
                        || l.contains("] reactor."))
            // Lambda and proxy classes are generated at run time; the archive holds only some.
            .filter(l -> !l.contains("$$Lambda$") && !l.contains("$Proxy"))
            .toList();
    List<String> shared =
        ours.stream().filter(l -> l.endsWith("source: shared objects file")).toList();
    assertThat(ours).as("driver and SDK classes loaded").hasSizeGreaterThan(1000);
    assertThat(shared)
        .anyMatch(l -> l.contains("] io.kvflex.flexvolume.Main "))
        .anyMatch(l -> l.contains("] com.azure.security.keyvault.secrets.SecretClient "))
        .anyMatch(l -> l.contains("] com.azure.core.http.HttpPipeline "));
    // Classes from the jars themselves are the ones the training did not load.
    assertThat(ours.size() - shared.size())
        .as(
            "classes NOT from the archive: %s",
            ours.stream().filter(l -> !shared.contains(l)).toList())
        .isLessThan(ours.size() / 20);
  }
}
