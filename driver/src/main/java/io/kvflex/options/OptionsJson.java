package io.kvflex.options;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the kubelet's options JSON (argv[2]): one flat object of string values. The text holds
 * client secrets, so no message here ever quotes it, and parser exceptions (which do) are dropped.
 */
final class OptionsJson {
  private OptionsJson() {}

  /** The key/value map, or a problem that says what is wrong without quoting the input. */
  static Result read(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    try (JsonReader reader = JsonProviders.createReader(json)) {
      if (reader.nextToken() != JsonToken.START_OBJECT) {
        return Result.failed("the volume options are not a JSON object");
      }
      while (reader.nextToken() != JsonToken.END_OBJECT) {
        String key = reader.getFieldName();
        if (!seen.add(key)) {
          // The kubelet marshals a map: a repeated key means the JSON was made by hand, and
          // "the last one wins" would silently pick one of two differing values.
          return Result.failed(
              "option " + Texts.quote(key) + " appears more than once; give each option once");
        }
        JsonToken value = reader.nextToken();
        switch (value) {
          case STRING -> map.put(key, reader.getString());
          case NULL -> {
            // an absent value; nothing to record
          }
          case NUMBER, BOOLEAN -> map.put(key, reader.getText());
          default -> {
            return Result.failed(
                "option "
                    + Texts.quote(key)
                    + " is not a string; flexVolume.options values are strings: quote the value");
          }
        }
      }
      JsonToken after = reader.nextToken();
      if (after != null && after != JsonToken.END_DOCUMENT) {
        return Result.failed("the volume options have text after the JSON object");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Deliberately no cause and no e.getMessage(): the parser's message quotes the input.
      return Result.failed("the volume options are not valid JSON");
    }
    return new Result(Optional.of(map), Optional.empty());
  }

  record Result(Optional<Map<String, String>> options, Optional<OptionProblem> problem) {
    static Result failed(String what) {
      return new Result(
          Optional.empty(),
          Optional.of(
              OptionProblem.of(
                  OptionRule.INVALID_OPTIONS_JSON,
                  "(options)",
                  what
                      + "; the driver expects the kubelet's options as one JSON object of strings"
                      + " in argv[2]")));
    }
  }

  /** {@code "2 problems in the volume options: [1] ...; [2] ..."}. */
  static String describe(List<OptionProblem> problems) {
    if (problems.size() == 1) {
      return "1 problem in the volume options: " + problems.get(0).message();
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < problems.size(); i++) {
      b.append(i == 0 ? "" : "; ")
          .append('[')
          .append(i + 1)
          .append("] ")
          .append(problems.get(i).message());
    }
    return problems.size() + " problems in the volume options: " + b;
  }
}
