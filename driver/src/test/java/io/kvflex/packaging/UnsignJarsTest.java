package io.kvflex.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnsignJarsTest {
  private static final String MAIN = "Manifest-Version: 1.0\r\nCreated-By: Maven\r\n\r\n";
  private static final String DIGESTS =
      "Name: com/azure/core/A.class\r\nSHA-256-Digest: sNADKpUO2v4=\r\n\r\n"
          + "Name: com/azure/core/implementation/serializer/MalformedValueException\r\n"
          + " .class\r\nSHA-256-Digest: Fq3KvLl7j0W=\r\n\r\n";

  @Test
  void signatureFilesAreTheSpecsBlockAndSignatureFilesDirectlyInMetaInf() {
    assertThat(UnsignJars.isSignatureFile("META-INF/MSFTSIG.SF")).isTrue();
    assertThat(UnsignJars.isSignatureFile("META-INF/MSFTSIG.RSA")).isTrue();
    assertThat(UnsignJars.isSignatureFile("META-INF/BC1024KE.DSA")).isTrue();
    assertThat(UnsignJars.isSignatureFile("META-INF/KEY.EC")).isTrue();
    assertThat(UnsignJars.isSignatureFile("META-INF/SIG-FOO")).isTrue();
    assertThat(UnsignJars.isSignatureFile("META-INF/MANIFEST.MF")).isFalse();
    assertThat(UnsignJars.isSignatureFile("META-INF/versions/9/X.SF")).isFalse();
    assertThat(UnsignJars.isSignatureFile("com/x/Y.RSA")).isFalse();
  }

  @Test
  void theMainSectionStaysByteForByteAndTheDigestSectionsGo() throws Exception {
    byte[] signed = (MAIN + DIGESTS).getBytes(StandardCharsets.UTF_8);
    assertThat(UnsignJars.hasDigests(signed)).isTrue();
    byte[] stripped = UnsignJars.mainSectionOnly(signed);
    assertThat(new String(stripped, StandardCharsets.UTF_8)).isEqualTo(MAIN);
    assertThat(UnsignJars.hasDigests(stripped)).isFalse();
  }

  @Test
  void lineFeedManifestsToo() throws Exception {
    String main = MAIN.replace("\r\n", "\n");
    byte[] signed = (main + DIGESTS.replace("\r\n", "\n")).getBytes(StandardCharsets.UTF_8);
    assertThat(new String(UnsignJars.mainSectionOnly(signed), StandardCharsets.UTF_8))
        .isEqualTo(main);
  }

  @Test
  void aManifestWithoutSectionsIsKeptWhole() throws Exception {
    byte[] plain = "Manifest-Version: 1.0\nCreated-By: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(UnsignJars.hasDigests(plain)).isFalse();
    assertThat(UnsignJars.mainSectionOnly(plain)).isEqualTo(plain);
  }
}
