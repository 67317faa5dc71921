package io.kvflex.options;

import java.util.Locale;
import java.util.Optional;

/** The {@code cloudname} option (case-insensitive); empty means {@link #AZURE_PUBLIC_CLOUD}. */
public enum CloudName {
  AZURE_PUBLIC_CLOUD("AzurePublicCloud"),
  AZURE_US_GOVERNMENT_CLOUD("AzureUSGovernmentCloud"),
  AZURE_CHINA_CLOUD("AzureChinaCloud"),
  AZURE_GERMAN_CLOUD("AzureGermanCloud"),
  /** Endpoints come from the cloud environment file named by {@code cloudenvfilename}. */
  AZURE_STACK_CLOUD("AzureStackCloud");

  private final String optionValue;

  CloudName(String optionValue) {
    this.optionValue = optionValue;
  }

  public String optionValue() {
    return optionValue;
  }

  public static Optional<CloudName> fromOption(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (CloudName c : values()) {
      if (c.optionValue.toLowerCase(Locale.ROOT).equals(v)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
