package io.kvflex.flexvolume.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksValuesAndTheirBase64Forms() {
    Redactor r = new Redactor();
    r.register("client-secret-123");
    String b64 =
        Base64.getEncoder().encodeToString("client-secret-123".getBytes(StandardCharsets.UTF_8));
    assertThat(r.redact("a client-secret-123 b " + b64 + " c")).isEqualTo("a **** b **** c");
  }

  @Test
  void masksEachLongLineOfAMultiLineSecret() {
    Redactor r = new Redactor();
    r.register(
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n");
    assertThat(r.redact("parse error near MIIEvQIBADANBgkqhkiG9w0BAQEF"))
        .isEqualTo("parse error near ****");
  }

  @Test
  void ignoresTooShortValuesSoOrdinaryWordsSurvive() {
    Redactor r = new Redactor();
    r.register("abc");
    r.register("");
    r.register((String) null);
    assertThat(r.redact("abc is fine")).isEqualTo("abc is fine");
  }

  @Test
  void longestValueWinsWhenValuesOverlap() {
    Redactor r = new Redactor();
    r.register("secret");
    r.register("secret-and-more");
    assertThat(r.redact("x secret-and-more y secret")).isEqualTo("x **** y ****");
  }
}
