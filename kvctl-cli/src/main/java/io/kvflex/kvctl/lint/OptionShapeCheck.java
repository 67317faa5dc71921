package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.OptionEntry;
import io.kvflex.options.KnownOptions;
import java.util.List;

/**
 * What the manifest text itself gets wrong about the options, before the driver sees them: values
 * that are not strings and keys in the kubelet's namespace.
 */
final class OptionShapeCheck {

  void check(VolumeContext ctx, List<Finding> out) {
    for (OptionEntry e : ctx.volume().options().values()) {
      if (!e.isString()) {
        out.add(
            ctx.finding(
                ManifestRules.OPTION_NOT_A_STRING, notAString(e), e.valueLocation(), e.pointer()));
      }
      if (KnownOptions.isKubeletKey(e.key())) {
        out.add(
            ctx.finding(
                ManifestRules.KUBELET_KEY_IN_OPTIONS,
                kubeletKey(e.key()),
                e.keyLocation(),
                e.pointer()));
      }
    }
  }

  private static String notAString(OptionEntry e) {
    String what =
        switch (e.type()) {
          case BOOLEAN -> "the boolean " + e.value();
          case INTEGER, FLOAT -> "the number " + e.value();
          case NULL -> "null (no value)";
          case STRING -> e.value().startsWith("<a mapping") ? "a mapping" : "a list";
        };
    String fix =
        switch (e.type()) {
          case BOOLEAN -> "write " + e.key() + ": \"" + yamlTruth(e.value()) + "\"";
          case INTEGER, FLOAT -> "quote it: " + e.key() + ": \"" + e.value() + "\"";
          default -> "write a quoted string, e.g. " + e.key() + ": \"\", or remove the option";
        };
    return "option "
        + e.key()
        + " is "
        + what
        + ", but flexVolume.options values must be strings (the API server rejects the pod); "
        + fix;
  }

  /** What Kubernetes' YAML 1.1 decoder reads a plain boolean as. */
  private static String yamlTruth(String plain) {
    return switch (plain) {
      case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> "true";
      default -> "false";
    };
  }

  private static String kubeletKey(String key) {
    if (key.startsWith(KnownOptions.SECRET_PREFIX)) {
      return "option "
          + key
          + " writes a credential into the pod spec in clear text and overrides the kubelet's"
          + " value; remove it and put key "
          + key.substring(KnownOptions.SECRET_PREFIX.length())
          + " in the Secret named by secretRef";
    }
    return "option "
        + key
        + " is set by the kubelet; writing it in the manifest overrides the kubelet's value (the"
        + " driver refuses such mounts as pod impersonation): remove it";
  }
}
