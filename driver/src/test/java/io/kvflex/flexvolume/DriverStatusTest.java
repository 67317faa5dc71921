package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.testsupport.Json;
import org.junit.jupiter.api.Test;

class DriverStatusTest {

  @Test
  void initAnnouncesNoAttach() {
    assertThat(DriverStatus.initialized().toJson())
        .isEqualTo("{\"status\":\"Success\",\"capabilities\":{\"attach\":false}}");
    assertThat(DriverStatus.initialized().exitCode()).isZero();
  }

  @Test
  void successAndNotSupportedExitZero() {
    assertThat(DriverStatus.success().toJson()).isEqualTo("{\"status\":\"Success\"}");
    assertThat(DriverStatus.notSupported().toJson()).isEqualTo("{\"status\":\"Not supported\"}");
    assertThat(DriverStatus.success().exitCode()).isZero();
    assertThat(DriverStatus.notSupported().exitCode()).isZero();
  }

  @Test
  void aReportedSuccessCarriesOneLineForThePerson() {
    DriverStatus done = DriverStatus.success("adopted 1 volume:\n /k/v");
    assertThat(done.toJson())
        .isEqualTo("{\"status\":\"Success\",\"message\":\"adopted 1 volume: /k/v\"}");
    assertThat(done.exitCode()).isZero();
  }

  @Test
  void failureIsOneEscapedLineAndExitsOne() {
    DriverStatus failure =
        DriverStatus.failure("secret/a \"quoted\" \\ back\r\nnext line\ttab \u0001 ctl \u2028 end");
    assertThat(failure.exitCode()).isEqualTo(1);
    String json = failure.toJson();
    assertThat(json)
        .doesNotContain("\n")
        .doesNotContain("\r")
        .startsWith("{\"status\":\"Failure\"");
    assertThat(Json.object(json))
        .containsEntry("status", "Failure")
        .containsEntry("message", "secret/a \"quoted\" \\ back next line tab ctl end");
  }

  @Test
  void longMessagesAreBounded() {
    String message = ((DriverStatus.Failure) DriverStatus.failure("x".repeat(10_000))).message();
    assertThat(message).hasSize(DriverStatus.MAX_MESSAGE).endsWith("...");
  }

  @Test
  void emptyFailureStillSaysWhereToLook() {
    assertThat(((DriverStatus.Failure) DriverStatus.failure(" \n ")).message())
        .contains("kv-driver.log");
  }
}
