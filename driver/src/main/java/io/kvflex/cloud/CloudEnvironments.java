package io.kvflex.cloud;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.CloudName;
import io.kvflex.options.CloudSelection;
import io.kvflex.options.IdentityMode;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The built-in clouds (values as the legacy driver and the Azure SDKs use them) and resolution of a
 * {@link CloudSelection} into a {@link CloudEnvironment}.
 */
public final class CloudEnvironments {
  private CloudEnvironments() {}

  /**
   * The environment of {@code selection}: built in for the named clouds, loaded from the file for
   * {@code AzureStackCloud}. {@code nmiPort} sets the default NMI endpoint (a file may override
   * it).
   *
   * @throws UserInputException when the cloud environment file is missing or invalid
   */
  public static CloudEnvironment resolve(CloudSelection selection, int nmiPort) {
    if (selection.name() == CloudName.AZURE_STACK_CLOUD) {
      return CloudEnvironmentFile.load(
          selection
              .environmentFile()
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "cloudname AzureStackCloud needs option cloudenvfilename naming the"
                              + " cloud environment file")),
          nmiPort);
    }
    return builtIn(selection.name(), nmiPort);
  }

  /**
   * The environment of {@code selection} for {@code identity}: NMI on the pod identity's port, or
   * on the default port for the other modes (which never call NMI).
   *
   * @throws UserInputException when the cloud environment file is missing or invalid
   */
  public static CloudEnvironment resolve(CloudSelection selection, IdentityMode identity) {
    return resolve(
        selection,
        identity instanceof IdentityMode.PodIdentity pod
            ? pod.nmiPort()
            : IdentityMode.PodIdentity.DEFAULT_NMI_PORT);
  }

  /**
   * The environment of {@code selection} for a caller that never asks NMI (NMI on its default
   * port).
   *
   * @throws UserInputException when the cloud environment file is missing or invalid
   */
  public static CloudEnvironment resolve(CloudSelection selection) {
    return resolve(selection, IdentityMode.PodIdentity.DEFAULT_NMI_PORT);
  }

  /** A named cloud's endpoints; {@code AzureStackCloud} has none built in. */
  public static CloudEnvironment builtIn(CloudName name, int nmiPort) {
    return switch (name) {
      case AZURE_PUBLIC_CLOUD ->
          named(
              name,
              "https://login.microsoftonline.com/",
              "vault.azure.net",
              "https://management.azure.com/",
              "https://graph.windows.net/",
              "https://graph.microsoft.com/",
              nmiPort);
      case AZURE_US_GOVERNMENT_CLOUD ->
          named(
              name,
              "https://login.microsoftonline.us/",
              "vault.usgovcloudapi.net",
              "https://management.usgovcloudapi.net/",
              "https://graph.windows.net/",
              "https://graph.microsoft.us/",
              nmiPort);
      case AZURE_CHINA_CLOUD ->
          named(
              name,
              "https://login.chinacloudapi.cn/",
              "vault.azure.cn",
              "https://management.chinacloudapi.cn/",
              "https://graph.chinacloudapi.cn/",
              "https://microsoftgraph.chinacloudapi.cn/",
              nmiPort);
      case AZURE_GERMAN_CLOUD ->
          named(
              name,
              "https://login.microsoftonline.de/",
              "vault.microsoftazure.de",
              "https://management.microsoftazure.de/",
              "https://graph.cloudapi.de/",
              "https://graph.microsoft.de/",
              nmiPort);
      case AZURE_STACK_CLOUD ->
          throw new UserInputException(
              "AzureStackCloud has no built-in endpoints: name a cloud environment file with"
                  + " option cloudenvfilename");
    };
  }

  private static CloudEnvironment named(
      CloudName name,
      String authority,
      String vaultSuffix,
      String arm,
      String graph,
      String msGraph,
      int nmiPort) {
    return new CloudEnvironment(
        name.optionValue(),
        URI.create(authority),
        vaultSuffix,
        "https://" + vaultSuffix,
        Optional.of(URI.create(arm)),
        Optional.of(URI.create(graph)),
        Optional.of(URI.create(msGraph)),
        CloudEnvironment.DEFAULT_IMDS,
        CloudEnvironment.defaultNmi(nmiPort),
        List.of());
  }
}
