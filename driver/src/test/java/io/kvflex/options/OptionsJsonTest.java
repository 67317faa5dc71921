package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static io.kvflex.options.OptionsFixtures.b64;
import static io.kvflex.options.OptionsFixtures.json;
import static io.kvflex.options.OptionsFixtures.servicePrincipal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.UserInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsJsonTest {
  @Test
  void parsesKubeletJsonWithWhitespaceAndGlobCharacters() {
    Map<String, String> m = servicePrincipal();
    m.put("keyvaultobjectnames", "db-password ; api-key");
    m.put("keyvaultobjectaliases", "conf/*.pem;conf/[x] y.txt");
    MountRequest r = MountRequest.parseJson(json(m), Optional.empty());
    assertThat(r.objects())
        .extracting(VaultObjectSpec::fileName)
        .containsExactly("conf/*.pem", "conf/[x] y.txt");
  }

  @Test
  void problemsBecomeOneMessageListingEach() {
    Map<String, String> m = servicePrincipal();
    m.remove("tenantid");
    m.put("keyvaultobjecttypes", "secret");
    assertThatThrownBy(() -> MountRequest.parseJson(json(m), Optional.empty()))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "2 problems in the volume options: [1] option tenantid is required: give the Entra ID"
                + " tenant (directory) id of the vault, a GUID, or \"adfs\" on Azure Stack Hub with AD FS;"
                + " [2] option keyvaultobjecttypes has 1 item but keyvaultobjectnames has 2; give"
                + " exactly one type per object name");
  }

  @Test
  void oneProblemIsSingular() {
    Map<String, String> m = servicePrincipal();
    m.put("usepodidentity", "yes");
    m.put("usevmmanagedidentity", "no");
    m.put("filemode", "999");
    assertThatThrownBy(() -> MountRequest.parseJson(json(m), Optional.empty()))
        .hasMessageStartingWith("3 problems in the volume options: [1] ");
    Map<String, String> one = servicePrincipal();
    one.put("filemode", "999");
    assertThatThrownBy(() -> MountRequest.parseJson(json(one), Optional.empty()))
        .hasMessageStartingWith("1 problem in the volume options: option filemode \"999\"");
  }

  @Test
  void aRepeatedKeyIsRefusedNamingTheKeyButNeverAValue() {
    // The first tenantid holds a secret-looking value: the message names the key, not a value.
    String json =
        json(servicePrincipal()).replace("{", "{\"tenantid\":\"" + SENTINEL_SECRET + "\",");
    ParseResult r = new OptionsParser().parseJson(json, Optional.empty());
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ruleId()).isEqualTo("invalid-options-json");
              assertThat(p.message())
                  .startsWith("option \"tenantid\" appears more than once; give each option once")
                  .doesNotContain(SENTINEL_SECRET);
            });
    // A repeat of a null-valued key counts too.
    String nulls = "{\"timeout\":null,\"timeout\":\"5s\"}";
    assertThat(new OptionsParser().parseJson(nulls, Optional.empty()).problems())
        .singleElement()
        .extracting(OptionProblem::message)
        .asString()
        .startsWith("option \"timeout\" appears more than once");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"clientsecret\":\"" + SENTINEL_SECRET + "\"",
        "[\"" + SENTINEL_SECRET + "\"]",
        "{\"a\":\"" + SENTINEL_SECRET + "\"} trailing",
        SENTINEL_SECRET,
        "",
        "{'a':'" + SENTINEL_SECRET + "'}"
      })
  void invalidJsonIsNamedButNeverEchoed(String text) {
    ParseResult r = new OptionsParser().parseJson(text, Optional.of(Path.of("/x")));
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ruleId()).isEqualTo("invalid-options-json");
              assertThat(p.message()).doesNotContain(SENTINEL_SECRET).contains("argv[2]");
            });
    assertThatThrownBy(() -> MountRequest.parseJson(text, Optional.empty()))
        .isInstanceOf(UserInputException.class)
        .hasNoCause()
        .message()
        .doesNotContain(SENTINEL_SECRET)
        .startsWith("1 problem in the volume options: the volume options ");
  }

  @Test
  void nestedValuesAreRejectedByKeyOnly() {
    ParseResult r =
        new OptionsParser()
            .parseJson("{\"keyvaultname\":{\"x\":\"" + SENTINEL_SECRET + "\"}}", Optional.empty());
    assertThat(r.problems())
        .singleElement()
        .extracting(OptionProblem::message)
        .isEqualTo(
            "option \"keyvaultname\" is not a string; flexVolume.options values are strings: quote the value; the driver expects the kubelet's options as one JSON object of strings in argv[2]");
  }

  @Test
  void numbersAndNullsAreTolerated() {
    Map<String, String> m = OptionsFixtures.podIdentity();
    String text = json(m).replace("}", ",\"nmiport\":8081,\"cloudname\":null}");
    MountRequest r = MountRequest.parseJson(text, Optional.empty());
    assertThat(r.identity()).isEqualTo(new IdentityMode.PodIdentity("shop", "web-0", 8081));
  }

  @Test
  void secretNeverInAnyMessageEvenWhenMisplaced() {
    Map<String, String> m = servicePrincipal();
    m.put("kubernetes.io/secret/clientid", b64(SENTINEL_SECRET));
    m.put("clientsecret", SENTINEL_SECRET);
    m.put("client-secret", SENTINEL_SECRET);
    m.put("aadClientSecret", SENTINEL_SECRET);
    assertThatThrownBy(() -> MountRequest.parseJson(json(m), Optional.empty()))
        .message()
        .doesNotContain(SENTINEL_SECRET)
        .contains("in clear text")
        .startsWith("4 problems");
  }
}
