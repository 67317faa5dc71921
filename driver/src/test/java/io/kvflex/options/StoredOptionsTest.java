package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.MOUNT_DIR;
import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static io.kvflex.options.OptionsFixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredOptionsTest {
  private final OptionsParser parser = new OptionsParser();

  private static String json(Map<String, String> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach(
        (k, v) ->
            b.append(b.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
    return b.append('}').toString();
  }

  @Test
  void keepsEveryNonSecretOptionAndParsesToTheSameRequest() {
    Map<String, String> m = OptionsFixtures.podIdentity();
    m.put("rotationpollinterval", "30s");
    m.put("keyvaultobjectaliases", "creds/db");
    String stored = StoredOptions.withoutSecrets(json(m));

    MountRequest original =
        parser.parse(m, Optional.of(Path.of(MOUNT_DIR))).request().orElseThrow();
    MountRequest again =
        parser.parseJson(stored, Optional.of(Path.of(MOUNT_DIR))).request().orElseThrow();
    assertThat(again).isEqualTo(original);
  }

  @Test
  void dropsTheSecretRefKeysUnknownKeysAndInlineCredentials() {
    Map<String, String> m = OptionsFixtures.servicePrincipal();
    m.put("clientsecret", SENTINEL_SECRET + "-inline");
    m.put("clientsecrt", SENTINEL_SECRET + "-typo");
    String stored = StoredOptions.withoutSecrets(json(m));

    assertThat(stored)
        .doesNotContain(SENTINEL_SECRET)
        .doesNotContain(b64(SENTINEL_SECRET))
        .doesNotContain("kubernetes.io/secret/")
        .contains("\"keyvaultname\":\"myvault\"")
        .contains("\"kubernetes.io/pod.uid\"");
    assertThat(parser.parseJson(stored, Optional.of(Path.of(MOUNT_DIR))).problems())
        .as("a service principal cannot be mounted again from what is kept")
        .extracting(OptionProblem::ruleId)
        .contains("missing-credentials");
  }

  @Test
  void refusesWhatIsNotAnOptionsObject() {
    assertThatThrownBy(() -> StoredOptions.withoutSecrets("[\"" + SENTINEL_SECRET + "\"]"))
        .isInstanceOf(UserInputException.class)
        .hasMessageNotContaining(SENTINEL_SECRET);
  }
}
