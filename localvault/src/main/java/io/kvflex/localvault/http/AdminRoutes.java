package io.kvflex.localvault.http;

import io.kvflex.localvault.auth.Identity;
import io.kvflex.localvault.seed.AccessSpec;
import io.kvflex.localvault.seed.PodIdentitySpec;
import io.kvflex.localvault.stats.RequestCounts;
import io.kvflex.localvault.store.VaultState;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API on its own loopback HTTP port: health, request counts, faults, pod-identity
 * bindings and access policies, changeable while the server runs.
 */
final class AdminRoutes {
  private final ServerState state;

  AdminRoutes(ServerState state) {
    this.state = state;
  }

  void handle(Exchange ex) throws IOException {
    List<String> s = ex.segments();
    ex.describe("admin", "", "");
    if (s.isEmpty() || !s.get(0).equals("admin")) {
      ex.sendJson(404, Map.of("error", "unknown path; the admin API lives under /admin/"));
      return;
    }
    String what = s.size() > 1 ? s.get(1) : "";
    List<String> rest = s.subList(Math.min(2, s.size()), s.size());
    try {
      switch (ex.method() + " " + what) {
        case "GET health" -> ex.sendJson(200, Map.of("status", "ready"));
        case "GET counts" -> ex.sendJson(200, counts(state.counter().snapshot()));
        case "DELETE counts" -> {
          state.counter().reset();
          ex.send(204, new byte[0]);
        }
        case "GET faults" -> ex.sendJson(200, faults());
        case "PUT faults" -> putFaults(ex, rest);
        case "DELETE faults" -> deleteFaults(ex, rest);
        case "GET pod-identities" -> ex.sendJson(200, Map.of("value", state.bindings().describe()));
        case "PUT pod-identities" -> putBinding(ex);
        case "DELETE pod-identities" -> deleteBinding(ex, rest);
        case "PUT access" -> putAccess(ex, rest);
        default -> ex.sendJson(404, Map.of("error", "unknown admin path or method"));
      }
    } catch (IllegalArgumentException e) {
      ex.sendJson(400, Map.of("error", e.getMessage()));
    } catch (BodyTooLargeException e) {
      ex.sendJson(413, Map.of("error", "body too large"));
    }
  }

  static Map<String, Object> counts(RequestCounts c) {
    List<Map<String, Object>> entries =
        c.entries().stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("operation", e.operation());
                  m.put("vault", e.vault());
                  m.put("object", e.object());
                  m.put("identity", e.identity());
                  m.put("status", e.status());
                  m.put("count", e.count());
                  return m;
                })
            .toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", c.total());
    m.put("entries", entries);
    return m;
  }

  private Map<String, Object> faults() {
    Map<String, Object> vaults = new LinkedHashMap<>();
    for (VaultState v : state.vaults().all()) {
      v.faults().ifPresent(f -> vaults.put(v.name(), FaultInjector.describe(f)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("global", FaultInjector.describe(state.faults().global()));
    m.put("vaults", vaults);
    return m;
  }

  private void putFaults(Exchange ex, List<String> rest) throws IOException, BodyTooLargeException {
    var spec = FaultJson.parse(ex.jsonBody());
    if (rest.isEmpty()) {
      state.faults().setGlobal(spec);
    } else {
      vault(rest.get(0)).setFaults(Optional.of(spec));
    }
    ex.sendJson(200, faults());
  }

  private void deleteFaults(Exchange ex, List<String> rest) throws IOException {
    if (rest.isEmpty()) {
      state.faults().setGlobal(io.kvflex.localvault.seed.FaultSpec.NONE);
      state.vaults().all().forEach(v -> v.setFaults(Optional.empty()));
    } else {
      vault(rest.get(0)).setFaults(Optional.empty());
    }
    ex.sendJson(200, faults());
  }

  private VaultState vault(String name) {
    return state
        .vaults()
        .find(name)
        .orElseThrow(() -> new IllegalArgumentException("no vault named '" + name + "'"));
  }

  private Identity identity(String name) {
    return state
        .directory()
        .find(name)
        .orElseThrow(() -> new IllegalArgumentException("no identity named '" + name + "'"));
  }

  private void putBinding(Exchange ex) throws IOException, BodyTooLargeException {
    Map<String, Object> b = ex.jsonBody();
    var id = identity(str(b, "identity"));
    long afterMs =
        b.get("activeAfterMs") instanceof Number n
            ? n.longValue()
            : b.get("activeAfterSeconds") instanceof Number n2 ? n2.longValue() * 1000 : 0;
    int afterRequests = b.get("activeAfterRequests") instanceof Number n ? n.intValue() : 0;
    state
        .bindings()
        .bind(
            new PodIdentitySpec(
                str(b, "namespace"),
                str(b, "pod"),
                id.name(),
                afterRequests,
                Duration.ofMillis(afterMs)));
    ex.sendJson(200, Map.of("value", state.bindings().describe()));
  }

  private void deleteBinding(Exchange ex, List<String> rest) throws IOException {
    if (rest.size() != 2) {
      throw new IllegalArgumentException("use DELETE /admin/pod-identities/{namespace}/{pod}");
    }
    boolean removed = state.bindings().unbind(rest.get(0), rest.get(1));
    ex.sendJson(removed ? 200 : 404, Map.of("value", state.bindings().describe()));
  }

  private void putAccess(Exchange ex, List<String> rest) throws IOException, BodyTooLargeException {
    if (rest.size() != 1) {
      throw new IllegalArgumentException("use PUT /admin/access/{vault}");
    }
    VaultState v = vault(rest.get(0));
    Map<String, Object> b = ex.jsonBody();
    var id = identity(str(b, "identity"));
    v.setAccess(
        new AccessSpec(
            id.objectId(), perms(b, "secrets"), perms(b, "keys"), perms(b, "certificates")));
    ex.sendJson(200, Map.of("vault", v.name(), "identity", id.name()));
  }

  private static Set<String> perms(Map<String, Object> b, String key) {
    Object v = b.get(key);
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException("'" + key + "' must be a list of permissions");
    }
    Set<String> out = new HashSet<>();
    l.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

  private static String str(Map<String, Object> b, String key) {
    if (b.get(key) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new IllegalArgumentException("'" + key + "' is required and must be a string");
  }
}
