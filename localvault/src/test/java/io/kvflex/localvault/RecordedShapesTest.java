package io.kvflex.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kvflex.localvault.http.ApiVersions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where localvault once answered differently from the real service, the recorded answer it now
 * gives. Each test names the recording (or report) whose status, error code and shape it follows.
 */
class RecordedShapesTest extends RawReaderTests {
  private static final String INVALID_NAME = "The request URI contains an invalid name: ";

  /**
   * A GET of {@code Invalid_Secret_Name}: 400 {@code {"error":{"code":"BadParameter","message":"The
   * request URI contains an invalid name: Invalid_Secret_Name"}}}
   * (aspnet/MicrosoftConfigurationBuilders issue 22); names are 1-127 letters, digits and hyphens.
   */
  @Test
  void invalidObjectNamesAre400BadParameterNotNotFound() {
    String tooLong = "a".repeat(128);
    for (String path :
        List.of("secrets/bad_name", "keys/bad.name", "certificates/" + tooLong + "/")) {
      HttpResponse<String> r = raw.vaultGet(TestVaults.VAULT, path + "?api-version=7.4", reader);
      String name = path.substring(path.indexOf('/') + 1).replace("/", "");
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(Raw.error(r))
          .containsOnly(
              Map.entry("code", "BadParameter"), Map.entry("message", INVALID_NAME + name));
    }
    HttpResponse<String> versions =
        raw.vaultGet(TestVaults.VAULT, "secrets/bad_name/versions?api-version=7.4", reader);
    assertThat(versions.statusCode()).isEqualTo(400);
    HttpResponse<String> deleted =
        raw.vaultGet(TestVaults.VAULT, "deletedsecrets/bad_name?api-version=7.4", reader);
    assertThat(deleted.statusCode()).isEqualTo(400);
    HttpResponse<String> longest =
        raw.vaultGet(TestVaults.VAULT, "secrets/" + "a".repeat(127) + "?api-version=7.4", reader);
    assertThat(Raw.error(longest))
        .as("127 characters is a valid name")
        .containsEntry("code", "SecretNotFound");
  }

  /**
   * The published versions only: 400 {@code BadParameter} "The specified version (7.3) is not
   * recognized. Consider using the latest supported version (7.1)." (Azure/azure-sdk-for-python
   * issue 28595; Azure/azure-sdk-for-net issue 14789).
   */
  @Test
  void exactlyThePublishedApiVersionsAreAccepted() {
    for (String v : ApiVersions.KNOWN) {
      assertThat(
              raw.vaultGet(TestVaults.VAULT, "secrets/db-password?api-version=" + v, reader)
                  .statusCode())
          .as(v)
          .isEqualTo(200);
    }
    assertThat(ApiVersions.KNOWN).contains("7.6-preview.2", "7.6", "2025-07-01");
    for (String v : List.of("2099-13-45", "7.7", "7.6-preview", "2024-01-01")) {
      HttpResponse<String> r =
          raw.vaultGet(TestVaults.VAULT, "secrets/db-password?api-version=" + v, reader);
      assertThat(r.statusCode()).as(v).isEqualTo(400);
      assertThat(Raw.error(r))
          .containsOnly(
              Map.entry("code", "BadParameter"),
              Map.entry(
                  "message",
                  "The specified version ("
                      + v
                      + ") is not recognized. Consider using the latest supported version"
                      + " (2025-07-01)."));
    }
  }

  /**
   * Pages of 17 to 25 items even when 25 are asked (Java {@code
   * sdk/keyvault/azure-security-keyvault-keys/src/test/resources/session-records/KeyClientTest.listKeys[1].json}:
   * {@code GET /keys?maxresults=25} answered 200 with 17 items and a nextLink, then 18, ...; the
   * last page {@code "nextLink":null}). The sizes repeat from run to run.
   */
  @Test
  void pagesHold17To25ItemsAndRepeat() {
    List<Integer> first = pageSizes(TestVaults.VAULT, "secrets/many-versions/versions", "");
    assertThat(first.stream().mapToInt(Integer::intValue).sum()).isEqualTo(28);
    assertThat(first.get(0)).isBetween(17, 25);
    assertThat(pageSizes(TestVaults.VAULT, "secrets/many-versions/versions", "&maxresults=25"))
        .isEqualTo(first);
    assertThat(pageSizes(TestVaults.VAULT, "secrets/many-versions/versions", "&maxresults=5"))
        .as("never more than maxresults")
        .allMatch(n -> n <= 5);
  }

