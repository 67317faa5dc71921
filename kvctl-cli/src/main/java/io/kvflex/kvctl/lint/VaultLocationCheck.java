package io.kvflex.kvctl.lint;

import io.kvflex.options.KnownOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vault-location-missing}: once per vault, not once per volume (a stream of twenty volumes
 * reading one vault got twenty identical notes), at the first volume that lacks the location.
 * Volumes without a vault name are left to the driver's own missing-option error.
 */
final class VaultLocationCheck {
  private static final List<String> LOCATION =
      List.of(KnownOptions.SUBSCRIPTION_ID, KnownOptions.RESOURCE_GROUP);

  void check(List<VolumeContext> volumes, List<Finding> out) {
    Map<String, List<VolumeContext>> byVault = new LinkedHashMap<>();
    for (VolumeContext v : volumes) {
      v.text(KnownOptions.KEYVAULT_NAME)
          .filter(name -> !missing(v).isEmpty())
          .ifPresent(name -> byVault.computeIfAbsent(name, k -> new ArrayList<>()).add(v));
    }
    byVault.forEach(
        (vault, vols) -> {
          VolumeContext first = vols.get(0);
          List<String> missing = missing(first);
          String which = String.join(" and ", missing);
          out.add(
              first.atOption(
                  ManifestRules.VAULT_LOCATION_MISSING,
                  missing.get(0),
                  which
                      + (missing.size() == 1 ? " is" : " are")
                      + " not set for vault "
                      + vault
                      + (vols.size() == 1 ? "" : " (" + vols.size() + " volumes)")
                      + ": the driver does not need "
                      + (missing.size() == 1 ? "it" : "them")
                      + ", kvctl check-access does, to find the vault; add "
                      + (missing.size() == 1 ? "it" : "them")
                      + " to the options or pass --subscription and --resource-group to"
                      + " check-access"));
        });
  }

  private static List<String> missing(VolumeContext v) {
    return LOCATION.stream().filter(o -> v.text(o).isEmpty()).toList();
  }
}
