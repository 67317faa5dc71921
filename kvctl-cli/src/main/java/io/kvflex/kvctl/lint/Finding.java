package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.KubeObject;
import io.kvflex.kvctl.manifest.Location;
import io.kvflex.options.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found by lint.
 *
 * @param rule the rule
 * @param message what is wrong and how to fix it (never a secret value)
 * @param location file, line and column of the offending key or value
 * @param path JSON pointer inside the document (empty for a whole document)
 * @param object the Kubernetes object, when the document is one
 * @param volume the volume name, when the finding is about one
 * @param suppression why it is suppressed (annotation reason or config), empty when active
 */
public record Finding(
    Rule rule,
    String message,
    Location location,
    String path,
    Optional<ObjectRef> object,
    Optional<String> volume,
    Optional<String> suppression) {

  public Finding {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(message);
    Objects.requireNonNull(location);
    Objects.requireNonNull(path);
    Objects.requireNonNull(object);
    Objects.requireNonNull(volume);
    Objects.requireNonNull(suppression);
  }

  public Severity severity() {
    return rule.severity();
  }

  public boolean suppressed() {
    return suppression.isPresent();
  }

  public Finding suppress(String reason) {
    return new Finding(rule, message, location, path, object, volume, Optional.of(reason));
  }

  /** The identity of the object a finding is about (what the output shows). */
  public record ObjectRef(String apiVersion, String kind, Optional<String> namespace, String name) {
    public static ObjectRef of(KubeObject o) {
      return new ObjectRef(o.apiVersion(), o.kind(), o.namespace(), o.name());
    }

    /** e.g. {@code Deployment shop/web}. */
    public String describe() {
      return kind + " " + namespace.map(ns -> ns + "/").orElse("") + (name.isEmpty() ? "?" : name);
    }
  }
}
