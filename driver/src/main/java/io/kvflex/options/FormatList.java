package io.kvflex.options;

import static io.kvflex.options.Texts.quote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Items of {@code keyvaultobjectformats}: known formats, each allowed for its object's type. */
final class FormatList {
  private FormatList() {}

  /**
   * One entry per item, empty for "the type's default"; {@code sameCount} says whether items line
   * up with {@code types} (only then is each format checked against its type).
   */
  static List<Optional<ObjectFormat>> check(
      ObjectListParser.Source formats,
      boolean sameCount,
      List<ObjectType> types,
      Problems problems) {
    List<Optional<ObjectFormat>> out = new ArrayList<>();
    for (int i = 0; i < formats.items().size(); i++) {
      String f = formats.items().get(i);
      if (f.isEmpty()) {
        out.add(Optional.empty());
        continue;
      }
      Optional<ObjectFormat> format = ObjectFormat.fromOption(f);
      String where = "option " + formats.key() + " item " + (i + 1) + " (" + quote(f) + ")";
      if (format.isEmpty()) {
        problems.add(
            OptionRule.INVALID_FORMAT,
            formats.key(),
            where + " is not a format: use one of " + names(Arrays.asList(ObjectFormat.values())));
      } else if (sameCount && i < types.size() && types.get(i) != null) {
        ObjectType type = types.get(i);
        if (!ObjectFormat.allowedFor(type).contains(format.get())) {
          problems.add(
              OptionRule.FORMAT_NOT_ALLOWED_FOR_TYPE,
              formats.key(),
              where
                  + " does not apply to a "
                  + type.optionValue()
                  + ": a "
                  + type.optionValue()
                  + " can be written as "
                  + names(ObjectFormat.allowedFor(type))
                  + " (default "
                  + ObjectFormat.defaultFor(type).optionValue()
                  + ")");
        }
      }
      out.add(format);
    }
    return out;
  }

  private static String names(java.util.Collection<ObjectFormat> formats) {
    return formats.stream().map(ObjectFormat::optionValue).collect(Collectors.joining(", "));
  }
}
