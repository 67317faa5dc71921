package io.kvflex.options;

import static io.kvflex.options.Texts.quote;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * File names (after defaulting) must be unique, and no file may also be another file's directory.
 */
final class FileNameCheck {
  private FileNameCheck() {}

  static void check(List<VaultObjectSpec> specs, String option, Problems problems) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String file = specs.get(i).fileName();
      Integer earlier = firstIndex.putIfAbsent(file, i);
      if (earlier != null) {
        problems.add(
            OptionRule.DUPLICATE_FILE_NAME,
            option,
            "objects "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + " would both be written to file "
                + quote(file)
                + "; give one of them a different name in keyvaultobjectaliases");
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      String file = specs.get(i).fileName();
      for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
        Integer dirOwner = firstIndex.get(file.substring(0, slash));
        if (dirOwner != null) {
          problems.add(
              OptionRule.FILE_PATH_CONFLICT,
              option,
              "object "
                  + (i + 1)
                  + " is written to "
                  + quote(file)
                  + ", inside "
                  + quote(file.substring(0, slash))
                  + ", which is the file of object "
                  + (dirOwner + 1)
                  + "; a path cannot be both a file and a directory, rename one of them in"
                  + " keyvaultobjectaliases");
        }
      }
    }
  }
}
