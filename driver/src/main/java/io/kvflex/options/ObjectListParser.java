package io.kvflex.options;

import static io.kvflex.options.KnownOptions.OBJECT_ALIASES;
import static io.kvflex.options.KnownOptions.OBJECT_FORMATS;
import static io.kvflex.options.KnownOptions.OBJECT_NAME;
import static io.kvflex.options.KnownOptions.OBJECT_NAMES;
import static io.kvflex.options.KnownOptions.OBJECT_TYPE;
import static io.kvflex.options.KnownOptions.OBJECT_TYPES;
import static io.kvflex.options.KnownOptions.OBJECT_VERSION;
import static io.kvflex.options.KnownOptions.OBJECT_VERSIONS;
import static io.kvflex.options.Texts.quote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The object lists ({@code keyvaultobject{names,types,versions,aliases,formats}}): {@code
 * ;}-separated, items trimmed, equal counts, per-item validation, file names unique. Names and
 * types are required and may not have empty items; in the optional lists an empty item means "the
 * default" (latest version, the object name, the type's default format) and an absent list means
 * the default for every object.
 */
final class ObjectListParser {
  private static final Pattern OBJECT_NAME_PATTERN = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");
  private static final Pattern VERSION_PATTERN = Pattern.compile("^[0-9a-zA-Z]{1,64}$");

  private final RawOptions options;
  private final Problems problems;

  ObjectListParser(RawOptions options, Problems problems) {
    this.options = options;
    this.problems = problems;
  }

  /** A list option as given: which key it came from, and its trimmed items. */
  record Source(String key, List<String> items) {}

