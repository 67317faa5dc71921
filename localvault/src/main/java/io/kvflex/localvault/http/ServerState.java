package io.kvflex.localvault.http;

import io.kvflex.localvault.arm.ControlPlane;
import io.kvflex.localvault.auth.ClientAssertions;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.PodBindings;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.stats.RequestCounter;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.Vaults;
import java.time.Clock;

/**
 * Everything the request handlers share; one per running localvault. {@code controlPlane} is ARM
 * and Graph's model, from the same seed as the vaults.
 */
public record ServerState(
    Vaults vaults,
    Directory directory,
    TokenService tokens,
    ClientAssertions assertions,
    PodBindings bindings,
    FaultInjector faults,
    RequestCounter counter,
    HostNames hosts,
    ObjectFactory factory,
    Clock clock,
    ControlPlane controlPlane) {}
