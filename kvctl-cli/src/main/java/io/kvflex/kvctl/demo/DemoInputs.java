package io.kvflex.kvctl.demo;

import io.kvflex.kvctl.kubelet.KubeletMount;
import io.kvflex.kvctl.kubelet.KubeletMounts;
import io.kvflex.kvctl.manifest.ManifestInput;
import io.kvflex.kvctl.manifest.ManifestReader;
import io.kvflex.kvctl.manifest.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example manifest pointed at the demo vault: a copy with {@code keyvaultname} and {@code
 * tenantid} rewritten, the {@code kvcreds} Secret (type azure/kv) holding the demo application's
 * credentials, and the kubelet-shaped options of its volume.
 */
final class DemoInputs {
  private static final Pattern VAULT = Pattern.compile("(?m)^(\\s*keyvaultname:\\s*).*$");
  private static final Pattern TENANT = Pattern.compile("(?m)^(\\s*tenantid:\\s*).*$");

  final Path manifest;
  final Path secret;
  final KubeletMount mount;

  private DemoInputs(Path manifest, Path secret, KubeletMount mount) {
    this.manifest = manifest;
    this.secret = secret;
    this.mount = mount;
  }

  static DemoInputs prepare(Path example, DemoVault vault, Path workspace) {
    try {
      String text = Files.readString(example, StandardCharsets.UTF_8);
      String rewritten =
          TENANT
              .matcher(
                  VAULT
                      .matcher(text)
                      .replaceAll("$1" + Matcher.quoteReplacement(vault.vaultName())))
              .replaceAll("$1" + Matcher.quoteReplacement(vault.tenantId()));
      Path manifest = workspace.resolve(example.getFileName());
      Files.writeString(manifest, rewritten, StandardCharsets.UTF_8);
      String secretYaml = vault.secretYaml();
      Path secret = workspace.resolve("kvcreds-secret.yaml");
      Files.writeString(secret, secretYaml, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(
          secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      ManifestReader reader = new ManifestReader();
      Manifests manifests = reader.read(List.of(new ManifestInput(manifest.toString(), rewritten)));
      Manifests secrets = reader.read(List.of(new ManifestInput(secret.toString(), secretYaml)));
      KubeletMount mount =
          new KubeletMounts()
              .select(
                  manifests,
                  secrets.secrets(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty())
              .get(0);
      return new DemoInputs(manifest, secret, mount);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The options JSON the kubelet would pass, pointed at the demo cloud environment file. */
  String kubeletJson(DemoVault vault) {
    return mount
        .options()
        .with(
            Map.of(
                "cloudname",
                "AzureStackCloud",
                "cloudenvfilename",
                vault.cloudEnv.toAbsolutePath().toString()))
        .json()
        .revealUtf8();
  }
}
