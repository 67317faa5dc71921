import io.kvflex.localvault.LocalVault;
import io.kvflex.localvault.LocalVaultConfig;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SecretSpec;
import io.kvflex.localvault.seed.SecretText;
import io.kvflex.localvault.seed.SeedLoader;
import io.kvflex.localvault.seed.VaultSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A localvault for heap-50-objects.sh: the driver black-box seed, whose vault also holds secrets
 * big-0 .. big-{count-1}, each a value of {@code bytes} ASCII characters (built here: a YAML seed of
 * that size is past the YAML parser's document limit). Writes the cloud environment and hosts
 * files, prints "ready tenant=..." and serves until killed.
 *
 * <p>Arguments: seed file, count, bytes, env file, hosts file.
 */
public class HeapSeed {
  public static void main(String[] args) throws Exception {
    Seed base = SeedLoader.load(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    int bytes = Integer.parseInt(args[2]);
    List<VaultSpec> vaults = new ArrayList<>();
    for (VaultSpec v : base.vaults()) {
      List<SecretSpec> secrets = new ArrayList<>(v.secrets());
      for (int i = 0; i < count; i++) {
        // Distinct values, so no two objects share one String.
        String unit = i + "-";
        String value = unit.repeat(bytes / unit.length() + 1).substring(0, bytes);
        secrets.add(
            new SecretSpec(
                "big-" + i,
                List.of(
                    new SecretSpec.Version(new SecretText(value), "text/plain", true, Map.of()))));
      }
      vaults.add(
          new VaultSpec(
              v.name(),
              v.tenant(),
              v.access(),
              secrets,
              v.keys(),
              v.certificates(),
              v.faults(),
              v.paging()));
    }
    Seed seed =
        new Seed(
            base.tenants(),
            base.servicePrincipals(),
            base.managedIdentities(),
            base.podIdentities(),
            vaults,
            base.faults());
    LocalVault lv = LocalVault.start(LocalVaultConfig.of(seed));
    lv.writeCloudEnvironment(Path.of(args[3]));
    lv.writeHostsFile(Path.of(args[4]));
    System.out.println("ready tenant=" + lv.tenantId());
    System.out.flush();
    Thread.currentThread().join();
  }
}
