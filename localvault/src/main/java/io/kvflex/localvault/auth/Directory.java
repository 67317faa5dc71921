package io.kvflex.localvault.auth;

import io.kvflex.localvault.auth.Identity.ClientCertificate;
import io.kvflex.localvault.auth.Identity.Kind;
import io.kvflex.localvault.pki.CertificateAuthority;
import io.kvflex.localvault.pki.KeyPairs;
import io.kvflex.localvault.pki.Pem;
import io.kvflex.localvault.seed.KeyKind;
import io.kvflex.localvault.seed.ManagedIdentitySpec;
import io.kvflex.localvault.seed.Seed;
import io.kvflex.localvault.seed.SeedException;
import io.kvflex.localvault.seed.ServicePrincipalSpec;
import io.kvflex.localvault.seed.TenantSpec;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The tenants and principals of the local Entra ID. */
public final class Directory {
  private final Set<String> tenants;
  private final List<Identity> identities;

  Directory(Set<String> tenants, List<Identity> identities) {
    this.tenants = Set.copyOf(tenants);
    this.identities = List.copyOf(identities);
  }

  /** Builds the directory; generates client certificates where the seed asks for them. */
  public static Directory fromSeed(Seed seed, Instant now) {
    List<Identity> ids = new ArrayList<>();
    for (ServicePrincipalSpec sp : seed.servicePrincipals()) {
      ids.add(
          new Identity(
              Kind.SERVICE_PRINCIPAL,
              sp.name(),
              sp.tenant(),
              sp.clientId(),
              sp.objectId(),
              null,
              sp.clientSecret(),
              certificate(sp, now),
              false,
              false));
    }
    for (ManagedIdentitySpec mi : seed.managedIdentities()) {
      ids.add(
          new Identity(
              Kind.MANAGED_IDENTITY,
              mi.name(),
              mi.tenant(),
              mi.clientId(),
              mi.objectId(),
              mi.resourceId(),
              Optional.empty(),
              Optional.empty(),
              mi.systemAssigned(),
              mi.onVm()));
    }
    return new Directory(
        seed.tenants().stream().map(TenantSpec::id).collect(Collectors.toSet()), ids);
  }

  private static Optional<ClientCertificate> certificate(ServicePrincipalSpec sp, Instant now) {
    if (sp.certificatePem().isPresent()) {
      List<X509Certificate> certs = Pem.parseCertificates(sp.certificatePem().get());
      if (certs.isEmpty()) {
        throw new SeedException(
            "service principal '" + sp.name() + "': certificatePem holds no certificate");
      }
      return Optional.of(new ClientCertificate(certs.get(0), null));
    }
    if (sp.generateCertificate()) {
      KeyPair kp = KeyPairs.generate(KeyKind.RSA, 2048, null);
      X509Certificate cert =
          CertificateAuthority.selfSigned(
              "CN=" + sp.name(),
              kp,
              List.of(),
              now.minus(Duration.ofHours(1)),
              Duration.ofDays(365));
      return Optional.of(new ClientCertificate(cert, kp.getPrivate()));
    }
    return Optional.empty();
  }

  public boolean hasTenant(String tenant) {
    return tenants.contains(tenant);
  }

  public List<Identity> all() {
    return identities;
  }

  public Optional<Identity> byObjectId(String objectId) {
    return identities.stream().filter(i -> i.objectId().equals(objectId)).findFirst();
  }

  /** A service principal by client id within a tenant. */
  public Optional<Identity> application(String tenant, String clientId) {
    return identities.stream()
        .filter(i -> i.kind() == Kind.SERVICE_PRINCIPAL)
        .filter(i -> i.tenant().equals(tenant) && i.clientId().equalsIgnoreCase(clientId))
        .findFirst();
  }

  /** By name, client id or object id, any kind. */
  public Optional<Identity> find(String ref) {
    return identities.stream()
        .filter(i -> i.name().equals(ref) || i.clientId().equals(ref) || i.objectId().equals(ref))
        .findFirst();
  }

  /** A managed identity assigned to the local VM, chosen as IMDS chooses it. */
  public Optional<Identity> vmIdentity(String clientId, String objectId, String resourceId) {
    return identities.stream()
        .filter(i -> i.kind() == Kind.MANAGED_IDENTITY && i.onVm())
        .filter(
            i -> {
              if (clientId != null) {
                return i.clientId().equalsIgnoreCase(clientId);
              }
              if (objectId != null) {
                return i.objectId().equalsIgnoreCase(objectId);
              }
              if (resourceId != null) {
                return i.resourceId()
                    .toLowerCase(Locale.ROOT)
                    .equals(resourceId.toLowerCase(Locale.ROOT));
              }
              return i.systemAssigned();
            })
        .findFirst();
  }
}
