package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.vault.FaultProxy;
import io.kvflex.vault.http.TrustedTls;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network fault drills through the BUILT driver: answers that break off are retried, malformed
 * and oversized answers and token endpoint resets are named for what they are, a hung token
 * endpoint ends the mount at its timeout and the process right after its answer, and a failed
 * multi-object mount still logs its result.
 */
class NetworkFaultsIT extends LocalVaultMountTest {
  private static final Map<String, String> ONE =
      Map.of("keyvaultobjectnames", "db-password", "keyvaultobjecttypes", "secret");

  @AfterEach
  void noFaults() {
    lv.vault.clearFaults();
  }

  @Test
  void answersThatBreakOffMidBodyAreRetried() throws Exception {
    lv.vault.setVaultFaults(
        LocalVaultFixture.VAULT, Optional.of(FaultSpec.NONE.withTruncateNext(2)));
    KvRun run = mount(ONE);
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
  }

  @Test
  void aMalformedAnswerIsNamedAndLeavesNothing() throws Exception {
    lv.vault.setVaultFaults(
        LocalVaultFixture.VAULT, Optional.of(FaultSpec.NONE.withMalformedNext(1000)));
    KvRun run = mount(ONE);
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message())
        .contains("db-password")
        .contains("answered with a body that is not well-formed JSON")
        .doesNotContain("unexpected");
    assertNothingLeft();
  }

  @Test
  void aHungTokenEndpointAnswersAtTheTimeoutAndTheProcessEndsRightAfter() throws Exception {
    lv.vault.setFaults(FaultSpec.NONE.withTokenLatencyMs(120_000));
    Map<String, String> options = new LinkedHashMap<>(ONE);
    options.put("timeout", "5s");
    long start = System.nanoTime();
    KvRun run = mount(options);
    assertThat(run.exitCode).isEqualTo(1);
    // From the JVM's answer (its verb.result line) to the end of the process: a token request still
    // in flight on azure-core's shared executor held the JVM's exit for 2.5 to 5 s.
    List<String> log = Files.readAllLines(lv.log);
    String result = log.get(lastIndexOf(log, "event=verb.result"));
    java.time.Instant answered = java.time.Instant.parse(result.split(" ")[0].substring(5));
    assertThat(Duration.between(answered, run.finishedAt)).isLessThan(Duration.ofMillis(1500));
    assertThat(run.message()).contains("Entra ID token request").contains("login.localvault.test:");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("5 s and JVM start")
        .isLessThan(Duration.ofSeconds(30));
    assertNothingLeft();
  }

  @Test
  void tokenEndpointResetsAreNetworkTroubleAndTheLogKeepsItsLastLine() throws Exception {
    lv.vault.setFaults(FaultSpec.NONE.withTokenResetRate(1.0));
    KvRun run =
        mount(
            Map.of(
                "keyvaultobjectnames", "db-password;rsa-key;ec-key;web-pfx",
                "keyvaultobjecttypes", "secret;key;key;cert"));
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message())
        .contains("Entra ID token request failed")
        .containsPattern("(reset or closed|broke off)")
        .doesNotContain("check clientid");
    List<String> log = Files.readAllLines(lv.log);
    List<String> thisRun = log.subList(lastIndexOf(log, "event=mount.start"), log.size());
    assertThat(thisRun)
        // the cause trail: exception classes and the JDK's own network words, never blank
        .anyMatch(
            l ->
                l.contains("event=verb.failed")
                    && l.contains("io.kvflex.vault.credentials.TokenFailure")
                    && l.contains("java.io."))
        .anyMatch(l -> l.contains("event=verb.result") && l.contains("exit=1"));
    assertNothingLeft();
  }

  @Test
  void anOversizedAnswerIsRefusedWhileReading() throws Exception {
    try (FaultProxy proxy =
        FaultProxy.start(
            TrustedTls.sslContext(certificates(lv.vault.caPem())),
            lv.vault.httpsPort(),
            List.of("login.localvault.test", LocalVaultFixture.VAULT + ".vault.localvault.test"))) {
      proxy.hugeBytes(50 << 20).always(FaultProxy.Request::vaultRead, FaultProxy.Fault.HUGE);
      Map<String, String> options = new LinkedHashMap<>(ONE);
      options.put("cloudenvfilename", viaProxy(proxy).toString());
      KvRun run = mount(options);
      assertThat(run.exitCode).isEqualTo(1);
      assertThat(run.message())
          .contains("is larger than the 256 KiB limit (50 MiB announced)")
          .doesNotContain("out of memory");
      assertThat(proxy.count(FaultProxy.Request::vaultRead)).as("not retried").isEqualTo(1);
      assertNothingLeft();
    }
  }

  private static int lastIndexOf(List<String> lines, String part) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    throw new AssertionError("no line with " + part);
  }

  /** localvault's cloud environment with Key Vault behind {@code proxy}, whose CA it trusts. */
  private Path viaProxy(FaultProxy proxy) throws Exception {
    Map<String, Object> env;
    try (JsonReader r = JsonProviders.createReader(Files.readString(lv.cloudEnv))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) r.readUntyped();
      env = new LinkedHashMap<>(parsed);
    }
    env.put("keyVaultDNSSuffix", "vault.localvault.test:" + proxy.port());
    @SuppressWarnings("unchecked")
    Map<String, Object> kvflex = new LinkedHashMap<>((Map<String, Object>) env.get("kvflex"));
    kvflex.put("caCertificates", kvflex.get("caCertificates") + "\n" + pem(proxy.ca()));
    env.put("kvflex", kvflex);
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeUntyped(env).flush();
    }
    Path file = tmp.resolve("cloud-env-proxy.json");
    Files.writeString(file, out.toString());
    return file;
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static List<X509Certificate> certificates(String pem) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