  /** The validated objects, or empty when any list has an error (all of them are reported). */
  Optional<List<VaultObjectSpec>> parse() {
    int before = problems.errorCount();
    Optional<Source> names = pickWithLegacy(OBJECT_NAMES, OBJECT_NAME);
    Optional<Source> types = pickWithLegacy(OBJECT_TYPES, OBJECT_TYPE);
    Optional<Source> versions = pickWithLegacy(OBJECT_VERSIONS, OBJECT_VERSION);
    Optional<Source> aliases =
        options.untrimmed(OBJECT_ALIASES).map(v -> source(OBJECT_ALIASES, v));
    Optional<Source> formats =
        options.untrimmed(OBJECT_FORMATS).map(v -> source(OBJECT_FORMATS, v));

    if (names.isEmpty()) {
      problems.add(
          OptionRule.REQUIRED_OPTION,
          OBJECT_NAMES,
          "option keyvaultobjectnames is required: list the Key Vault object names to mount,"
              + " separated by ';' (e.g. \"db-password;tls-cert\")");
    }
    if (types.isEmpty()) {
      problems.add(
          OptionRule.REQUIRED_OPTION,
          OBJECT_TYPES,
          "option keyvaultobjecttypes is required: give one type per object name, separated by"
              + " ';' (each secret, key or cert, e.g. \"secret;cert\")");
    }
    List<String> nameItems = names.map(s -> checkNames(s)).orElse(List.of());
    int count = names.map(s -> s.items().size()).orElse(-1);
    // A stray ';' in the names makes every count comparison misleading: report only that.
    Optional<Source> countable = nameItems.contains("") ? Optional.empty() : names;
    List<ObjectType> typeItems = types.map(s -> checkTypes(s, countable, count)).orElse(List.of());
    List<Optional<String>> versionItems =
        versions.map(s -> checkVersions(s, countable, count)).orElse(null);
    List<Optional<String>> aliasItems =
        aliases.map(s -> checkAliases(s, countable, count)).orElse(null);
    List<Optional<ObjectFormat>> formatItems =
        formats
            .map(
                s ->
                    FormatList.check(
                        s,
                        countMatches(
                            s,
                            countable,
                            count,
                            "give one format per object name, leaving an item empty for the"
                                + " type's default, or remove the option"),
                        typeItems,
                        problems))
            .orElse(null);

    if (problems.errorCount() > before) {
      return Optional.empty();
    }
    List<VaultObjectSpec> specs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectType type = typeItems.get(i);
      String name = nameItems.get(i);
      Optional<String> version = versionItems == null ? Optional.empty() : versionItems.get(i);
      String fileName = aliasItems == null ? name : aliasItems.get(i).orElse(name);
      ObjectFormat format =
          formatItems == null
              ? ObjectFormat.defaultFor(type)
              : formatItems.get(i).orElse(ObjectFormat.defaultFor(type));
      specs.add(new VaultObjectSpec(type, name, version, fileName, format));
    }
    String fileOption = aliases.isPresent() ? OBJECT_ALIASES : names.orElseThrow().key();
    FileNameCheck.check(specs, fileOption, problems);
    return problems.errorCount() > before ? Optional.empty() : Optional.of(specs);
  }

  private static Source source(String key, String value) {
    return new Source(key, Arrays.stream(value.split(";", -1)).map(String::trim).toList());
  }

  /**
   * The plural option, else its legacy singular form. Both given with different lists is an error
   * naming both; the singular alone works and earns an INFO.
   */
  private Optional<Source> pickWithLegacy(String plural, String singular) {
    Optional<Source> p = options.untrimmed(plural).map(v -> source(plural, v));
    Optional<Source> s = options.untrimmed(singular).map(v -> source(singular, v));
    if (p.isPresent() && s.isPresent()) {
      if (!p.get().items().equals(s.get().items())) {
        problems.add(
            OptionRule.LEGACY_OPTION_CONFLICT,
            singular,
            "options "
                + plural
                + " and "
                + singular
                + " (its legacy singular form) are both set, to different values; keep only "
                + plural);
      }
      return p;
    }
    if (s.isPresent()) {
      problems.add(
          OptionRule.LEGACY_OPTION,
          singular,
          "option "
              + singular
              + " is the legacy form of "
              + plural
              + "; it works, but rename it to "
              + plural);
      return s;
    }
    return p;
  }

  private List<String> checkNames(Source names) {
    for (int i = 0; i < names.items().size(); i++) {
      String n = names.items().get(i);
      if (n.isEmpty()) {
        emptyItem(names, i);
      } else if (!OBJECT_NAME_PATTERN.matcher(n).matches()) {
        problems.add(
            OptionRule.INVALID_OBJECT_NAME,
            names.key(),
            "option "
                + names.key()
                + " item "
                + (i + 1)
                + " ("
                + quote(n)
                + ") is not a Key Vault object name: use 1-127 letters, digits and '-'");
      }
    }
    return names.items();
  }

  private void emptyItem(Source list, int i) {
    problems.add(
        OptionRule.EMPTY_LIST_ELEMENT,
        list.key(),
        "option "
            + list.key()
            + " item "
            + (i + 1)
            + " of "
            + list.items().size()
            + " is empty; remove the stray ';'");
  }

  /** Reports a count mismatch; true when the counts agree (or the names are missing). */
  private boolean countMatches(Source list, Optional<Source> names, int count, String hint) {
    if (names.isEmpty() || list.items().size() == count) {
      return true;
    }
    problems.add(
        OptionRule.LIST_COUNT_MISMATCH,
        list.key(),
        "option "
            + list.key()
            + " has "
            + Texts.plural(list.items().size(), "item")
            + " but "
            + names.get().key()
            + " has "
            + count
            + "; "
            + hint);
    return false;
  }

  private List<ObjectType> checkTypes(Source types, Optional<Source> names, int count) {
    boolean sameCount = countMatches(types, names, count, "give exactly one type per object name");
    List<ObjectType> out = new ArrayList<>();
    for (int i = 0; i < types.items().size(); i++) {
      String t = types.items().get(i);
      if (t.isEmpty()) {
        emptyItem(types, i);
        out.add(null);
        continue;
      }
      Optional<ObjectType> type = ObjectType.fromOption(t);
      if (type.isEmpty()) {
        problems.add(
            OptionRule.INVALID_OBJECT_TYPE,
            types.key(),
            "option "
                + types.key()
                + " item "
                + (i + 1)
                + " ("
                + quote(t)
                + ") is not an object type: use secret, key or cert");
      }
      out.add(type.orElse(null));
    }
    return sameCount ? out : List.of();
  }

  private List<Optional<String>> checkVersions(Source versions, Optional<Source> names, int count) {
    countMatches(
        versions,
        names,
        count,
        "give one version per object name, leaving an item empty for the latest (e.g. \"3f2a...;\")"
            + ", or remove the option");
    List<Optional<String>> out = new ArrayList<>();
    for (int i = 0; i < versions.items().size(); i++) {
      String v = versions.items().get(i);
      if (!v.isEmpty() && !VERSION_PATTERN.matcher(v).matches()) {
        problems.add(
            OptionRule.INVALID_OBJECT_VERSION,
            versions.key(),
            "option "
                + versions.key()
                + " item "
                + (i + 1)
                + " ("
                + quote(v)
                + ") is not a Key Vault version id (letters and digits, e.g."
                + " \"3f2a7c0e9b8d4e1f8a6b5c4d3e2f1a0b\"); leave it empty for the latest");
      }
      out.add(v.isEmpty() ? Optional.empty() : Optional.of(v));
    }
    return out;
  }

  private List<Optional<String>> checkAliases(Source aliases, Optional<Source> names, int count) {
    countMatches(
        aliases,
        names,
        count,
        "give one file name per object name, leaving an item empty to use the object name,"
            + " or remove the option");
    List<Optional<String>> out = new ArrayList<>();
    for (int i = 0; i < aliases.items().size(); i++) {
      String a = aliases.items().get(i);
      if (!a.isEmpty()) {
        int item = i + 1;
        AliasPaths.whyUnsafe(a)
            .ifPresent(
                why ->
                    problems.add(
                        OptionRule.UNSAFE_ALIAS,
                        aliases.key(),
                        "option "
                            + aliases.key()
                            + " item "
                            + item
                            + " ("
                            + quote(a)
                            + ") "
                            + why));
      }
      out.add(a.isEmpty() ? Optional.empty() : Optional.of(a));
    }
    return out;
  }
}
