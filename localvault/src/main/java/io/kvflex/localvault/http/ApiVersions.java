package io.kvflex.localvault.http;

import java.util.List;

/**
 * The data-plane {@code api-version}s Key Vault publishes, oldest first: the version folders of
 * Azure/azure-rest-api-specs {@code specification/keyvault/data-plane/Microsoft.KeyVault/{stable,
 * preview}} (the {@code preview/7.0} and {@code preview/7.1} folders declare {@code 7.0-preview}
 * and {@code 7.1-preview}). The real service refuses anything else with 400 {@code BadParameter}.
 */
public final class ApiVersions {
  /** Chronological: a preview sorts before its stable release. */
  public static final List<String> KNOWN =
      List.of(
          "2015-06-01",
          "2016-10-01",
          "7.0-preview",
          "7.0",
          "7.1-preview",
          "7.1",
          "7.2-preview",
          "7.2",
          "7.3-preview",
          "7.3",
          "7.4-preview.1",
          "7.4",
          "7.5-preview.1",
          "7.5",
          "7.6-preview.1",
          "7.6-preview.2",
          "7.6",
          "2025-06-01-preview",
          "2025-06-01",
          "2025-07-01-preview",
          "2025-07-01",
          "2026-01-01-preview");

  /** The newest stable version, which the refusal message recommends. */
  public static final String LATEST_STABLE = "2025-07-01";

  private ApiVersions() {}

  /**
   * The version as given, if Key Vault knows it. Message as recorded (Azure/azure-sdk-for-python
   * issue 28595, Azure/azure-sdk-for-net issue 14789): {@code The specified version (7.3) is not
   * recognized. Consider using the latest supported version (7.1).}
   */
  static String require(String apiVersion) throws KvException {
    if (!KNOWN.contains(apiVersion)) {
      throw KvException.badParameter(
          "The specified version ("
              + apiVersion
              + ") is not recognized. Consider using the latest supported version ("
              + LATEST_STABLE
              + ").");
    }
    return apiVersion;
  }

  /** Whether {@code apiVersion} (a known one) is {@code floor} or newer. */
  static boolean atLeast(String apiVersion, String floor) {
    return KNOWN.indexOf(apiVersion) >= KNOWN.indexOf(floor);
  }
}
