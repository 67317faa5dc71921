package io.kvflex.kvctl.access;

import io.kvflex.errors.UserInputException;
import io.kvflex.options.ObjectType;
import io.kvflex.options.VaultObjectSpec.ObjectRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --object TYPE/NAME[@VERSION]}, e.g. {@code secret/db-password}. */
final class ObjectArgument {
  private static final Pattern SHAPE =
      Pattern.compile("^([A-Za-z]+)/([0-9a-zA-Z-]{1,127})(?:@([0-9a-zA-Z]{1,64}))?$");

  private ObjectArgument() {}

  static ObjectRef parse(String text) {
    Matcher m = SHAPE.matcher(text.trim());
    if (!m.matches()) {
      throw new UserInputException(
          "--object "
              + text
              + " is not TYPE/NAME[@VERSION] (e.g. secret/db-password,"
              + " key/signing@4b8e0f2a9c1d4e6f8a0b2c4d6e8f0a1b); names are 1-127 letters, digits and dashes");
    }
    ObjectType type =
        ObjectType.fromOption(m.group(1))
            .orElseThrow(
                () ->
                    new UserInputException(
                        "--object "
                            + text
                            + ": type "
                            + m.group(1)
                            + " is not one of secret, key, cert"));
    return new ObjectRef(type, m.group(2), Optional.ofNullable(m.group(3)));
  }
}
