package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.CertificateSpec;
import io.kvflex.localvault.seed.KeySpec;
import io.kvflex.localvault.seed.SecretSpec;
import io.kvflex.localvault.seed.VaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** All vaults of one localvault, by (lower-case) name. */
public final class Vaults {
  private final Map<String, VaultState> byName = new ConcurrentSkipListMap<>();

  public Optional<VaultState> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  public List<VaultState> all() {
    return List.copyOf(byName.values());
  }

  public void add(VaultState v) {
    byName.put(v.name(), v);
  }

  /**
   * Creates the seeded vaults. Key generation dominates start-up, so objects are generated in
   * parallel (the order of versions within one object is kept).
   */
  public static Vaults seed(List<VaultSpec> specs, ObjectFactory factory) {
    Vaults vaults = new Vaults();
    List<Runnable> work = new ArrayList<>();
    for (VaultSpec spec : specs) {
      VaultState v =
          new VaultState(spec.name(), spec.tenant(), spec.access(), spec.faults(), spec.paging());
      vaults.add(v);
      for (SecretSpec s : spec.secrets()) {
        work.add(() -> seedSecret(v, s, factory));
      }
      for (KeySpec k : spec.keys()) {
        work.add(() -> seedKey(v, k, factory));
      }
      for (CertificateSpec c : spec.certificates()) {
        work.add(() -> seedCertificate(v, c, factory));
      }
    }
    work.parallelStream().forEach(Runnable::run);
    return vaults;
  }

  private static void seedSecret(VaultState v, SecretSpec s, ObjectFactory factory) {
    for (SecretSpec.Version ver : s.versions()) {
      v.secrets()
          .add(factory.secret(s.name(), ver.value(), ver.contentType(), ver.tags(), ver.enabled()));
    }
  }

  private static void seedKey(VaultState v, KeySpec k, ObjectFactory factory) {
    for (int i = 0; i < k.versions(); i++) {
      boolean latest = i == k.versions() - 1;
      v.keys()
          .add(
              factory.key(
                  k.name(),
                  k.kind(),
                  k.size(),
                  k.curve(),
                  k.keyOps(),
                  Map.of(),
                  !latest || k.enabled()));
    }
  }

  private static void seedCertificate(VaultState v, CertificateSpec c, ObjectFactory factory) {
    for (int i = 0; i < c.versions(); i++) {
      boolean latest = i == c.versions() - 1;
      factory.createCertificate(
          v, c.name(), ObjectFactory.policyOf(c), Map.of(), !latest || c.enabled());
    }
  }
}