  /**
   * A page with {@code "value":[]} and a non-null nextLink, which clients must follow
   * (Azure/azure-sdk-for-go issue 10711: the first {@code GET /secrets} of a vault answered {@code
   * {"value":[],"nextLink":"https://...:443/secrets?api-version=7.0&$skiptoken=..."}}). Vault
   * {@code kvflex-paged} is seeded with {@code paging: {sizes: [0, 4]}}.
   */
  @Test
  void anEmptyPageWithANextLinkIsFollowedByTheSdk() {
    HttpResponse<String> firstPage =
        raw.vaultGet("kvflex-paged", "secrets?api-version=7.4", reader);
    Map<String, Object> page = Raw.json(firstPage);
    assertThat((List<?>) page.get("value")).isEmpty();
    assertThat((String) page.get("nextLink")).contains("$skiptoken=");
    assertThat(pageSizes("kvflex-paged", "secrets", "")).containsExactly(0, 4, 0, 4, 0, 2);

    SecretClient sdk =
        new SecretClientBuilder()
            .vaultUrl(lv.vaultUrl("kvflex-paged"))
            .credential(
                TestVaults.credential(
                    lv,
                    TestVaults.azureHttpClient(lv),
                    TestVaults.clientId("it-reader"),
                    "reader-secret-value"))
            .httpClient(TestVaults.azureHttpClient(lv))
            .buildClient();
    assertThat(sdk.listPropertiesOfSecrets().stream().map(SecretProperties::getName))
        .hasSize(10)
        .contains("paged-01", "paged-10");
  }

  /**
   * GET of the latest certificate: {@code tags} (even {@code {}}), {@code policy} and, for a
   * certificate the vault created, {@code pending: {id: .../pending}}; GET of a given version:
   * {@code tags}, no {@code policy}, no {@code pending} (C++ {@code
   * sdk/keyvault/azure-security-keyvault-certificates/test/ut/recordings/KeyVaultCertificateClientTest.GetCertificateVersion.json},
   * api-version 7.3).
   */
  @Test
  @SuppressWarnings("unchecked")
  void certificateBundlesHaveTheRecordedMembers() {
    Map<String, Object> latest =
        Raw.json(raw.vaultGet(TestVaults.VAULT, "certificates/web-pfx/?api-version=7.4", reader));
    assertThat(latest).containsEntry("tags", Map.of()).containsKey("policy");
    assertThat((Map<String, Object>) latest.get("pending"))
        .containsEntry("id", lv.vaultUrl(TestVaults.VAULT) + "certificates/web-pfx/pending");
    String id = (String) latest.get("id");
    String version = id.substring(id.lastIndexOf('/') + 1);
    Map<String, Object> byVersion =
        Raw.json(
            raw.vaultGet(
                TestVaults.VAULT, "certificates/web-pfx/" + version + "?api-version=7.4", reader));
    assertThat(byVersion.keySet())
        .containsExactly("id", "kid", "sid", "x5t", "cer", "attributes", "tags");
    assertThat(byVersion).containsEntry("tags", Map.of());
  }

  /**
   * Key attribute {@code exportable}: absent at 7.2 (Java {@code KeyClientTest.listKeys[1].json})
   * and 7.3-preview (Java {@code KeyClientTest.getKey[1].json}), {@code "exportable":false} on a
   * plain vault key at 7.3 (C++ {@code
   * sdk/keyvault/azure-security-keyvault-keys/test/ut/recordings/KeyVaultKeyClient.CreateDeletedKey.json}).
   */
  @Test
  @SuppressWarnings("unchecked")
  void keyExportableAppearsFromApiVersion73() {
    for (String v : List.of("7.2", "7.3-preview", "7.3", "7.6", "2025-07-01")) {
      Map<String, Object> key =
          Raw.json(raw.vaultGet(TestVaults.VAULT, "keys/rsa-key?api-version=" + v, reader));
      Map<String, Object> attributes = (Map<String, Object>) key.get("attributes");
      if (v.equals("7.2") || v.equals("7.3-preview")) {
        assertThat(attributes).as(v).doesNotContainKey("exportable");
      } else {
        assertThat(attributes).as(v).containsEntry("exportable", false);
      }
    }
  }

  /** Items per page of a listing, following nextLinks from the first page. */
  @SuppressWarnings("unchecked")
  private static List<Integer> pageSizes(String vault, String path, String extraQuery) {
    List<Integer> sizes = new ArrayList<>();
    String base = lv.vaultUrl(vault);
    String next = base + path + "?api-version=7.4" + extraQuery;
    while (next != null) {
      Map<String, Object> page =
          Raw.json(raw.vaultGet(vault, next.substring(base.length()), reader));
      sizes.add(((List<Object>) page.get("value")).size());
      assertThat(page).containsKey("nextLink");
      next = (String) page.get("nextLink");
    }
    return sizes;
  }
}
