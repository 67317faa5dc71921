package io.kvflex.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Build step of {@code mvn package} (driver pom): removes the jar signatures from the copies of the
 * dependency jars in the plugin folder, because class-data sharing skips every class of a signed
 * jar ("Skipping ...: Signed JAR") and HotSpot counts a jar as signed when its manifest holds any
 * {@code *-Digest} attribute. Removed: {@code META-INF/*.SF|.RSA|.DSA|.EC} and {@code
 * META-INF/SIG-*}, and the per-entry sections of the manifest (they hold only the digests the
 * signature covered). Everything else is copied RAW (same compressed bytes, CRCs, order, times and
 * extra fields), the main section of the manifest unchanged. A jar without a signature is left
 * untouched. Signatures are checked by Maven when it resolves the jars, not by the JVM of a driver
 * that trusts its own install directory, so nothing is lost at run time.
 *
 * <p>Usage: {@code UnsignJars <dir with jars>}
 */
public final class UnsignJars {
  static final String MANIFEST = "META-INF/MANIFEST.MF";

  private UnsignJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: UnsignJars <dir with jars>");
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
      dir.forEach(jars::add);
    }
    Collections.sort(jars);
    for (Path jar : jars) {
      if (unsign(jar)) {
        System.out.println("unsigned " + jar.getFileName());
      }
    }
  }

  /** Whether an entry name is a signature file (JAR File Specification, "Signed JAR File"). */
  public static boolean isSignatureFile(String name) {
    if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) {
      return false;
    }
    String file = name.substring("META-INF/".length()).toUpperCase(Locale.ROOT);
    return file.endsWith(".SF")
        || file.endsWith(".RSA")
        || file.endsWith(".DSA")
        || file.endsWith(".EC")
        || file.startsWith("SIG-");
  }

  /** The manifest without its per-entry sections; the main section byte for byte. */
  public static byte[] mainSectionOnly(byte[] manifest) {
    String text = new String(manifest, StandardCharsets.UTF_8);
    int end = sectionEnd(text);
    return text.substring(0, end).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether this manifest (or its absence) makes HotSpot treat the jar as signed. */
  static boolean hasDigests(byte[] manifest) throws IOException {
    Manifest m = new Manifest(new java.io.ByteArrayInputStream(manifest));
    return m.getEntries().values().stream()
        .anyMatch(a -> a.keySet().stream().anyMatch(k -> k.toString().contains("-Digest")));
  }

  /** Rewrites {@code jar} in place without its signature; false if it had none. */
  static boolean unsign(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".unsigning");
    try (ZipFile in = ZipFile.builder().setPath(jar).get()) {
      byte[] manifest = read(in, MANIFEST);
      boolean signed =
          Collections.list(in.getEntriesInPhysicalOrder()).stream()
                  .anyMatch(e -> isSignatureFile(e.getName()))
              || (manifest != null && hasDigests(manifest));
      if (!signed) {
        return false;
      }
      try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
        for (ZipArchiveEntry e : Collections.list(in.getEntriesInPhysicalOrder())) {
          if (isSignatureFile(e.getName())) {
            continue;
          }
          if (e.getName().equals(MANIFEST)) {
            ZipArchiveEntry m = new ZipArchiveEntry(MANIFEST);
            m.setTime(e.getTime());
            out.putArchiveEntry(m);
            out.write(mainSectionOnly(manifest));
            out.closeArchiveEntry();
          } else {
            out.addRawArchiveEntry(e, in.getRawInputStream(e));
          }
        }
      }
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  private static byte[] read(ZipFile zip, String name) throws IOException {
    ZipArchiveEntry e = zip.getEntry(name);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    }
  }

  /** End of the manifest's main section: after its first empty line (CRLF, LF or CR). */
  private static int sectionEnd(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int next;
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        next = i + 2;
      } else if (c == '\n' || c == '\r') {
        next = i + 1;
      } else {
        continue;
      }
      if (next >= text.length() || text.charAt(next) == '\n' || text.charAt(next) == '\r') {
        int blank = next;
        if (blank < text.length() && text.charAt(blank) == '\r') {
          blank++;
        }
        if (blank < text.length() && text.charAt(blank) == '\n') {
          blank++;
        }
        return Math.min(blank, text.length());
      }
      i = next - 1;
    }
    return text.length();
  }
}
