package io.kvflex.options;

import static io.kvflex.options.KnownOptions.NMI_PORT;
import static io.kvflex.options.KnownOptions.SECRET_CLIENT_CERT;
import static io.kvflex.options.KnownOptions.SECRET_CLIENT_CERT_PASSWORD;
import static io.kvflex.options.KnownOptions.SECRET_CLIENT_ID;
import static io.kvflex.options.KnownOptions.SECRET_CLIENT_SECRET;
import static io.kvflex.options.KnownOptions.USE_POD_IDENTITY;
import static io.kvflex.options.KnownOptions.USE_VM_MANAGED_IDENTITY;
import static io.kvflex.options.KnownOptions.VM_MANAGED_IDENTITY_CLIENT_ID;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks exactly one identity mode from the options and the {@code secretRef} Secret keys. The mode
 * flags ({@code usepodidentity}, {@code usevmmanagedidentity}) and the credential keys of the
 * Secret ({@code clientsecret}, {@code clientcert}) each select a mode; more than one is an error
 * naming both, none means a service principal without credentials.
 */
final class IdentityParser {

  /** Option keys (normalised) that would put a credential in the pod spec in clear text. */
  private static final Set<String> INLINE_CREDENTIALS =
      Set.of("clientid", "clientsecret", "clientcert", "clientcertpassword", "aadclientsecret");

  private final RawOptions options;
  private final Problems problems;
  private final KubeletSecrets secrets;

  IdentityParser(RawOptions options, Problems problems) {
    this.options = options;
    this.problems = problems;
    this.secrets = new KubeletSecrets(options, problems);
  }

  Optional<IdentityMode> parse(MountRequest.PodInfo podInfo) {
    int before = problems.errorCount();
    rejectInlineCredentials();
    boolean pod = flag(USE_POD_IDENTITY);
    boolean vm = flag(USE_VM_MANAGED_IDENTITY);
    Optional<Sensitive> clientId =
        secrets.get("clientid").map(KubeletSecrets::stripTrailingNewlines);
    Optional<Sensitive> clientSecret =
        secrets.get("clientsecret").map(KubeletSecrets::stripTrailingNewlines);
    Optional<Sensitive> clientCert = secrets.get("clientcert");
    Optional<Sensitive> certPassword =
        secrets.get("clientcertpassword").map(KubeletSecrets::stripTrailingNewlines);

    List<String> selectors = new ArrayList<>();
    if (pod) {
      selectors.add(USE_POD_IDENTITY);
    }
    if (vm) {
      selectors.add(USE_VM_MANAGED_IDENTITY);
    }
    if (clientSecret.isPresent()) {
      selectors.add(SECRET_CLIENT_SECRET);
    }
    if (clientCert.isPresent()) {
      selectors.add(SECRET_CLIENT_CERT);
    }
    for (int i = 1; i < selectors.size(); i++) {
      conflict(selectors.get(0), selectors.get(i));
    }
    warnUnused(pod, vm, clientCert.isPresent(), certPassword.isPresent());
    Optional<IdentityMode> mode = Optional.empty();
    if (selectors.size() <= 1) {
      if (pod) {
        mode = podIdentity(podInfo);
      } else if (vm) {
        mode = vmIdentity();
      } else {
        mode = servicePrincipal(clientId, clientSecret, clientCert, certPassword);
      }
    }
    return problems.errorCount() > before ? Optional.empty() : mode;
  }

  private boolean flag(String option) {
    Optional<String> v = options.text(option);
    if (v.isEmpty()) {
      return false;
    }
    Optional<Boolean> b = Texts.parseBoolean(v.get());
    if (b.isEmpty()) {
      problems.add(
          OptionRule.INVALID_BOOLEAN,
          option,
          "option " + option + " is " + Texts.quote(v.get()) + "; write \"true\" or \"false\"");
      return false;
    }
    return b.get();
  }

  /** True for a volume option key that names a credential (any case, '-' or '_'). */
  static boolean isInlineCredential(String key) {
    return !KnownOptions.isKubeletKey(key)
        && INLINE_CREDENTIALS.contains(KnownOptions.normalise(key));
  }

  private void rejectInlineCredentials() {
    for (String key : options.keys()) {
      if (isInlineCredential(key) && options.present(key)) {
        String secretKey = KnownOptions.normalise(key).replace("aad", "");
        problems.add(
            OptionRule.INLINE_SECRET,
            key,
            "option "
                + key
                + " puts a credential in the pod spec in clear text; remove it and put key "
                + secretKey
                + " in a Secret of type azure/kv referenced by the volume's secretRef");
      }
    }
  }

  private void conflict(String first, String second) {
    problems.add(
        OptionRule.IDENTITY_MODE_CONFLICT,
        second,
        describe(first)
            + " and "
            + describe(second)
            + " select two identity modes; a volume uses exactly one: keep one of them");
  }

  private static String describe(String selector) {
    return switch (selector) {
      case USE_POD_IDENTITY -> "usepodidentity=true (pod identity)";
      case USE_VM_MANAGED_IDENTITY -> "usevmmanagedidentity=true (VM managed identity)";
      case SECRET_CLIENT_SECRET ->
          "key clientsecret of the secretRef Secret (service principal with client secret)";
      case SECRET_CLIENT_CERT ->
          "key clientcert of the secretRef Secret (service principal with client certificate)";
      default -> selector;
    };
  }

