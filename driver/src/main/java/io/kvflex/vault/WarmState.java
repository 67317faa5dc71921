package io.kvflex.vault;

import io.kvflex.vault.credentials.TokenCache;
import io.kvflex.vault.http.HttpSettings;
import io.kvflex.vault.http.ProxyLog;
import io.kvflex.vault.http.ProxySettings;
import io.kvflex.vault.http.Proxying;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one engine keeps between mounts: access tokens per identity ({@link TokenCache}) and one set
 * of HTTP clients (TLS context, connection pool) per trust and proxy configuration, so a long-lived
 * process (the node agent) reuses tokens and kept-alive connections. Object values are never kept
 * here. The in-process driver holds one too, for its single mount, so both ways in run the same
 * code. Vault challenges are learnt once per vault host by the Key Vault SDK itself (a per-process
 * cache of the challenge's authority, tenant and scope: no secret).
 */
public final class WarmState {
  /** Distinct trust/proxy configurations kept; more than a handful means something is off. */
  static final int MAX_CONNECTION_SETS = 16;

  private record ConnectionKey(List<String> caFingerprints, ProxySettings proxies) {}

  private final TokenCache tokens;
  private final ProxyLog routes;
  private final ConcurrentHashMap<ConnectionKey, Connections> connections =
      new ConcurrentHashMap<>();

  private WarmState(TokenCache tokens, ProxyLog routes) {
    this.tokens = Objects.requireNonNull(tokens);
    this.routes = Objects.requireNonNull(routes);
  }

  /**
   * Empty warm state.
   *
   * @param clock decides when a cached token is too close to expiry
   * @param routes where the shared clients report proxy routes (the process log: shared clients
   *     outlive any one mount's log)
   */
  public static WarmState create(Clock clock, ProxyLog routes) {
    return new WarmState(TokenCache.create(clock), routes);
  }

  public TokenCache tokens() {
    return tokens;
  }

  /**
   * The shared HTTP clients trusting the JDK's CAs plus {@code extraCas} and routing through {@code
   * proxies}, built on first use.
   */
  public Connections connections(List<X509Certificate> extraCas, ProxySettings proxies) {
    ConnectionKey key = new ConnectionKey(fingerprints(extraCas), proxies);
    Connections existing = connections.get(key);
    if (existing != null) {
      return existing;
    }
    if (connections.size() >= MAX_CONNECTION_SETS) {
      connections.clear();
    }
    return connections.computeIfAbsent(
        key,
        k ->
            Connections.of(
                HttpSettings.withExtraCas(extraCas).withProxying(new Proxying(proxies, routes))));
  }

  /** How many client sets exist (tests). */
  int connectionSets() {
    return connections.size();
  }

  private static List<String> fingerprints(List<X509Certificate> cas) {
    List<String> out = new ArrayList<>(cas.size());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (X509Certificate ca : cas) {
        out.add(HexFormat.of().formatHex(sha.digest(ca.getEncoded())));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a CA certificate", e);
    }
    return out;
  }
}
