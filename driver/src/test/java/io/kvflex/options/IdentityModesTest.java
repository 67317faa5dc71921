package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.CLIENT_ID;
import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static io.kvflex.options.OptionsFixtures.b64;
import static io.kvflex.options.OptionsFixtures.podIdentity;
import static io.kvflex.options.OptionsFixtures.servicePrincipal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityModesTest {
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n"
          + "-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----\n";

  private static IdentityMode identity(Map<String, String> m) {
    ParseResult r = new OptionsParser().parse(m, Optional.empty());
    assertThat(r.problems()).isEmpty();
    return r.request().orElseThrow().identity();
  }

  private static Map<String, String> withoutSecret() {
    Map<String, String> m = servicePrincipal();
    m.remove("kubernetes.io/secret/clientsecret");
    return m;
  }

  @Test
  void clientSecretBase64MayContainLineBreaksAndSpaces() {
    Map<String, String> m = servicePrincipal();
    String wrapped = b64(SENTINEL_SECRET).replaceAll("(.{8})", "$1\n ") + "\r\n";
    m.put("kubernetes.io/secret/clientsecret", wrapped);
    m.put("kubernetes.io/secret/clientid", b64(CLIENT_ID + "\n"));
    assertThat(identity(m))
        .isEqualTo(
            new IdentityMode.ServicePrincipalSecret(CLIENT_ID, Sensitive.ofUtf8(SENTINEL_SECRET)));
  }

  @Test
  void trailingNewlineOfAFileBasedSecretIsDropped() {
    Map<String, String> m = servicePrincipal();
    m.put("kubernetes.io/secret/clientsecret", b64(SENTINEL_SECRET + "\n"));
    assertThat(((IdentityMode.ServicePrincipalSecret) identity(m)).clientSecret())
        .isEqualTo(Sensitive.ofUtf8(SENTINEL_SECRET));
  }

  @Test
  void pemClientCertificate() {
    Map<String, String> m = withoutSecret();
    m.put("kubernetes.io/secret/clientcert", b64(PEM));
    assertThat(identity(m))
        .isEqualTo(
            new IdentityMode.ServicePrincipalCertificate(
                CLIENT_ID, Sensitive.ofUtf8(PEM), Optional.empty()));
  }

  @Test
  void pkcs12ClientCertificateWithPasswordKeepsBinaryBytes() {
    byte[] pfx = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff, 0x00, 0x0a};
    Map<String, String> m = withoutSecret();
    m.put("kubernetes.io/secret/clientcert", Base64.getEncoder().encodeToString(pfx));
    m.put("kubernetes.io/secret/clientcertpassword", b64("pa ss\n"));
    assertThat(identity(m))
        .isEqualTo(
            new IdentityMode.ServicePrincipalCertificate(
                CLIENT_ID, Sensitive.of(pfx), Optional.of(Sensitive.ofUtf8("pa ss"))));
  }

  @Test
  void podIdentityUsesTheKubeletPodAndDefaultPort() {
    assertThat(identity(podIdentity()))
        .isEqualTo(new IdentityMode.PodIdentity("shop", "web-0", 2579));
    Map<String, String> m = podIdentity();
    m.put("nmiport", " 8080 ");
    m.put("usepodidentity", "TRUE");
    assertThat(identity(m)).isEqualTo(new IdentityMode.PodIdentity("shop", "web-0", 8080));
  }

  @Test
  void podIdentityIgnoresAnUnrelatedSecretKey() {
    Map<String, String> m = podIdentity();
    m.put("kubernetes.io/secret/other", b64("x"));
    assertThat(identity(m)).isInstanceOf(IdentityMode.PodIdentity.class);
  }

  @Test
  void vmManagedIdentitySystemAndUserAssigned() {
    Map<String, String> m = podIdentity();
    m.remove("usepodidentity");
    m.put("usevmmanagedidentity", "true");
    m.put("vmmanagedidentityclientid", "");
    assertThat(identity(m)).isEqualTo(new IdentityMode.VmManagedIdentity(Optional.empty()));
    m.put("vmmanagedidentityclientid", CLIENT_ID);
    assertThat(identity(m)).isEqualTo(new IdentityMode.VmManagedIdentity(Optional.of(CLIENT_ID)));
  }

  @Test
  void falseFlagsSelectNothing() {
    Map<String, String> m = servicePrincipal();
    m.put("usepodidentity", "False");
    m.put("usevmmanagedidentity", "false");
    assertThat(identity(m)).isInstanceOf(IdentityMode.ServicePrincipalSecret.class);
  }

  @Test
  void toStringOfRequestAndModesNeverShowsSecretBytes() {
    Map<String, String> m = servicePrincipal();
    MountRequest request = new OptionsParser().parse(m, Optional.empty()).request().orElseThrow();
    Map<String, String> c = withoutSecret();
    c.put("kubernetes.io/secret/clientcert", b64(PEM.replace("MIIEkey", SENTINEL_SECRET)));
    c.put("kubernetes.io/secret/clientcertpassword", b64(SENTINEL_SECRET));
    MountRequest certRequest =
        new OptionsParser().parse(c, Optional.empty()).request().orElseThrow();
    for (Object o :
        new Object[] {request, request.identity(), certRequest, certRequest.identity()}) {
      String text =
          o.toString()
              + ((IdentityMode) (o instanceof MountRequest r ? r.identity() : o)).describe();
      assertThat(text)
          .doesNotContain(SENTINEL_SECRET)
          .doesNotContain(b64(SENTINEL_SECRET))
          .doesNotContain(
              new String(
                  Base64.getEncoder().encode(SENTINEL_SECRET.getBytes(StandardCharsets.UTF_8)),
                  StandardCharsets.UTF_8))
          .contains("****");
    }
  }
}
