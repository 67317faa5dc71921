package io.kvflex.cloud;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.kvflex.errors.UserInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads a cloud environment file: the Azure SDK environment JSON that Azure Stack Hub users have
 * ({@code name}, {@code activeDirectoryEndpoint}, {@code resourceManagerEndpoint}, {@code
 * graphEndpoint}, {@code keyVaultDNSSuffix}, {@code resourceIdentifiers.keyVault}; other fields
 * ignored) plus our own top-level {@code kvflex} object ({@code imdsEndpoint}, {@code nmiEndpoint},
 * {@code caCertificates}, {@code microsoftGraphEndpoint}). Every error names the file and field.
 */
public final class CloudEnvironmentFile {
  /** A host name with an optional port; no scheme, no path. */
  private static final Pattern DNS_SUFFIX =
      Pattern.compile(
          "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$");

  private final Path file;
  private final Map<String, Object> root;

  private CloudEnvironmentFile(Path file, Map<String, Object> root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Reads and validates {@code file}; {@code nmiPort} gives the NMI endpoint unless the file's
   * {@code kvflex.nmiEndpoint} sets one.
   *
   * @throws UserInputException naming the file (and field) when it is unreadable or invalid
   */
  public static CloudEnvironment load(Path file, int nmiPort) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          "cloud environment file "
              + file
              + " does not exist on this node; create it on every node (see README \"Cloud"
              + " environment file\") or fix option cloudenvfilename");
    } catch (IOException e) {
      throw new UserInputException(
          "cannot read cloud environment file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
    }
    return parse(file, text, nmiPort);
  }

  /** Validates the text of a cloud environment file; {@code file} is used in messages. */
  public static CloudEnvironment parse(Path file, String text, int nmiPort) {
    Object parsed;
    try (JsonReader reader = JsonProviders.createReader(text)) {
      reader.nextToken();
      parsed = reader.readUntyped();
    } catch (IOException | RuntimeException e) {
      throw new UserInputException(
          "cloud environment file "
              + file
              + " is not valid JSON; fix its syntax (it must be one JSON object)");
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new UserInputException(
          "cloud environment file "
              + file
              + " is not a JSON object; see README \"Cloud environment file\"");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) map;
    return new CloudEnvironmentFile(file, root).build(nmiPort);
  }

  private CloudEnvironment build(int nmiPort) {
    String name = requiredString(root, "name");
    URI authority =
        withSlash(
            url(requiredString(root, "activeDirectoryEndpoint"), "activeDirectoryEndpoint", true));
    String suffix = requiredString(root, "keyVaultDNSSuffix");
    if (suffix.startsWith(".")) {
      suffix = suffix.substring(1);
    }
    if (!DNS_SUFFIX.matcher(suffix).matches()) {
      throw invalid(
          "keyVaultDNSSuffix",
          "must be a host name with an optional :port, e.g. \"vault.local.azurestack.external\"");
    }
    Map<String, Object> ids =
        object(root, "resourceIdentifiers", "resourceIdentifiers").orElse(Map.of());
    String vaultResource = requiredString(ids, "resourceIdentifiers.keyVault", "keyVault");
    url(vaultResource, "resourceIdentifiers.keyVault", true);
    Optional<URI> arm =
        optionalString(root, "resourceManagerEndpoint")
            .map(u -> url(u, "resourceManagerEndpoint", true));
    Optional<URI> graph =
        optionalString(root, "graphEndpoint").map(u -> url(u, "graphEndpoint", true));
    Map<String, Object> ours = object(root, "kvflex", "kvflex").orElse(Map.of());
    Optional<URI> msGraph =
        optionalString(ours, "kvflex.microsoftGraphEndpoint")
            .map(u -> url(u, "kvflex.microsoftGraphEndpoint", true));
    URI imds =
        optionalString(ours, "kvflex.imdsEndpoint")
            .map(u -> url(u, "kvflex.imdsEndpoint", false))
            .orElse(CloudEnvironment.DEFAULT_IMDS);
    URI nmi =
        optionalString(ours, "kvflex.nmiEndpoint")
            .map(u -> url(u, "kvflex.nmiEndpoint", false))
            .orElse(CloudEnvironment.defaultNmi(nmiPort));
    List<X509Certificate> cas = List.of();
    Optional<String> pem = optionalString(ours, "kvflex.caCertificates");
    if (pem.isPresent()) {
      PemCertificates.Parsed p = PemCertificates.parse(pem.get());
      if (p.error().isPresent()) {
        throw invalid(
            "kvflex.caCertificates",
            p.error().get() + "; give one or more PEM certificates in one string");
      }
      cas = p.certificates();
    }
    return new CloudEnvironment(
        name, authority, suffix, stripSlash(vaultResource), arm, graph, msGraph, imds, nmi, cas);
  }

  private UserInputException invalid(String field, String why) {
    return new UserInputException(
        "cloud environment file " + file + ": field " + field + " " + why);
  }

  private String requiredString(Map<String, Object> in, String field) {
    return requiredString(in, field, field);
  }

  private String requiredString(Map<String, Object> in, String path, String key) {
    return optionalString(in, path, key)
        .orElseThrow(
            () ->
                invalid(
                    path,
                    "is missing; see README \"Cloud environment file\" for the required fields"));
  }

  private Optional<String> optionalString(Map<String, Object> in, String field) {
    return optionalString(in, field, field.substring(field.indexOf('.') + 1));
  }

  private Optional<String> optionalString(Map<String, Object> in, String path, String key) {
    Object v = in.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw invalid(path, "must be a string");
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> object(Map<String, Object> in, String path, String key) {
    Object v = in.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw invalid(path, "must be a JSON object");
    }
    return Optional.of((Map<String, Object>) m);
  }

  private URI url(String value, String field, boolean httpsOnly) {
    UserInputException notUrl =
        invalid(
            field,
            "must be an absolute " + (httpsOnly ? "https" : "http(s)") + " URL, not " + value);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw notUrl;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean ok =
        httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
    if (!ok || uri.getHost() == null) {
      throw notUrl;
    }
    return uri;
  }

  private static URI withSlash(URI uri) {
    return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
  }

  private static String stripSlash(String resource) {
    return resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
  }
}
