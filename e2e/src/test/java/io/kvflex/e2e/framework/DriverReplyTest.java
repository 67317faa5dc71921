package io.kvflex.e2e.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The kubelet's rule as the suite applies it: exactly one JSON object, nothing around it. */
class DriverReplyTest {

  @Test
  void oneObjectIsAReply() {
    DriverReply r =
        DriverReply.of(1, "{\"status\":\"Failure\",\"message\":\"m\"}\n", Duration.ZERO);
    assertThat(r.protocolError()).isEmpty();
    assertThat(r.status()).isEqualTo("Failure");
    assertThat(r.message()).isEqualTo("m");
    assertThat(r.succeeded()).isFalse();
  }

  @Test
  void anythingBesidesTheObjectIsAProtocolError() {
    for (String output :
        new String[] {
          "Picked up JAVA_TOOL_OPTIONS: -Xmx1g\n{\"status\":\"Success\"}\n",
          "{\"status\":\"Success\"}\n{\"status\":\"Success\"}\n",
          "{\"status\":\"Success\"} trailing\n",
          "",
          "[]\n"
        }) {
      DriverReply r = DriverReply.of(0, output, Duration.ZERO);
      assertThat(r.protocolError()).as(output).isPresent();
      assertThat(r.succeeded()).as(output).isFalse();
    }
  }
}
