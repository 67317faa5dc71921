package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.Manifests;
import io.kvflex.kvctl.manifest.SecretObject;
import io.kvflex.options.KnownOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Identity checks that need more than the options: the secretRef and the Secret it names (when the
 * linted input holds it), and the pod label aad-pod-identity matches on.
 */
final class IdentityCheck {
  static final String BINDING_LABEL = "aadpodidbinding";
  static final String SECRET_TYPE = "azure/kv";

  void check(VolumeContext ctx, Manifests manifests, List<Finding> out) {
    boolean pod = ctx.flag(KnownOptions.USE_POD_IDENTITY);
    boolean vm = ctx.flag(KnownOptions.USE_VM_MANAGED_IDENTITY);
    // A flag with a non-boolean value is reported by invalid-boolean; guessing the mode then
    // would only add noise.
    boolean servicePrincipal =
        !pod
            && !vm
            && !ctx.notBoolean(KnownOptions.USE_POD_IDENTITY)
            && !ctx.notBoolean(KnownOptions.USE_VM_MANAGED_IDENTITY);
    Optional<String> secretRef = ctx.volume().secretRef();
    Optional<String> stringRef = ctx.volume().secretRefString();
    stringRef.ifPresent(
        name ->
            out.add(
                ctx.finding(
                    ManifestRules.SECRETREF_NOT_AN_OBJECT,
                    "secretRef of "
                        + ctx.describe()
                        + " is the string \""
                        + name
                        + "\", but Kubernetes expects an object and the API server refuses the"
                        + " pod: write secretRef: {name: "
                        + name
                        + "}",
                    ctx.volume().secretRefLocation(),
                    ctx.volume().pointer() + "/flexVolume/secretRef")));
    if (servicePrincipal && secretRef.isEmpty() && stringRef.isEmpty()) {
      out.add(
          ctx.finding(
              ManifestRules.MISSING_SECRETREF,
              ctx.describe()
                  + " authenticates as a service principal (neither usepodidentity nor"
                  + " usevmmanagedidentity is \"true\") but has no secretRef: add secretRef.name"
                  + " naming a Secret of type azure/kv with keys clientid and clientsecret, or"
                  + " select pod or VM managed identity",
              ctx.volume().optionsLocation(),
              ctx.volume().pointer() + "/flexVolume"));
    }
    if (pod && !ctx.workload().podLabels().containsKey(BINDING_LABEL)) {
      out.add(
          ctx.atOption(
              ManifestRules.POD_IDENTITY_WITHOUT_BINDING,
              KnownOptions.USE_POD_IDENTITY,
              ctx.describe()
                  + " uses pod identity, but the pod has no "
                  + BINDING_LABEL
                  + " label, so NMI gives it no token: add label "
                  + BINDING_LABEL
                  + ": <your AzureIdentityBinding selector> to the pod"
                  + (ctx.workload().owner().kind().equals("Pod") ? "" : " template")
                  + " metadata"));
    }
    secretRef.ifPresent(name -> checkSecret(ctx, manifests, name, servicePrincipal, out));
  }

  private static void checkSecret(
      VolumeContext ctx,
      Manifests manifests,
      String name,
      boolean servicePrincipal,
      List<Finding> out) {
    String namespace = ctx.workload().owner().effectiveNamespace();
    Optional<SecretObject> secret = manifests.secret(namespace, name);
    if (secret.isEmpty()) {
      List<SecretObject> elsewhere = manifests.secretsNamed(name);
      if (!elsewhere.isEmpty()) {
        out.add(
            ctx.finding(
                ManifestRules.SECRETREF_OTHER_NAMESPACE,
                "secretRef \""
                    + name
                    + "\" of "
                    + ctx.describe()
                    + " is looked up in namespace "
                    + namespace
                    + ", but the input has it only in namespace "
                    + elsewhere.get(0).object().effectiveNamespace()
                    + ": create the Secret in "
                    + namespace,
                ctx.volume().secretRefLocation(),
                ctx.volume().pointer() + "/flexVolume/secretRef"));
      } else {
        KustomizeRenames.check(ctx, manifests, name, out);
      }
      return;
    }
    SecretObject s = secret.get();
    String type = s.type().orElse("Opaque");
    if (!type.equals(SECRET_TYPE)) {
      out.add(
          secretFinding(
              ctx,
              s,
              ManifestRules.SECRETREF_WRONG_TYPE,
              "type",
              "Secret "
                  + name
                  + " (secretRef of "
                  + ctx.describe()
                  + ") has type "
                  + type
                  + "; the kubelet only passes Secrets of type azure/kv to the driver (\"Cannot"
                  + " get secret of type azure/kv\"): set type: azure/kv"));
    }
    if (!servicePrincipal) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!s.keys().contains("clientid")) {
      missing.add("clientid");
    }
    if (!s.keys().contains("clientsecret") && !s.keys().contains("clientcert")) {
      missing.add("clientsecret (or clientcert)");
    }
    if (!missing.isEmpty()) {
      out.add(
          secretFinding(
              ctx,
              s,
              ManifestRules.SECRETREF_MISSING_KEYS,
              s.object().root().get("data").isPresent() ? "data" : "stringData",
              "Secret "
                  + name
                  + " (secretRef of "
                  + ctx.describe()
                  + ") lacks key "
                  + String.join(" and ", missing)
                  + ": a service principal needs clientid and clientsecret (or clientcert)"
                  + (s.keys().isEmpty() ? "" : "; it has " + String.join(", ", s.keys()))));
    }
  }

  private static Finding secretFinding(
      VolumeContext ctx, SecretObject s, Rule rule, String field, String message) {
    var root = s.object().root();
    return new Finding(
        rule,
        message,
        root.get(field).isPresent() ? root.keyLocation(field) : s.object().location(),
        s.object().pointer() + (root.get(field).isPresent() ? "/" + field : ""),
        Optional.of(Finding.ObjectRef.of(s.object())),
        Optional.of(ctx.volume().name()),
        Optional.empty());
  }
}
