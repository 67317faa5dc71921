package io.kvflex.localvault.http;

import io.kvflex.localvault.seed.PagingSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key Vault list pages: an absolute nextLink with {@code $skiptoken} while items remain, an
 * explicit null at the end. Page sizes follow the vault's {@link PagingSpec} and never exceed
 * {@code maxresults}: the real service answers pages of 17 to 25 items even to {@code
 * maxresults=25} (Azure SDK for Java {@code
 * sdk/keyvault/azure-security-keyvault-keys/src/test/resources/session-records/KeyClientTest.listKeys[1].json}:
 * 17, 18, ... items, each page 200 with a nextLink, the last with {@code "nextLink":null}) and
 * sometimes a page with {@code "value":[]} and a nextLink (Azure/azure-sdk-for-go issue 10711,
 * Azure/azure-libraries-for-net pull request 999).
 */
final class Paging {
  /** {@code {"NextMarker":"localvault!<offset>!<page>","TargetLocation":0}}, base64. */
  private static final Pattern MARKER =
      Pattern.compile("\"NextMarker\":\"localvault!(\\d+)!(\\d+)\"");

  private Paging() {}

  static <T> Map<String, Object> page(
      VaultRequest r, List<T> all, Function<T, Map<String, Object>> render) throws KvException {
    int max = maxResults(r);
    int[] position = position(r);
    int offset = Math.min(position[0], all.size());
    int pageIndex = position[1];
    int size = Math.min(max, r.vault.paging().pageSize(pageIndex));
    List<Object> value = new ArrayList<>();
    for (int i = offset; i < Math.min(all.size(), offset + size); i++) {
      value.add(render.apply(all.get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    int next = offset + value.size();
    m.put("nextLink", next < all.size() ? nextLink(r, next, pageIndex + 1, max) : null);
    return m;
  }

  private static String nextLink(VaultRequest r, int offset, int pageIndex, int max) {
    String token =
        Base64.getEncoder()
            .encodeToString(
                ("{\"NextMarker\":\"localvault!"
                        + offset
                        + "!"
                        + pageIndex
                        + "\",\"TargetLocation\":0}")
                    .getBytes(StandardCharsets.UTF_8));
    String link =
        r.baseUrl
            + r.ex.rawPath()
            + "?api-version="
            + r.apiVersion
            + "&$skiptoken="
            + URLEncoder.encode(token, StandardCharsets.UTF_8);
    if (r.ex.query("maxresults").isPresent()) {
      link += "&maxresults=" + max;
    }
    return link;
  }

  private static int maxResults(VaultRequest r) throws KvException {
    String raw = r.ex.query("maxresults").orElse(null);
    if (raw == null) {
      return PagingSpec.MAX_PAGE;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= PagingSpec.MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw KvException.badParameter(
        "Invalid value for maxresults: '" + raw + "'. The value must be between 1 and 25.");
  }

  /** {offset, page index} from the skip token; {0, 0} for the first page. */
  private static int[] position(VaultRequest r) throws KvException {
    String raw = r.ex.query("$skiptoken").orElse(null);
    if (raw == null) {
      return new int[] {0, 0};
    }
    try {
      Matcher m =
          MARKER.matcher(new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8));
      if (m.find()) {
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
      }
    } catch (IllegalArgumentException e) {
      // not base64, or a number out of range: reported below
    }
    throw KvException.badParameter("The skip token is not valid.");
  }
}
