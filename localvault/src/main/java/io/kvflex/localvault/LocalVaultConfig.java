package io.kvflex.localvault;

import io.kvflex.localvault.http.HostNames;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a localvault: the seed, ports (0 = any free port), host names, an optional CA to
 * issue the TLS certificate from, the clock and where to log requests.
 *
 * @param caCertificatePem PEM certificate of a CA to use instead of a generated one
 * @param caKeyPem its unencrypted private key (PEM)
 * @param bindAddress address the HTTPS, IMDS and NMI ports listen on (admin is always loopback)
 * @param requestLog stream for one line per request, or empty for silence
 */
public record LocalVaultConfig(
    Seed seed,
    int httpsPort,
    int imdsPort,
    int nmiPort,
    int adminPort,
    HostNames hosts,
    Optional<String> caCertificatePem,
    Optional<String> caKeyPem,
    String bindAddress,
    Clock clock,
    Optional<PrintStream> requestLog) {

  public LocalVaultConfig {
    Objects.requireNonNull(seed, "seed");
    for (int p : new int[] {httpsPort, imdsPort, nmiPort, adminPort}) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + p);
      }
    }
    if (caCertificatePem.isPresent() != caKeyPem.isPresent()) {
      throw new IllegalArgumentException("a CA needs both its certificate and its private key");
    }
  }

  /** Any free ports, default host names, generated CA, system clock, no request log. */
  public static LocalVaultConfig of(Seed seed) {
    return new LocalVaultConfig(
        seed,
        0,
        0,
        0,
        0,
        HostNames.DEFAULT,
        Optional.empty(),
        Optional.empty(),
        "127.0.0.1",
        Clock.systemUTC(),
        Optional.empty());
  }

  /** {@link #of(Seed)} with the seed read from a YAML file (errors say file:line). */
  public static LocalVaultConfig fromSeedFile(Path seedFile) {
    return of(SeedLoader.load(seedFile));
  }

  /** {@link #of(Seed)} with the built-in demo seed. */
  public static LocalVaultConfig demo() {
    return of(SeedLoader.demo());
  }

  public LocalVaultConfig withPorts(int https, int imds, int nmi, int admin) {
    return new LocalVaultConfig(
        seed,
        https,
        imds,
        nmi,
        admin,
        hosts,
        caCertificatePem,
        caKeyPem,
        bindAddress,
        clock,
        requestLog);
  }

  public LocalVaultConfig withHosts(HostNames h) {
    return new LocalVaultConfig(
        seed,
        httpsPort,
        imdsPort,
        nmiPort,
        adminPort,
        h,
        caCertificatePem,
        caKeyPem,
        bindAddress,
        clock,
        requestLog);
  }

  public LocalVaultConfig withCa(String certificatePem, String keyPem) {
    return new LocalVaultConfig(
        seed,
        httpsPort,
        imdsPort,
        nmiPort,
        adminPort,
        hosts,
        Optional.of(certificatePem),
        Optional.of(keyPem),
        bindAddress,
        clock,
        requestLog);
  }

  public LocalVaultConfig withBindAddress(String address) {
    return new LocalVaultConfig(
        seed,
        httpsPort,
        imdsPort,
        nmiPort,
        adminPort,
        hosts,
        caCertificatePem,
        caKeyPem,
        address,
        clock,
        requestLog);
  }

  public LocalVaultConfig withClock(Clock c) {
    return new LocalVaultConfig(
        seed,
        httpsPort,
        imdsPort,
        nmiPort,
        adminPort,
        hosts,
        caCertificatePem,
        caKeyPem,
        bindAddress,
        c,
        requestLog);
  }

  public LocalVaultConfig withRequestLog(PrintStream out) {
    return new LocalVaultConfig(
        seed,
        httpsPort,
        imdsPort,
        nmiPort,
        adminPort,
        hosts,
        caCertificatePem,
        caKeyPem,
        bindAddress,
        clock,
        Optional.of(out));
  }

  @Override
  public String toString() {
    return "LocalVaultConfig[vaults="
        + seed.vaults().size()
        + ", https="
        + httpsPort
        + ", imds="
        + imdsPort
        + ", nmi="
        + nmiPort
        + ", admin="
        + adminPort
        + ", hosts="
        + hosts
        + "]";
  }
}
