package io.kvflex.flexvolume.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.testsupport.KeyMaterial;
import io.kvflex.testsupport.Pem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every identity mode through the built {@code kv} against localvault: pod identity (NMI, including
 * a binding that is assigned late and one that never is), VM managed identity (system- and
 * user-assigned), a certificate service principal (PEM and PKCS#12) and a wrong client secret.
 */
class IdentityModesIT extends LocalVaultMountTest {
  static final String POD_IDENTITY_ID = "6f7a8b9c-0d1e-4f2a-3b4c-5d6e7f8a9b0c";
  static final String USER_IDENTITY_ID = "5e6f7a8b-9c0d-4e1f-2a3b-4c5d6e7f8a9b";
  static final String CERT_APP_ID = "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f";
  static final String P12_PASSWORD = "SENTINEL-p12-password";

  /** The object every test mounts, and the options that select no client secret. */
  Map<String, String> objectWithout(String... removed) {
    Map<String, String> o = new HashMap<>();
    o.put("keyvaultobjectnames", "db-password");
    o.put("keyvaultobjecttypes", "secret");
    o.put("kubernetes.io/secret/clientid", null);
    o.put("kubernetes.io/secret/clientsecret", null);
    for (String key : removed) {
      o.put(key, null);
    }
    return o;
  }

  void assertMountedSecret(KvRun run) throws Exception {
    assertThat(run.json).as(run.output).containsEntry("status", "Success");
    assertThat(Files.readString(dir.resolve("db-password"))).startsWith(LocalVaultFixture.SENTINEL);
    assertThat(unmount().status()).isEqualTo("Success");
  }

  long nmiRequests(int status) {
    return lv.vault
        .requestCounts()
        .count(e -> e.operation().equals("nmi.token") && e.status() == status);
  }

  @Test
  void podIdentityMountsThroughNmi() throws Exception {
    Map<String, String> o = objectWithout();
    o.put("usepodidentity", "true");
    o.put("nmiport", String.valueOf(lv.vault.nmiPort()));
    assertMountedSecret(mount(o));
  }

  @Test
  void podIdentityWaitsForALateBinding() throws Exception {
    lv.vault.bindPodIdentity(
        new PodIdentitySpec("it-ns", "late-pod", "it-pod-identity", 3, Duration.ZERO));
    lv.vault.resetRequestCounts();
    Map<String, String> o = objectWithout();
    o.put("usepodidentity", "true");
    o.put("kubernetes.io/pod.name", "late-pod");
    o.put("timeout", "60s");
    String before = KvRun.read(lv.log);
    assertMountedSecret(mount(o));
    assertThat(nmiRequests(404)).isEqualTo(3);
    assertThat(nmiRequests(200)).isEqualTo(1);
    assertThat(KvRun.read(lv.log).substring(before.length()))
        .containsPattern("event=mount.done .*duration_ms=\\d+");
  }

  @Test
  void podIdentityThatIsNeverAssignedFailsBeforeTheDeadline() throws Exception {
    Map<String, String> o = objectWithout();
    o.put("usepodidentity", "true");
    o.put("kubernetes.io/pod.name", "unbound-pod");
    o.put("timeout", "8s");
    long start = System.nanoTime();
    KvRun run = mount(o);
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains("it-ns/unbound-pod").containsIgnoringCase("not assigned");
    assertThat(seconds).as("8s deadline plus JVM start").isLessThan(30);
    assertNothingLeft();
  }

  @Test
  void aPodAuthorCannotImpersonateAnotherPod() throws Exception {
    // The options name another pod (a pod author's override); the mount dir says which pod the
    // kubelet is mounting for, so the driver refuses instead of asking NMI for the other pod.
    Map<String, String> o = objectWithout();
    o.put("usepodidentity", "true");
    o.put("kubernetes.io/pod.uid", "99999999-8888-4777-8666-555555555555");
    lv.vault.resetRequestCounts();
    KvRun run = mount(o);
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains("kubernetes.io/pod.uid");
    assertThat(nmiRequests(200) + nmiRequests(404)).isZero();
    assertNothingLeft();
  }

  @Test
  void vmManagedIdentitySystemAssigned() throws Exception {
    Map<String, String> o = objectWithout();
    o.put("usevmmanagedidentity", "true");
    assertMountedSecret(mount(o));
  }

  @Test
  void vmManagedIdentityUserAssigned() throws Exception {
    Map<String, String> o = objectWithout();
    o.put("usevmmanagedidentity", "true");
    o.put("vmmanagedidentityclientid", USER_IDENTITY_ID);
    assertMountedSecret(mount(o));
  }

  @Test
  void certificateServicePrincipalWithPem() throws Exception {
    String pem = lv.vault.clientCertificatePem("it-cert-app").orElseThrow();
    forbidKeyMaterial(pem);
    Map<String, String> o = objectWithout();
    o.put("kubernetes.io/secret/clientid", LocalVaultFixture.b64(CERT_APP_ID));
    o.put("kubernetes.io/secret/clientcert", LocalVaultFixture.b64(pem));
    assertMountedSecret(mount(o));
  }

  @Test
  void certificateServicePrincipalWithPkcs12() throws Exception {
    String pem = lv.vault.clientCertificatePem("it-cert-app").orElseThrow();
    forbidKeyMaterial(pem);
    forbidden.add(LocalVaultFixture.b64(P12_PASSWORD));
    byte[] p12 = pkcs12(pem, P12_PASSWORD);
    Map<String, String> o = objectWithout();
    o.put("kubernetes.io/secret/clientid", LocalVaultFixture.b64(CERT_APP_ID));
    o.put("kubernetes.io/secret/clientcert", Base64.getEncoder().encodeToString(p12));
    o.put("kubernetes.io/secret/clientcertpassword", LocalVaultFixture.b64(P12_PASSWORD));
    assertMountedSecret(mount(o));
  }

  @Test
  void aWrongClientSecretFailsClearlyAndMountsNothing() throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("keyvaultobjectnames", "db-password");
    o.put("keyvaultobjecttypes", "secret");
    o.put("kubernetes.io/secret/clientsecret", LocalVaultFixture.b64("SENTINEL-wrong-secret"));
    KvRun run = mount(o);
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.message()).contains(LocalVaultFixture.CLIENT_ID).contains("client secret");
    assertNothingLeft();
  }

  /** The private key's base64 body lines must never be printed or logged. */
  private static void forbidKeyMaterial(String pem) {
    Matcher m = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----\n([^-]+)-----END").matcher(pem);
    assertThat(m.find()).isTrue();
    for (String line : m.group(1).split("\n")) {
      if (line.length() >= 40) {
        forbidden.add(line);
      }
    }
  }

  /** The localvault client certificate PEM (PKCS#8 key, certificate) as a PKCS#12 file. */
  private static byte[] pkcs12(String pem, String password) {
    return KeyMaterial.toPkcs12(
        Pem.privateKey(pem), Pem.certificates(pem).subList(0, 1), password.toCharArray());
  }
}
