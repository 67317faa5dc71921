package io.kvflex.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle loads only when a PKCS#12 is read: every other rendering (PEM bundles, PFX built
 * from PEM, raw, base64, values that merely might be a PFX) leaves its classes unloaded, so the
 * driver's other mounts pay nothing for it. Checked in a class loader of its own, whose loaded
 * classes are exactly what these renderings needed.
 */
class BouncyCastleLoadingTest {
  private static final String PEM = "application/x-pem-file";
  private static final String BC_CLASS = "org.bouncycastle.asn1.ASN1Primitive";

  /** Loads kvflex and BouncyCastle itself (parent: the platform loader) and tells what it did. */
  private static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader(URL... urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  @Test
  void onlyAPkcs12ReadLoadsBouncyCastle() throws Exception {
    try (IsolatedLoader loader =
        new IsolatedLoader(
            location(ObjectRenderer.class),
            location(RenderProbe.class),
            location(ASN1Primitive.class))) {
      Method render =
          loader
              .loadClass(RenderProbe.class.getName())
              .getMethod("render", String.class, String.class, String.class);
      String bundle = Fixtures.text("leaf-ec.bundle-sec1.pem");
      render.invoke(null, bundle, PEM, "pem");
      render.invoke(null, bundle, PEM, "pfx");
      render.invoke(null, "S3cr3t", null, "raw");
      render.invoke(null, "AAECAwQ=", null, "base64");
      try {
        render.invoke(null, "AAECAwQ=", null, "pfx");
      } catch (java.lang.reflect.InvocationTargetException notAPfx) {
        // a user error, as expected: the bytes do not start like a PKCS#12
      }
      assertThat(loader.loaded(ObjectRenderer.class.getName())).isTrue();
      assertThat(loader.loaded(BC_CLASS)).as("BouncyCastle loaded without a PKCS#12").isFalse();

      String pfx = Base64.getEncoder().encodeToString(Fixtures.producer("openssl-none-ec.p12"));
      render.invoke(null, pfx, "application/x-pkcs12", "pem");
      assertThat(loader.loaded(BC_CLASS)).as("BouncyCastle read the PKCS#12").isTrue();
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
