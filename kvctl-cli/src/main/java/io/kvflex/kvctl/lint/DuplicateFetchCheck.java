package io.kvflex.kvctl.lint;

import io.kvflex.options.KnownOptions;
import io.kvflex.options.MountRequest;
import io.kvflex.options.VaultObjectSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Two volumes of one pod fetching the same object (same vault, cloud, type, name, version). */
final class DuplicateFetchCheck {

  void check(List<VolumeContext> volumes, List<Finding> out) {
    Map<String, VolumeContext> first = new HashMap<>();
    for (VolumeContext ctx : volumes) {
      if (ctx.parse().request().isEmpty()) {
        continue;
      }
      MountRequest r = ctx.parse().request().get();
      java.util.Set<String> seenHere = new java.util.HashSet<>();
      for (VaultObjectSpec o : r.objects()) {
        String key =
            r.cloud().name()
                + "|"
                + r.vaultName().toLowerCase(Locale.ROOT)
                + "|"
                + o.ref().type()
                + "|"
                + o.ref().name().toLowerCase(Locale.ROOT)
                + "|"
                + o.ref().version().orElse("");
        if (!seenHere.add(key)) {
          continue;
        }
        VolumeContext earlier = first.putIfAbsent(key, ctx);
        if (earlier != null && earlier != ctx) {
          out.add(
              ctx.atOption(
                  ManifestRules.DUPLICATE_FETCH,
                  ctx.volume().options().containsKey(KnownOptions.OBJECT_NAMES)
                      ? KnownOptions.OBJECT_NAMES
                      : KnownOptions.OBJECT_NAME,
                  ctx.describe()
                      + " fetches "
                      + o.ref().describe()
                      + " from vault "
                      + r.vaultName()
                      + ", which volume \""
                      + earlier.volume().name()
                      + "\" already fetches: list it in one volume (two aliases if you need two"
                      + " file names)"));
        }
      }
    }
  }
}
