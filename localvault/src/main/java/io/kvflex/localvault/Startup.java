package io.kvflex.localvault;

import io.kvflex.localvault.arm.ControlPlane;
import io.kvflex.localvault.auth.ClientAssertions;
import io.kvflex.localvault.auth.Directory;
import io.kvflex.localvault.auth.PodBindings;
import io.kvflex.localvault.auth.TokenService;
import io.kvflex.localvault.http.FaultInjector;
import io.kvflex.localvault.http.HostNames;
import io.kvflex.localvault.http.RequestLog;
import io.kvflex.localvault.http.ServerState;
import io.kvflex.localvault.http.Servers;
import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.IssuingChain;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.pki.ServerTls;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.stats.RequestCounter;
import io.kvflex.localvault.store.ObjectFactory;
import io.kvflex.localvault.store.Vaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** Builds a running localvault from its configuration; key generation runs in parallel. */
final class Startup {
  private Startup() {}

  record Started(ServerState state, Servers servers, String caPem) {}

  static Started run(LocalVaultConfig config) {
    Seed seed = config.seed();
    Instant now = config.clock().instant();
    // RSA key generation dominates start-up: the token signing key and the client certificates
    // are made while the vaults are seeded (which itself runs in parallel).
    CompletableFuture<TokenService> tokens =
        CompletableFuture.supplyAsync(() -> TokenService.generate(config.clock()));
    CompletableFuture<Directory> directory =
        CompletableFuture.supplyAsync(() -> Directory.fromSeed(seed, now));
    CertificateAuthority ca =
        config.caCertificatePem().isPresent()
            ? CertificateAuthority.fromPem(config.caCertificatePem().get(), config.caKeyPem().get())
            : CertificateAuthority.generateRoot(
                "CN=localvault TLS CA,O=kvflex",
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(3650));
    HostNames hosts = config.hosts();
    SSLContext ssl = ServerTls.create(ca, tlsNames(hosts), now);
    ObjectFactory factory =
        new ObjectFactory(config.clock(), memoize(() -> IssuingChain.generate(now)));
    Vaults vaults = Vaults.seed(seed.vaults(), factory);
    PodBindings bindings = new PodBindings(config.clock());
    seed.podIdentities().forEach(bindings::bind);
    ServerState state =
        new ServerState(
            vaults,
            directory.join(),
            tokens.join(),
            new ClientAssertions(config.clock()),
            bindings,
            new FaultInjector(seed.faults(), new Random()),
            new RequestCounter(),
            hosts,
            factory,
            config.clock(),
            ControlPlane.of(seed));
    RequestLog log =
        config.requestLog().map(out -> RequestLog.to(out, config.clock())).orElse(RequestLog.NONE);
    Servers servers =
        Servers.start(
            state,
            ssl,
            new Servers.Ports(
                config.bindAddress(),
                config.httpsPort(),
                config.imdsPort(),
                config.nmiPort(),
                config.adminPort()),
            log);
    return new Started(state, servers, Pem.certificate(ca.certificate()));
  }

  /** Names on the HTTPS certificate. */
  static List<String> tlsNames(HostNames h) {
    return List.of(
        "*." + h.vaultSuffix(),
        h.vaultSuffix(),
        h.loginHost(),
        h.managementHost(),
        h.graphHost(),
        "localhost");
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }
}
