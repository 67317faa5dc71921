package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.KnownOptions;
import io.kvflex.options.OptionProblem;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.PodEvidence;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every input before the first network call. The vault name, subscription and resource group
 * go through the driver's own option parser (the rules and messages of {@code kvctl lint}), with
 * the flag named instead of the volume option; identities must be GUIDs or ARM resource ids.
 */
final class FlagChecks {
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern RESOURCE_ID =
      Pattern.compile(
          "^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/[^/]+/[^/]+/[^/]+$",
          Pattern.CASE_INSENSITIVE);

  /** Volume option name to the check-access flag it stands for. */
  private static final Map<String, String> FLAG_OF =
      Map.of(
          KnownOptions.KEYVAULT_NAME, "--vault",
          KnownOptions.SUBSCRIPTION_ID, "--subscription",
          KnownOptions.RESOURCE_GROUP, "--resource-group");

  private FlagChecks() {}

  /** All problems of the explicit (non-manifest) inputs at once, as one usage error. */
  static void check(
      String vault,
      List<ObjectRef> objects,
      Optional<String> subscription,
      Optional<String> resourceGroup,
      Optional<IdentityInput> identity) {
    List<String> problems = new ArrayList<>(lintRules(vault, subscription, resourceGroup));
    identity.flatMap(FlagChecks::identityProblem).ifPresent(problems::add);
    if (objects.isEmpty()) {
      problems.add("name at least one object: --object TYPE/NAME (e.g. secret/db-password)");
    }
    if (!problems.isEmpty()) {
      throw new UserInputException(String.join("; ", problems));
    }
  }

  /** The identity flags alone (manifest mode: the volume was validated by the option parser). */
  static void check(Optional<IdentityInput> identity) {
    identity
        .flatMap(FlagChecks::identityProblem)
        .ifPresent(
            p -> {
              throw new UserInputException(p);
            });
  }

  static void requireGuid(String name, String value) {
    if (!GUID.matcher(value).matches()) {
      throw new UserInputException(
          name + " " + quoted(value) + " is not a GUID; give the id as 8-4-4-4-12 hex digits");
    }
  }

  private static List<String> lintRules(
      String vault, Optional<String> subscription, Optional<String> resourceGroup) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(KnownOptions.KEYVAULT_NAME, vault);
    subscription.ifPresent(s -> options.put(KnownOptions.SUBSCRIPTION_ID, s));
    resourceGroup.ifPresent(g -> options.put(KnownOptions.RESOURCE_GROUP, g));
    List<String> out = new ArrayList<>();
    for (OptionProblem p :
        new OptionsParser(PodEvidence.NONE).parse(options, Optional.empty()).problems()) {
      String flag = FLAG_OF.get(p.option());
      if (flag != null) {
        // "option keyvaultname "x" is not..." becomes "--vault "x" is not..." (rule id kept).
        out.add(
            p.message().replaceFirst("^option " + Pattern.quote(p.option()) + " ", flag + " ")
                + " ["
                + p.ruleId()
                + "]");
      }
    }
    return out;
  }

  private static Optional<String> identityProblem(IdentityInput identity) {
    if (identity instanceof IdentityInput.ClientId c && !GUID.matcher(c.clientId()).matches()) {
      return Optional.of(
          "the client id "
              + quoted(c.clientId())
              + " is not a GUID: give the application (client) id of the service principal or"
              + " managed identity (8-4-4-4-12 hex digits), or its ARM resource id");
    }
    if (identity instanceof IdentityInput.ObjectId o && !GUID.matcher(o.objectId()).matches()) {
      return Optional.of(
          "--object-id "
              + quoted(o.objectId())
              + " is not a GUID: give the identity's object (principal) id");
    }
    if (identity instanceof IdentityInput.ResourceId r
        && !RESOURCE_ID.matcher(r.resourceId()).matches()) {
      return Optional.of(
          "the resource id "
              + quoted(r.resourceId())
              + " is not an ARM resource id: give"
              + " /subscriptions/ID/resourceGroups/RG/providers/NAMESPACE/TYPE/NAME");
    }
    return Optional.empty();
  }

  /** A non-secret user value for a message: quoted, control characters dropped, cut at 64. */
  private static String quoted(String value) {
    String v = value.replaceAll("\\p{Cntrl}", "?");
    return "\"" + (v.length() > 64 ? v.substring(0, 64) + "..." : v) + "\"";
  }
}
