package io.kvflex.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void readsOneObjectAndItsMembers() {
    Map<String, Object> o = Json.object("{\"a\":{\"b\":\"c\"},\"n\":2,\"l\":[1,\"x\"]}\n");
    assertThat(Json.map(o, "a")).containsEntry("b", "c");
    assertThat(Json.text(o, "n")).isEqualTo("2");
    assertThat(Json.list(o, "l")).hasSize(2);
    assertThat(Json.map(o, "missing")).isEmpty();
    assertThat(Json.text(o, "missing")).isEmpty();
    assertThat(Json.list(o, "missing")).isEmpty();
  }

  @Test
  void anythingButExactlyOneObjectIsRefused() {
    assertThatThrownBy(() -> Json.object("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Json.object("{}{}")).hasMessageContaining("more than one");
    assertThatThrownBy(() -> Json.object("{} trailing"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.object("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesCompactJsonThatReadsBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "q\"uote");
    m.put("l", List.of("x", true));
    String text = Json.write(m);
    assertThat(text).isEqualTo("{\"s\":\"q\\\"uote\",\"l\":[\"x\",true]}");
    assertThat(Json.object(text)).isEqualTo(m);
  }
}
