package io.kvflex.flexvolume;

import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.FileProjection;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The engine steps a mount runs, behind one seam so the driver is testable without Azure: options
 * ({@code io.kvflex.options}), cloud + credentials ({@code io.kvflex.cloud}, {@code
 * io.kvflex.vault}) and rendering ({@code io.kvflex.render}). {@link EngineWiring} connects the
 * real ones. Each step throws the {@code io.kvflex.errors} taxonomy.
 */
public interface MountEngine {

  /** The validated request plus warnings (unknown option keys) destined for the log. */
  record ParsedMount(MountRequest request, List<String> warnings) {
    public ParsedMount {
      Objects.requireNonNull(request);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Parses and validates the kubelet's options JSON (all validation happens here, once); the mount
   * dir lets the parser check the kubelet's pod keys against the pod the dir belongs to.
   */
  ParsedMount parse(String optionsJson, Path mountDir);

  /**
   * A client for this mount's vault and identity, resolving the cloud environment; one client (and
   * one token) per mount. Calls made through it should give up by {@code deadline}.
   */
  VaultClient openVault(MountRequest request, Instant deadline);

  /** The files one fetched object becomes. */
  List<FileProjection> render(VaultObjectSpec spec, VaultObject object, MountRequest request);
}
