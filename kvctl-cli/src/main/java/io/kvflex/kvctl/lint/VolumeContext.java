package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.FlexVolume;
import io.kvflex.kvctl.manifest.Location;
import io.kvflex.kvctl.manifest.Workload;
import io.kvflex.options.ParseResult;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code azure/kv} volume of one workload, with the driver parser's verdict on its options.
 *
 * @param workload the pod spec holding the volume
 * @param volume the volume
 * @param parse what {@code io.kvflex.options.OptionsParser} made of the options (see {@link
 *     OptionsCheck} for what lint feeds it)
 */
record VolumeContext(Workload workload, FlexVolume volume, ParseResult parse) {

  /** True when the option is written as "true" (any case), as the driver reads booleans. */
  boolean flag(String option) {
    return Optional.ofNullable(volume.optionValues().get(option))
        .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("true"))
        .orElse(false);
  }

  /** True when the option is written with a value that is neither "true" nor "false". */
  boolean notBoolean(String option) {
    return text(option)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .filter(v -> !v.equals("true") && !v.equals("false"))
        .isPresent();
  }

  /** The option's non-blank trimmed value. */
  Optional<String> text(String option) {
    return Optional.ofNullable(volume.optionValues().get(option))
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  /** A finding about this volume at {@code at}, with {@code path} inside the document. */
  Finding finding(Rule rule, String message, Location at, String path) {
    return new Finding(
        rule,
        message,
        at,
        path,
        Optional.of(Finding.ObjectRef.of(workload.owner())),
        Optional.of(volume.name()),
        Optional.empty());
  }

  /** A finding located at the option's key, or the options block when it is not written. */
  Finding atOption(Rule rule, String option, String message) {
    var entry = volume.options().get(option);
    return entry == null
        ? finding(rule, message, volume.optionsLocation(), volume.pointer() + "/flexVolume/options")
        : finding(rule, message, entry.keyLocation(), entry.pointer());
  }

  /** A finding located at the volume's list item. */
  Finding atVolume(Rule rule, String message) {
    return finding(rule, message, volume.location(), volume.pointer());
  }

  /** e.g. {@code volume "kv" of Deployment shop/web}. */
  String describe() {
    return "volume \"" + volume.name() + "\" of " + workload.owner().describe();
  }
}
