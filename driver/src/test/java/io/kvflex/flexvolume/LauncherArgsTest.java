package io.kvflex.flexvolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LauncherArgsTest {
  static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theOptionsOfMountComeFromStdinWhenTheLauncherSaysSo() {
    assertThat(LauncherArgs.resolve(new String[] {"mount", "/d", "@stdin"}, in("{\"a\":\"é\"}")))
        .containsExactly("mount", "/d", "{\"a\":\"é\"}");
  }

  @Test
  void everythingElseIsLeftAsIs() {
    String[] unmount = {"unmount", "/d"};
    assertThat(LauncherArgs.resolve(unmount, in("ignored"))).isSameAs(unmount);
    String[] direct = {"mount", "/d", "{}"};
    assertThat(LauncherArgs.resolve(direct, in("ignored"))).isSameAs(direct);
  }

  @Test
  void oversizedOptionsAreRefused() {
    byte[] big = new byte[LauncherArgs.MAX_OPTIONS_BYTES + 1];
    assertThatThrownBy(
            () ->
                LauncherArgs.resolve(
                    new String[] {"mount", "/d", "@stdin"}, new ByteArrayInputStream(big)))
        .hasMessageContaining("larger than");
  }
}
