package io.kvflex.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.IdentityMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationRecordTest {
  static final String OPTIONS = "{\"keyvaultname\":\"v\",\"usepodidentity\":\"true\"}";

  @Test
  void roundTripsThroughMarkerLines() {
    RotationRecord r = new RotationRecord(Duration.ofSeconds(90), "pod-identity", OPTIONS);
    List<String> marker =
        new ArrayList<>(List.of("kvflex volume v1", "fingerprint ab", "files 1 cd"));
    marker.addAll(r.lines());

    assertThat(RotationRecord.find(marker)).hasValue(r);
    assertThat(r.lines().get(0)).isEqualTo("rotation 90");
    assertThat(String.join("\n", r.lines())).doesNotContain("\n\n").doesNotContain("{");
  }

  @Test
  void aMarkerWithoutAWellFormedRecordHasNone() {
    assertThat(RotationRecord.find(List.of("kvflex volume v1", "fingerprint ab"))).isEmpty();
    assertThat(RotationRecord.find(List.of("rotation 5", "identity root", "options e30")))
        .as("unknown identity kind")
        .isEmpty();
    assertThat(RotationRecord.find(List.of("rotation 5s", "identity pod-identity", "options e30")))
        .isEmpty();
    assertThat(
            RotationRecord.find(
                List.of("rotation 5", "rotation 6", "identity pod-identity", "options e30")))
        .as("a line twice")
        .isEmpty();
    assertThat(RotationRecord.find(List.of("rotation 5", "identity pod-identity", "options %%")))
        .isEmpty();
    assertThat(RotationRecord.find(List.of("rotation 5", "identity pod-identity", "options e30")))
        .hasValueSatisfying(r -> assertThat(r.storedOptions()).isEqualTo("{}"));
  }

  @Test
  void onlyIdentitiesTheNodeCanObtainAgainAreResumable() {
    assertThat(RotationRecord.kindOf(new IdentityMode.VmManagedIdentity(Optional.empty())))
        .isEqualTo("vm-managed-identity");
    assertThat(RotationRecord.kindOf(new IdentityMode.PodIdentity("ns", "p", 2579)))
        .isEqualTo("pod-identity");
    assertThat(new RotationRecord(Duration.ofSeconds(5), "service-principal", "{}").resumable())
        .isFalse();
    assertThat(new RotationRecord(Duration.ofSeconds(5), "pod-identity", "{}").resumable())
        .isTrue();
  }
}
