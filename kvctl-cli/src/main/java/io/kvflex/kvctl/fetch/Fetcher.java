package io.kvflex.kvctl.fetch;

import io.kvflex.cloud.CloudEnvironment;
import io.kvflex.cloud.CloudEnvironments;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.RemoteException;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import io.kvflex.render.FileProjection;
import io.kvflex.render.ObjectRenderer;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultClients;
import io.kvflex.vault.VaultObject;
import io.kvflex.vault.http.Deadline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The driver's chain without the mount: cloud endpoints, one vault client (one token) for the
 * request's identity, every distinct object fetched once, every file rendered. Unlike the driver it
 * goes on after a failure, so one run reports every object.
 */
public final class Fetcher {
  /** aad-pod-identity's default NMI port, for clouds resolved outside pod identity. */
  private static final int DEFAULT_NMI_PORT = 2579;

  private final Clock clock;
  private final Function<MountRequest, VaultClient> clients;
  private final ObjectRenderer renderer = new ObjectRenderer();

  /** The real one: Key Vault (or localvault) through the driver's vault adapter. */
  public Fetcher(Clock clock) {
    this(clock, null);
  }

  /** With a client factory (tests); {@code null} means the driver's real client. */
  Fetcher(Clock clock, Function<MountRequest, VaultClient> clients) {
    this.clock = clock;
    this.clients = clients != null ? clients : this::realClient;
  }

  /**
   * Fetches and renders every object of {@code request}.
   *
   * @throws RemoteException when no client can be set up at all (cloud environment, credentials)
   */
  public List<FetchedFile> fetch(MountRequest request) {
    VaultClient client = clients.apply(request);
    Map<ObjectRef, Object> fetched = new LinkedHashMap<>();
    for (VaultObjectSpec spec : request.objects()) {
      fetched.computeIfAbsent(spec.ref(), ref -> fetchOne(client, ref));
    }
    List<FetchedFile> out = new ArrayList<>();
    for (VaultObjectSpec spec : request.objects()) {
      Object result = fetched.get(spec.ref());
      if (result instanceof KvflexException e) {
        out.add(failed(spec, Optional.empty(), e));
        continue;
      }
      VaultObject object = (VaultObject) result;
      try {
        FileProjection file = renderer.render(spec, object, request.fileMode());
        out.add(
            new FetchedFile(
                spec, Optional.of(object.version()), Optional.of(file), Optional.empty(), 0));
      } catch (KvflexException e) {
        out.add(failed(spec, Optional.of(object.version()), e));
      }
    }
    return out;
  }

  private static Object fetchOne(VaultClient client, ObjectRef ref) {
    try {
      return client.fetch(ref);
    } catch (KvflexException e) {
      return e;
    }
  }

  private static FetchedFile failed(
      VaultObjectSpec spec, Optional<String> version, KvflexException e) {
    int code =
        switch (e.kind()) {
          case REMOTE -> 3;
          case USER_INPUT -> 1;
          default -> e.kind().kvctlExitCode();
        };
    return new FetchedFile(spec, version, Optional.empty(), Optional.of(e.getMessage()), code);
  }

  private VaultClient realClient(MountRequest request) {
    int nmiPort =
        request.identity() instanceof IdentityMode.PodIdentity pod
            ? pod.nmiPort()
            : DEFAULT_NMI_PORT;
    CloudEnvironment cloud = CloudEnvironments.resolve(request.cloud(), nmiPort);
    return VaultClients.create(request, cloud, Deadline.after(clock, request.timeout()));
  }
}
