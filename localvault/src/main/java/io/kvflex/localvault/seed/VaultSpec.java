package io.kvflex.localvault.seed;

import java.util.List;
import java.util.Optional;

/** A vault: its tenant, access policy, objects, optional faults and how it pages lists. */
public record VaultSpec(
    String name,
    String tenant,
    List<AccessSpec> access,
    List<SecretSpec> secrets,
    List<KeySpec> keys,
    List<CertificateSpec> certificates,
    Optional<FaultSpec> faults,
    PagingSpec paging) {}
