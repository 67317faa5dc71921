package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.OptionEntry;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.KnownOptions;
import io.kvflex.options.OptionProblem;
import io.kvflex.options.OptionRule;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the driver's own {@link OptionsParser} on a volume's options, so lint reports exactly what
 * the driver would reject (one source of truth), located at the option's line.
 *
 * <h2>What lint feeds the parser</h2>
 *
 * At mount time the kubelet adds keys the manifest does not hold. Lint adds them too, with values
 * chosen so the parser reports only manifest mistakes:
 *
 * <ul>
 *   <li>the options as written, except {@code kubernetes.io/*} keys (rule {@code
 *       kubelet-key-in-options} reports those; the kubelet's own values are used instead);
 *   <li>{@code kubernetes.io/pod.name}, {@code pod.namespace}, {@code pod.uid}, {@code
 *       serviceAccount.name}, {@code pvOrVolumeName}, {@code readwrite}: from the object (name,
 *       namespace or {@code default}) and the volume, with a placeholder uid. No mount directory is
 *       passed, so the pod-impersonation guard (which needs the real one) stays off;
 *   <li>when the volume declares a {@code secretRef}: {@code kubernetes.io/secret/<key>} for the
 *       keys the Secret has when the Secret is in the linted input, else for {@code clientid} and
 *       {@code clientsecret} (the usual Secret). Values are valid placeholders (a GUID client id, a
 *       non-empty secret, a DER-looking certificate): lint never sees real credentials and must not
 *       judge them;
 *   <li>without a {@code secretRef}: no secret keys, exactly as the kubelet would pass.
 * </ul>
 *
 * Problems of rules listed in {@link OptionRuleDocs#NOT_APPLICABLE} are dropped (they are about the
 * placeholders or the kubelet's JSON); {@code missing-credentials} is replaced by the manifest
 * rules {@code missing-secretref} and {@code secretref-missing-keys}, which say what to change in
 * the manifest. Problems about {@code kubernetes.io/secret/*} keys (e.g. an identity mode conflict
 * with the Secret's clientsecret) are located at the {@code secretRef}.
 */
final class OptionsCheck {
  static final String PLACEHOLDER_UID = "00000000-0000-0000-0000-000000000000";
  private static final Set<String> SECRET_KEYS = Set.copyOf(KnownOptions.SECRET_KEYS);

  private final OptionsParser parser = new OptionsParser();

  /** Parses the volume's options as the driver would and adds the findings to {@code out}. */
  VolumeContext check(Workload w, FlexVolume v, Manifests manifests, List<Finding> out) {
    ParseResult result = parser.parse(kubeletView(w, v, manifests), Optional.empty());
    VolumeContext ctx = new VolumeContext(w, v, result);
    List<OptionProblem> all = new ArrayList<>(result.problems());
    all.addAll(result.warnings());
    for (OptionProblem p : all) {
      Optional<OptionRule> rule = OptionRule.fromId(p.ruleId());
      if (rule.isEmpty() || OptionRuleDocs.NOT_APPLICABLE.contains(rule.get())) {
        continue;
      }
      Rule lintRule = OptionRuleDocs.rule(rule.get());
      if (KnownOptions.isKubeletKey(p.option())) {
        out.add(
            p.option().startsWith(KnownOptions.SECRET_PREFIX)
                ? ctx.finding(
                    lintRule,
                    p.message(),
                    v.secretRefLocation(),
                    v.pointer() + "/flexVolume/secretRef")
                : ctx.atVolume(lintRule, p.message()));
      } else {
        out.add(ctx.atOption(lintRule, p.option(), p.message()));
      }
    }
    return ctx;
  }

  /** The option map the kubelet would pass, as far as the manifest determines it. */
  static Map<String, String> kubeletView(Workload w, FlexVolume v, Manifests manifests) {
    Map<String, String> map = new LinkedHashMap<>();
    for (OptionEntry e : v.options().values()) {
      if (!KnownOptions.isKubeletKey(e.key()) && e.scalar()) {
        map.put(
            e.key(), e.type() == io.kvflex.kvctl.manifest.YNode.ScalarType.NULL ? "" : e.value());
      }
    }
    String name = w.owner().name().isEmpty() ? "lint" : w.owner().name();
    map.put(KnownOptions.POD_NAME, name);
    map.put(KnownOptions.POD_NAMESPACE, w.owner().effectiveNamespace());
    map.put(KnownOptions.POD_UID, PLACEHOLDER_UID);
    map.put(KnownOptions.SERVICE_ACCOUNT_NAME, "default");
    map.put(KnownOptions.PV_OR_VOLUME_NAME, v.name());
    map.put(KnownOptions.READ_WRITE, v.readOnly().orElse(false) ? "ro" : "rw");
    if (v.secretRef().isPresent()) {
      Optional<SecretObject> secret =
          manifests.secret(w.owner().effectiveNamespace(), v.secretRef().get());
      Set<String> keys = secret.map(SecretObject::keys).orElse(Set.of("clientid", "clientsecret"));
      for (String key : keys) {
        if (SECRET_KEYS.contains(key)) {
          map.put(KnownOptions.SECRET_PREFIX + key, placeholder(key));
        }
      }
    }
    return map;
  }

  private static String placeholder(String key) {
    String value =
        switch (key) {
          case "clientid" -> PLACEHOLDER_UID;
          // One DER SEQUENCE byte: what the driver's shape check accepts as PKCS#12.
          case "clientcert" -> "0";
          default -> "lint-placeholder";
        };
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
