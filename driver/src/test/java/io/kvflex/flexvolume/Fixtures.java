package io.kvflex.flexvolume;

import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import io.kvflex.options.MountRequest;
import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Requests and objects for driver tests that do not go through the options parser. */
public final class Fixtures {
  public static final String CLIENT_SECRET = "SENTINEL-client-secret-7f3a";
  public static final String POD_UID = "uid";

  private Fixtures() {}

  public static VaultObjectSpec secret(String name) {
    return new VaultObjectSpec(ObjectType.SECRET, name, Optional.empty(), name, ObjectFormat.RAW);
  }

  public static VaultObjectSpec secretAs(String name, String fileName) {
    return new VaultObjectSpec(
        ObjectType.SECRET, name, Optional.empty(), fileName, ObjectFormat.RAW);
  }

  public static MountRequest request(List<VaultObjectSpec> objects, Duration timeout) {
    return request(objects, timeout, OptionalInt.empty());
  }

  public static MountRequest request(
      List<VaultObjectSpec> objects, Duration timeout, OptionalInt fsGroup) {
    return request(objects, timeout, fsGroup, 16L * 1024 * 1024);
  }

  static MountRequest request(
      List<VaultObjectSpec> objects, Duration timeout, OptionalInt fsGroup, long tmpfsSize) {
    return new MountRequest(
        "kvflexvault",
        "00000000-0000-0000-0000-000000000001",
        new CloudSelection(CloudName.AZURE_PUBLIC_CLOUD, Optional.empty()),
        new IdentityMode.ServicePrincipalSecret("client-1", Sensitive.ofUtf8(CLIENT_SECRET)),
        objects,
        0644,
        fsGroup,
        tmpfsSize,
        timeout,
        Optional.empty(),
        new MountRequest.PodInfo("ns", "pod", POD_UID, "default"),
        Optional.empty(),
        Optional.empty());
  }
}
