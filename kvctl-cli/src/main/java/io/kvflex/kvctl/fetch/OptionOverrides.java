package io.kvflex.kvctl.fetch;

import io.kvflex.kvctl.cli.TimeoutConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code kvctl fetch} flags change in the volume options, applied after the kubelet's merge as
 * if the manifest said so: the identity mode ({@code --identity}), the cloud ({@code --cloud-env})
 * and the deadline ({@code --timeout}, the volume option {@code timeout} the driver's vault client
 * already honours). The driver's own parser then validates the result, exactly as on a node.
 */
public record OptionOverrides(
    Optional<IdentityFlag> identity,
    Optional<String> clientId,
    Optional<Path> cloudEnv,
    Optional<Duration> timeout) {

  /** Without a timeout override. */
  public OptionOverrides(
      Optional<IdentityFlag> identity, Optional<String> clientId, Optional<Path> cloudEnv) {
    this(identity, clientId, cloudEnv, Optional.empty());
  }

  /** {@code --identity}: the modes that need no Secret. */
  public enum IdentityFlag {
    POD,
    VM;

    /** For picocli's completion and messages. */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static OptionOverrides none() {
    return new OptionOverrides(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The options after the overrides. */
  public Map<String, String> apply(Map<String, String> kubeletOptions) {
    Map<String, String> out = new LinkedHashMap<>(kubeletOptions);
    identity.ifPresent(
        mode -> {
          out.put("usepodidentity", Boolean.toString(mode == IdentityFlag.POD));
          out.put("usevmmanagedidentity", Boolean.toString(mode == IdentityFlag.VM));
          if (mode == IdentityFlag.VM) {
            clientId.ifPresent(id -> out.put("vmmanagedidentityclientid", id));
          }
        });
    timeout.ifPresent(d -> out.put("timeout", TimeoutConverter.optionValue(d)));
    cloudEnv.ifPresent(
        file -> {
          out.put("cloudname", "AzureStackCloud");
          out.put("cloudenvfilename", file.toAbsolutePath().toString());
        });
    return out;
  }
}