  private void warnUnused(boolean pod, boolean vm, boolean cert, boolean certPassword) {
    if (!pod && options.present(NMI_PORT)) {
      unused(NMI_PORT, "it applies only with usepodidentity: \"true\"");
    }
    if (!vm && options.present(VM_MANAGED_IDENTITY_CLIENT_ID)) {
      unused(VM_MANAGED_IDENTITY_CLIENT_ID, "it applies only with usevmmanagedidentity: \"true\"");
    }
    if (!cert && certPassword) {
      unused(SECRET_CLIENT_CERT_PASSWORD, "the Secret has no clientcert key to unlock");
    }
  }

  private void unused(String option, String why) {
    problems.add(OptionRule.UNUSED_OPTION, option, "option " + option + " is ignored: " + why);
  }

  private Optional<IdentityMode> podIdentity(MountRequest.PodInfo pod) {
    if (pod.name().isEmpty() || pod.namespace().isEmpty()) {
      String missing = pod.name().isEmpty() ? KnownOptions.POD_NAME : KnownOptions.POD_NAMESPACE;
      problems.add(
          OptionRule.MISSING_POD_INFO,
          missing,
          "pod identity (usepodidentity: \"true\") needs the pod name and namespace, but the"
              + " kubelet did not pass "
              + missing
              + "; this happens only when the driver is called by hand: pass the kubelet's"
              + " kubernetes.io/pod.* keys");
    }
    int port = nmiPort();
    return Optional.of(new IdentityMode.PodIdentity(pod.namespace(), pod.name(), port));
  }

  private int nmiPort() {
    Optional<String> v = options.text(NMI_PORT);
    if (v.isEmpty()) {
      return IdentityMode.PodIdentity.DEFAULT_NMI_PORT;
    }
    try {
      int port = Integer.parseInt(v.get());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        OptionRule.INVALID_NMI_PORT,
        NMI_PORT,
        "option nmiport is "
            + Texts.quote(v.get())
            + "; give the NMI port as a number from 1 to 65535 (default "
            + IdentityMode.PodIdentity.DEFAULT_NMI_PORT
            + ")");
    return IdentityMode.PodIdentity.DEFAULT_NMI_PORT;
  }

  private Optional<IdentityMode> vmIdentity() {
    Optional<String> clientId = options.text(VM_MANAGED_IDENTITY_CLIENT_ID);
    if (clientId.isPresent() && !Texts.isGuid(clientId.get())) {
      problems.add(
          OptionRule.INVALID_CLIENT_ID,
          VM_MANAGED_IDENTITY_CLIENT_ID,
          "option vmmanagedidentityclientid is "
              + Texts.quote(clientId.get())
              + ", not a GUID; give the client id of the user-assigned identity, or leave it"
              + " empty for the system-assigned identity");
    }
    return Optional.of(new IdentityMode.VmManagedIdentity(clientId));
  }

  private Optional<IdentityMode> servicePrincipal(
      Optional<Sensitive> clientId,
      Optional<Sensitive> clientSecret,
      Optional<Sensitive> clientCert,
      Optional<Sensitive> certPassword) {
    if (secrets.anyUndecodable()) {
      return Optional.empty();
    }
    if (clientSecret.isEmpty() && clientCert.isEmpty()) {
      problems.add(
          OptionRule.MISSING_CREDENTIALS,
          clientId.isPresent() ? SECRET_CLIENT_SECRET : SECRET_CLIENT_ID,
          "no identity: create a Secret of type azure/kv with keys clientid and clientsecret (or"
              + " clientcert) and reference it with the volume's secretRef, or set usepodidentity"
              + " or usevmmanagedidentity to \"true\"");
      return Optional.empty();
    }
    if (clientId.isEmpty()) {
      problems.add(
          OptionRule.MISSING_CREDENTIALS,
          SECRET_CLIENT_ID,
          "the secretRef Secret has "
              + (clientSecret.isPresent() ? "clientsecret" : "clientcert")
              + " but no clientid key; add key clientid (the application's client id) to it");
      return Optional.empty();
    }
    String id = clientId.get().revealUtf8().trim();
    if (!Texts.isGuid(id)) {
      // The value is not shown: a mix-up could have put the secret under clientid.
      problems.add(
          OptionRule.INVALID_CLIENT_ID,
          SECRET_CLIENT_ID,
          "key clientid of the secretRef Secret is not a GUID; it must hold the application"
              + " (client) id of the service principal, e.g. 00000000-0000-0000-0000-000000000000");
      return Optional.empty();
    }
    if (clientSecret.isPresent()) {
      return Optional.of(new IdentityMode.ServicePrincipalSecret(id, clientSecret.get()));
    }
    if (!looksLikeCertificate(clientCert.get())) {
      problems.add(
          OptionRule.INVALID_CLIENT_CERTIFICATE,
          SECRET_CLIENT_CERT,
          "key clientcert of the secretRef Secret is neither PEM with a CERTIFICATE and a PRIVATE"
              + " KEY block nor a binary PKCS#12 file; store the PEM file or the .pfx bytes in it");
      return Optional.empty();
    }
    return Optional.of(
        new IdentityMode.ServicePrincipalCertificate(id, clientCert.get(), certPassword));
  }

  /** PEM with a certificate and a private key, or DER (a PKCS#12 file starts with SEQUENCE). */
  static boolean looksLikeCertificate(Sensitive material) {
    byte[] b = material.reveal();
    if (b.length > 0 && b[0] == 0x30) {
      return true;
    }
    String text = new String(b, StandardCharsets.US_ASCII);
    return text.contains("-----BEGIN CERTIFICATE-----") && text.contains("PRIVATE KEY-----");
  }
}
