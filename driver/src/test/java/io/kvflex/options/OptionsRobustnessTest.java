package io.kvflex.options;

import static io.kvflex.options.OptionsFixtures.SENTINEL_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random mixes of valid and hostile values (fixed seed, so failures reproduce): the parser never
 * throws, never quotes a credential (raw, base64 or inline), and every request it accepts has safe,
 * unique file names and formats that fit their types.
 */
class OptionsRobustnessTest {
  private static final List<String> VALUES =
      List.of(
          "",
          " ",
          ";",
          ";;",
          "a;b",
          "secret;key",
          "cert",
          "certificate",
          "pem;",
          "der;jwk",
          "../x;y",
          "/abs",
          "a//b",
          "..data",
          "x\u0000y",
          "true",
          "FALSE",
          "yes",
          "0",
          "65536",
          "0644",
          "0777",
          "7777",
          "16m",
          "1Gi",
          "2g",
          "60s",
          "1h",
          "adfs",
          "72f988bf-86f1-41af-91ab-2d7cd011db47",
          "AzureStackCloud",
          "/etc/cloud.json",
          "\"quoted\"",
          "\\",
          "%n%s",
          "ünï",
          "a".repeat(300),
          "db-password;api-key");

  private static final List<String> KEYS = new ArrayList<>();

  static {
    KEYS.addAll(KnownOptions.VOLUME_OPTIONS);
    KEYS.addAll(KnownOptions.LEGACY_OPTIONS);
    KEYS.addAll(KnownOptions.KUBELET_OPTIONS);
    KEYS.add("keyVaultName");
  }

  @Test
  void randomOptionsNeverCrashOrLeak() {
    Random random = new Random(20261128);
    OptionsParser parser = new OptionsParser(PodEvidence.NONE);
    int accepted = 0;
    for (int run = 0; run < 1500; run++) {
      Map<String, String> m =
          random.nextBoolean() ? OptionsFixtures.servicePrincipal() : OptionsFixtures.podIdentity();
      int changes = 1 + random.nextInt(4);
      for (int i = 0; i < changes; i++) {
        String key = KEYS.get(random.nextInt(KEYS.size()));
        if (random.nextInt(5) == 0) {
          m.remove(key);
        } else {
          m.put(key, VALUES.get(random.nextInt(VALUES.size())));
        }
      }
      // The secret goes only where secrets go; other values may be quoted in messages.
      switch (random.nextInt(4)) {
        case 0 -> m.put("kubernetes.io/secret/clientsecret", SENTINEL_SECRET);
        case 1 -> m.put("clientsecret", SENTINEL_SECRET);
        case 2 -> m.put("kubernetes.io/secret/clientcert", OptionsFixtures.b64(SENTINEL_SECRET));
        default -> m.put("kubernetes.io/secret/clientsecret", OptionsFixtures.b64(SENTINEL_SECRET));
      }
      ParseResult r =
          parser.parse(
              m,
              random.nextBoolean()
                  ? Optional.of(Path.of(OptionsFixtures.MOUNT_DIR))
                  : Optional.empty());
      for (OptionProblem p : r.problems()) {
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
        assertThat(p.message()).doesNotContain(SENTINEL_SECRET);
        assertThat(OptionRule.fromId(p.ruleId())).isPresent();
      }
      for (OptionProblem p : r.warnings()) {
        assertThat(p.severity()).isNotEqualTo(Severity.ERROR);
        assertThat(p.message()).doesNotContain(SENTINEL_SECRET);
      }
      if (r.request().isPresent()) {
        accepted++;
        Set<String> files = new HashSet<>();
        for (VaultObjectSpec spec : r.request().get().objects()) {
          assertThat(AliasPaths.whyUnsafe(spec.fileName())).isEmpty();
          assertThat(files.add(spec.fileName())).isTrue();
          assertThat(ObjectFormat.allowedFor(spec.type())).contains(spec.format());
        }
        assertThat(r.request().get().toString()).doesNotContain(SENTINEL_SECRET);
      }
    }
    assertThat(accepted).as("some random volumes are valid").isGreaterThan(50);
  }
}
