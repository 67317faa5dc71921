package io.kvflex.localvault.store;

import io.kvflex.localvault.seed.AccessSpec;
import io.kvflex.localvault.seed.FaultSpec;
import io.kvflex.localvault.seed.PagingSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** One vault: its tenant, access policy, objects, current faults and how it pages lists. */
public final class VaultState {
  private final String name;
  private final String tenant;
  private final Map<String, AccessSpec> accessByObjectId = new ConcurrentHashMap<>();
  private final AtomicReference<Optional<FaultState>> faults;
  private final PagingSpec paging;
  private final ObjectTable<SecretVersion> secrets =
      new ObjectTable<>(SecretVersion::name, SecretVersion::version);
  private final ObjectTable<KeyVersion> keys =
      new ObjectTable<>(KeyVersion::name, KeyVersion::version);
  private final ObjectTable<CertificateVersion> certificates =
      new ObjectTable<>(CertificateVersion::name, CertificateVersion::version);

  public VaultState(
      String name,
      String tenant,
      List<AccessSpec> access,
      Optional<FaultSpec> faults,
      PagingSpec paging) {
    this.name = name;
    this.tenant = tenant;
    this.paging = paging;
    access.forEach(this::setAccess);
    this.faults = new AtomicReference<>(faults.map(FaultState::new));
  }

  public String name() {
    return name;
  }

  public String tenant() {
    return tenant;
  }

  public PagingSpec paging() {
    return paging;
  }

  public ObjectTable<SecretVersion> secrets() {
    return secrets;
  }

  public ObjectTable<KeyVersion> keys() {
    return keys;
  }

  public ObjectTable<CertificateVersion> certificates() {
    return certificates;
  }

  /** The access policy, one entry per identity (object id), in object id order. */
  public List<AccessSpec> accessPolicies() {
    return accessByObjectId.values().stream()
        .sorted(java.util.Comparator.comparing(AccessSpec::identity))
        .toList();
  }

  /** Replaces the access policy entry of one identity (object id). */
  public void setAccess(AccessSpec spec) {
    accessByObjectId.put(spec.identity(), spec);
  }

  /** Whether the identity with {@code objectId} holds {@code permission} on {@code kind}. */
  public boolean allows(String objectId, ObjectKind kind, String permission) {
    AccessSpec a = accessByObjectId.get(objectId);
    if (a == null) {
      return false;
    }
    Set<String> perms =
        switch (kind) {
          case SECRET -> a.secrets();
          case KEY -> a.keys();
          case CERTIFICATE -> a.certificates();
        };
    return perms.contains(permission);
  }

  /** Faults of this vault, if any (otherwise the global ones apply). */
  public Optional<FaultState> faults() {
    return faults.get();
  }

  public void setFaults(Optional<FaultSpec> f) {
    faults.set(f.map(FaultState::new));
  }
}
