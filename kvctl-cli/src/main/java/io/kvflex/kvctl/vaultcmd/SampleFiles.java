package io.kvflex.kvctl.vaultcmd;

import io.kvflex.localvault.seed.AccessSpec;
import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.seed.KeySpec;
import io.kvflex.localvault.seed.SecretSpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.localvault.seed.VaultSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Ready-to-use files for trying kvflex against a local vault: a pod whose azure/kv volume reads the
 * objects a seeded service principal may get from the first vault (with {@code cloudenvfilename}
 * pointing at the served cloud environment), and the Secret (type azure/kv) holding that service
 * principal's throwaway credentials. Hand-built files got placeholders and a vault that does not
 * exist here; these run as they are.
 *
 * @param pod the pod manifest's path
 * @param secret the Secret manifest's path (0600), empty when the seed has no service principal
 *     with a client secret
 * @param vault the vault the pod reads
 * @param principal the service principal whose credentials the Secret holds
 * @param objects how many objects the pod's volume lists
 */
public record SampleFiles(
    Path pod, Optional<Path> secret, String vault, String principal, int objects) {

  /** File names, next to the cloud environment and hosts files. */
  public static final String POD = "pod.yaml";

  public static final String SECRET = "secret.yaml";

  /** The Secret's name, as the pod's secretRef names it. */
  static final String SECRET_NAME = "kvcreds";

  /** At most this many objects in the sample volume, to keep it readable. */
  private static final int MAX_OBJECTS = 8;

  /**
   * Writes the samples into {@code dir} unless they exist there already (a kept directory keeps the
   * user's edits).
   *
   * @param seed what the vault serves
   * @param tenantId the vault's tenant
   * @param cloudEnv the cloud environment file the pod names (absolute)
   */
  public static Optional<SampleFiles> write(Path dir, Seed seed, String tenantId, Path cloudEnv) {
    if (seed.vaults().isEmpty()) {
      return Optional.empty();
    }
    VaultSpec vault = seed.vaults().get(0);
    Optional<ServicePrincipalSpec> sp = principal(seed, vault);
    List<String[]> objects = sp.map(p -> objects(vault, p)).orElse(List.of());
    Path pod = dir.resolve(POD);
    Path secret = dir.resolve(SECRET);
    writeIfAbsent(pod, podYaml(vault.name(), tenantId, cloudEnv, objects, sp.isPresent()), false);
    sp.ifPresent(p -> writeIfAbsent(secret, secretYaml(p), true));
    return Optional.of(
        new SampleFiles(
            pod,
            sp.map(p -> secret),
            vault.name(),
            sp.map(ServicePrincipalSpec::name).orElse("-"),
            objects.size()));
  }

  /** The Secret manifest (type azure/kv) holding {@code sp}'s client id and secret. */
  public static String secretYaml(ServicePrincipalSpec sp) {
    return "# Service principal "
        + sp.name()
        + " of the local vault's seed: throwaway credentials, valid only against it.\n"
        + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: "
        + SECRET_NAME
        + "\ntype: azure/kv\nstringData:\n  clientid: \""
        + sp.clientId()
        + "\"\n  clientsecret: \""
        + sp.clientSecret().orElseThrow().reveal()
        + "\"\n";
  }

  /** The first service principal with a client secret that may get something in the vault. */
  private static Optional<ServicePrincipalSpec> principal(Seed seed, VaultSpec vault) {
    List<ServicePrincipalSpec> withSecret =
        seed.servicePrincipals().stream().filter(p -> p.clientSecret().isPresent()).toList();
    return withSecret.stream()
        .filter(p -> access(vault, p).isPresent())
        .findFirst()
        .or(() -> withSecret.stream().findFirst());
  }

  private static Optional<AccessSpec> access(VaultSpec vault, ServicePrincipalSpec p) {
    return vault.access().stream()
        .filter(
            a ->
                a.identity().equals(p.name())
                    || a.identity().equals(p.clientId())
                    || a.identity().equals(p.objectId()))
        .findFirst();
  }

  /** {name, type} of the objects {@code p} may get, enabled ones only. */
  private static List<String[]> objects(VaultSpec vault, ServicePrincipalSpec p) {
    Optional<AccessSpec> a = access(vault, p);
    List<String[]> out = new ArrayList<>();
    if (a.map(x -> gets(x.secrets())).orElse(false)) {
      for (SecretSpec s : vault.secrets()) {
        if (!s.versions().isEmpty() && s.versions().get(s.versions().size() - 1).enabled()) {
          out.add(new String[] {s.name(), "secret"});
        }
      }
    }
    if (a.map(x -> gets(x.keys())).orElse(false)) {
      for (KeySpec k : vault.keys()) {
        if (k.enabled()) {
          out.add(new String[] {k.name(), "key"});
        }
      }
    }
    if (a.map(x -> gets(x.certificates())).orElse(false)) {
      for (CertificateSpec c : vault.certificates()) {
        out.add(new String[] {c.name(), "cert"});
      }
    }
    return out.subList(0, Math.min(MAX_OBJECTS, out.size()));
  }

  private static boolean gets(Set<String> permissions) {
    return permissions.stream()
        .map(s -> s.toLowerCase(Locale.ROOT))
        .anyMatch(s -> s.equals("get") || s.equals("all"));
  }

  private static String podYaml(
      String vault, String tenantId, Path cloudEnv, List<String[]> objects, boolean secret) {
    List<String> names = objects.stream().map(o -> o[0]).toList();
    List<String> types = objects.stream().map(o -> o[1]).toList();
    return "# A pod whose azure/kv volume reads vault "
        + vault
        + " of the local vault (kvctl vault serve).\n"
        + "# cloudenvfilename points at the served cloud environment: on a cluster, use your"
        + " vault's\n# name and tenant instead and drop cloudname and cloudenvfilename.\n"
        + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kvflex-sample\nspec:\n"
        + "  containers:\n    - name: app\n      image: busybox:1.36\n"
        + "      command: [\"sh\", \"-c\", \"ls -l /kv && sleep 3600\"]\n"
        + "      volumeMounts:\n        - {name: kv, mountPath: /kv, readOnly: true}\n"
        + "  volumes:\n    - name: kv\n      flexVolume:\n        driver: azure/kv\n"
        + (secret ? "        secretRef:\n          name: " + SECRET_NAME + "\n" : "")
        + "        options:\n"
        + (secret ? "" : "          usevmmanagedidentity: \"true\"\n")
        + "          keyvaultname: \""
        + vault
        + "\"\n          keyvaultobjectnames: \""
        + String.join(";", names)
        + "\"\n          keyvaultobjecttypes: \""
        + String.join(";", types)
        + "\"\n          tenantid: \""
        + tenantId
        + "\"\n          cloudname: \"AzureStackCloud\"\n          cloudenvfilename: \""
        + cloudEnv.toAbsolutePath()
        + "\"\n";
  }

  private static void writeIfAbsent(Path file, String text, boolean secret) {
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (secret) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
