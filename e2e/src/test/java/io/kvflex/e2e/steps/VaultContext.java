package io.kvflex.e2e.steps;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What this scenario put into the vault, so assertions compare files with the vault's truth. */
public final class VaultContext {
  /** Secret name → versions created in this scenario, oldest first. */
  final Map<String, List<String>> secretVersions = new HashMap<>();

  /** Secret name → the value stored last (for certificate-backed secrets: the vault's value). */
  final Map<String, String> secretValues = new HashMap<>();

  /** Key name → the public JWK the vault returned. */
  final Map<String, Map<String, Object>> keys = new HashMap<>();

  /** Certificate name → the vault's certificate (the {@code cer} DER). */
  final Map<String, X509Certificate> certificates = new HashMap<>();

  /** Every client secret handed to a pod in this scenario (right or wrong): never to be leaked. */
  final Set<String> clientSecretsUsed = new LinkedHashSet<>();

  List<String> versions(String secret) {
    return secretVersions.computeIfAbsent(secret, k -> new ArrayList<>());
  }
}
