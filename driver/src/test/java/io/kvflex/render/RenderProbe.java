package io.kvflex.render;

import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.vault.VaultObject;
import java.util.Optional;

/**
 * Renders one secret using only kvflex and JDK classes, for {@link BouncyCastleLoadingTest}, which
 * loads this class in a class loader of its own and calls it reflectively.
 */
public final class RenderProbe {
  private RenderProbe() {}

  /** The rendered bytes' length, so the caller needs none of our types. */
  public static int render(String value, String contentType, String format) {
    ObjectFormat f = ObjectFormat.fromOption(format).orElseThrow();
    VaultObjectSpec spec =
        new VaultObjectSpec(ObjectType.SECRET, "s", Optional.empty(), "s." + format, f);
    VaultObject.Secret secret =
        new VaultObject.Secret(
            spec.ref(), "0123", Sensitive.ofUtf8(value), Optional.ofNullable(contentType));
    return new ObjectRenderer().render(spec, secret, 0600).bytes().length;
  }
}
