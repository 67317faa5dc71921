package io.kvflex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's messages as agent-client.sh writes them (byte lengths, any content). */
class ProtocolTest {
  static final String JSON =
      "{\"keyvaultname\":\"v\",\"kubernetes.io/secret/clientsecret\":\"U0VOVElORUwtc2VjcmV0\"}";

  static FrameReader reader(String text) {
    return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String arg(String value) {
    return "arg " + value.getBytes(StandardCharsets.UTF_8).length + "\n" + value + "\n";
  }

  @Test
  void readsArgumentsOfAnyContentAndTheProxyVariables() throws Exception {
    String odd = "line one\nline two \"quoted\" ünïcødé";
    String proxy = "http://user:p%40ss@proxy:3128";
    CallRequest request =
        Protocol.readRequest(
            reader(
                "call 1\nstart 1796553659414876053\n"
                    + "env HTTPS_PROXY "
                    + proxy.length()
                    + "\n"
                    + proxy
                    + "\n"
                    + arg("mount")
                    + arg("/var/lib/kubelet/pods/u/volumes/azure~kv/kv")
                    + arg(JSON)
                    + arg(odd)
                    + arg("")
                    + "end\n"));
    assertThat(request.argv())
        .containsExactly("mount", "/var/lib/kubelet/pods/u/volumes/azure~kv/kv", JSON, odd, "");
    assertThat(request.proxyEnv()).isEqualTo(Map.of("HTTPS_PROXY", proxy));
    assertThat(request.started()).isEqualTo(Instant.ofEpochSecond(1796553659L, 414876053L));
    assertThat(request.toString())
        .contains("verb=mount", "args=4")
        .doesNotContain("U0VOVElORUwtc2VjcmV0")
        .doesNotContain("p%40ss");
  }

  @Test
  void refusesWhatTheLauncherNeverSends() {
    for (String bad :
        List.of(
            "call 2\nstart 1\nend\n",
            "call 1\nstart soon\nend\n",
            "call 1\nstart 1\nenv PATH 4\n/bin\nend\n",
            "call 1\nstart 1\nsecret 3\nabc\nend\n",
            "call 1\nstart 1\narg 3\nabcd\nend\n",
            "call 1\nstart 1\narg -1\n\nend\n",
            "call 1\nstart 1\narg 99999999\n")) {
      assertThatThrownBy(() -> Protocol.readRequest(reader(bad)))
          .as(bad)
          .isInstanceOf(FrameReader.ProtocolException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
    }
  }

  @Test
  void aLauncherThatStopsMidRequestIsAnEndOfStream() {
    assertThatThrownBy(() -> Protocol.readRequest(reader("call 1\nstart 1\narg 10\nabc")))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> Protocol.readRequest(reader("call 1\nsta")))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void tooManyArgumentsOrBytesAreRefused() {
    StringBuilder many = new StringBuilder("call 1\nstart 1\n");
    for (int i = 0; i <= Protocol.MAX_ARGS; i++) {
      many.append(arg("x"));
    }
    assertThatThrownBy(() -> Protocol.readRequest(reader(many.append("end\n").toString())))
        .isInstanceOf(FrameReader.ProtocolException.class);
    assertThatThrownBy(() -> reader("x".repeat(FrameReader.MAX_LINE + 1) + "\n").line())
        .isInstanceOf(FrameReader.ProtocolException.class);
  }

  @Test
  void readsOperationReplies() throws Exception {
    assertThat(Protocol.readReply(reader("ok 3\n"), 3).ok()).isTrue();
    String output = "mount: /x: permission denied.\nsecond line";
    Protocol.OpResult failed =
        Protocol.readReply(
            reader("fail 4 32 /usr/bin/mount " + output.length() + "\n" + output + "\n"), 4);
    assertThat(failed.ok()).isFalse();
    assertThat(failed.exitCode()).isEqualTo(32);
    assertThat(failed.tool()).isEqualTo("/usr/bin/mount");
    assertThat(failed.output()).isEqualTo(output);
    assertThatThrownBy(() -> Protocol.readReply(reader("ok 2\n"), 3))
        .isInstanceOf(FrameReader.ProtocolException.class);
  }

  @Test
  void agentMessagesAreSingleLinesTheLauncherMatches() {
    assertThat(Protocol.claimed(42)).isEqualTo("claimed 42\n");
    assertThat(Protocol.op(1, "tmpfs", List.of("target", "1024")))
        .isEqualTo("op 1 tmpfs target 1024\n");
    assertThat(Protocol.answer(1, "{\"status\":\"Failure\",\"message\":\"m\"}"))
        .isEqualTo("answer 1\n{\"status\":\"Failure\",\"message\":\"m\"}\n");
  }
}
