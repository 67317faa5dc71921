package io.kvflex.flexvolume;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.nio.file.Path;
import java.util.Optional;

/** The options step of a mount: the options parser, its problems as one user-input failure. */
final class OptionsStep {
  private final OptionsParser parser = new OptionsParser();

  MountEngine.ParsedMount parse(String optionsJson, Path mountDir) {
    ParseResult result = parser.parseJson(optionsJson, Optional.of(mountDir));
    if (!result.ok()) {
      throw new UserInputException(OptionsParser.describeProblems(result.problems()));
    }
    return new MountEngine.ParsedMount(
        result.request().orElseThrow(), OptionWarnings.summarise(result.warnings()));
  }
}
