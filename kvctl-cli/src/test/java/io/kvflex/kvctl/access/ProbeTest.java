package io.kvflex.kvctl.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How probe outcomes are classified and how they combine with the evaluated verdict. */
class ProbeTest {
  static final ObjectRef SECRET = new ObjectRef(ObjectType.SECRET, "s", Optional.empty());

  @Test
  void classifiesTheVaultClientsMessagesByStatus() {
    assertThat(
            VaultProber.classify(
                    "cannot fetch secret/s (latest) from Key Vault 'kv' as x:"
                        + " Key Vault answered Forbidden/ForbiddenByRbac [HTTP 403] at https://kv/: x may not read secret s")
                .outcome())
        .isEqualTo(ProbeOutcome.Kind.DENIED);
    assertThat(
            VaultProber.classify(
                    "Key Vault answered ForbiddenByFirewall [HTTP 403] at https://kv/:"
                        + " the vault's firewall does not allow this node's address")
                .outcome())
        .isEqualTo(ProbeOutcome.Kind.OTHER);
    assertThat(
            VaultProber.classify(
                    "Key Vault answered SecretDisabled [HTTP 403] at https://kv/: secret s is disabled")
                .outcome())
        .isEqualTo(ProbeOutcome.Kind.OTHER);
    assertThat(
            VaultProber.classify(
                    "Key Vault answered [HTTP 404] at https://kv/: secret s was not found")
                .outcome())
        .isEqualTo(ProbeOutcome.Kind.OTHER);
  }

  @Test
  void aDefiniteProbeSettlesTheExitCodeAndDisagreementIsShown() {
    Principal p =
        new Principal(
            "oid", Optional.empty(), Optional.empty(), "given object id", Optional.empty());
    VaultInfo vault =
        new VaultInfo(
            ArmShapes.VAULT_ID,
            "kv-demo",
            ArmShapes.TENANT,
            true,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            0,
            0);
    ObjectResult unsureButRead =
        new ObjectResult(
            SECRET,
            "scope",
            "x",
            Evaluation.cannotTell("ABAC condition"),
            Optional.of(new ProbeOutcome(ProbeOutcome.Kind.READ, "read version 1")));
    assertThat(new AccessReport(vault, p, List.of(unsureButRead), List.of(), List.of()).exitCode())
        .isZero();
    assertThat(unsureButRead.probeAgrees()).isEmpty();

    ObjectResult allowedButDenied =
        new ObjectResult(
            SECRET,
            "scope",
            "x",
            new Evaluation(Verdict.ALLOWED, List.of("role"), Optional.empty(), List.of()),
            Optional.of(new ProbeOutcome(ProbeOutcome.Kind.DENIED, "[HTTP 403]")));
    AccessReport report =
        new AccessReport(vault, p, List.of(allowedButDenied), List.of(), List.of());
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(ReportTable.render(report))
        .contains("probe:    denied: [HTTP 403] (DISAGREES with the verdict)");
    assertThat(ReportJson.render(report)).contains("\"agrees\": false");

    ObjectResult deniedAndOther =
        new ObjectResult(
            SECRET,
            "scope",
            "x",
            new Evaluation(Verdict.DENIED, List.of("none"), Optional.of("az ..."), List.of()),
            Optional.of(new ProbeOutcome(ProbeOutcome.Kind.OTHER, "[HTTP 404]")));
    assertThat(new AccessReport(vault, p, List.of(deniedAndOther), List.of(), List.of()).exitCode())
        .isEqualTo(1);
  }
}
