package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.BugException;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectRendererTest {
  private final ObjectRenderer renderer = new ObjectRenderer();

  @Test
  void projectionCarriesFileNameModeAndADescriptionWithoutTheValue() {
    VaultObjectSpec spec =
        new VaultObjectSpec(
            ObjectType.SECRET, "db-password", Optional.empty(), "conf/db.txt", ObjectFormat.RAW);
    FileProjection p =
        renderer.render(spec, Fixtures.secret("db-password", "S3cr3t-Sentinel", null), 0640);
    assertThat(p.relativePath()).isEqualTo("conf/db.txt");
    assertThat(p.mode()).isEqualTo(0640);
    assertThat(p.description()).isEqualTo("secret/db-password@" + Fixtures.VERSION + " as raw");
    assertThat(p.toString()).doesNotContain("S3cr3t-Sentinel");
    assertThat(new String(p.bytes(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("S3cr3t-Sentinel");
  }

  @Test
  void aFetchedObjectOfAnotherTypeOrNameIsABug() {
    var spec = Fixtures.spec(ObjectType.KEY, "k", ObjectFormat.PEM);
    assertThatThrownBy(() -> renderer.render(spec, Fixtures.secret("k", "x", null), 0644))
        .isInstanceOf(BugException.class)
        .hasMessageContaining("returned Secret secret/k@")
        .hasMessageNotContaining("x\"");
    assertThatThrownBy(
            () ->
                renderer.render(
                    spec, Fixtures.key("other", Fixtures.jwk("rsa-key.jwk.json")), 0644))
        .isInstanceOf(BugException.class)
        .hasMessageContaining("for key/k (latest)");
  }
}
