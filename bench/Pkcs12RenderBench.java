import io.kvflex.options.ObjectFormat;
import io.kvflex.options.ObjectType;
import io.kvflex.options.Sensitive;
import io.kvflex.options.VaultObjectSpec;
import io.kvflex.render.ObjectRenderer;
import io.kvflex.vault.VaultObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Times the first rendering of one certificate-backed secret in a fresh JVM (class loading
 * included: what a cold `kv mount` pays once per call) and the warm cost per rendering. Prints
 * figures; asserts nothing. Run by pkcs12-render.sh against two builds in turn.
 *
 * <p>Wall times suffer from a loaded machine; the CPU times (the rendering thread's, and the whole
 * process's up to the end of the first rendering) much less.
 *
 * <p>Arguments: file, content type (application/x-pkcs12: the file is stored as base64, as Key
 * Vault stores it; application/x-pem-file: as text), format (pem or pfx).
 */
public class Pkcs12RenderBench {
  public static void main(String[] args) throws Exception {
    byte[] file = Files.readAllBytes(Path.of(args[0]));
    String contentType = args[1];
    String value =
        contentType.equals("application/x-pkcs12")
            ? Base64.getEncoder().encodeToString(file)
            : new String(file, java.nio.charset.StandardCharsets.US_ASCII);
    ObjectFormat format = ObjectFormat.fromOption(args[2]).orElseThrow();
    VaultObjectSpec spec =
        new VaultObjectSpec(ObjectType.SECRET, "tls", Optional.empty(), "tls." + args[2], format);
    VaultObject.Secret secret =
        new VaultObject.Secret(
            spec.ref(), "0123456789abcdef", Sensitive.ofUtf8(value), Optional.of(contentType));
    ObjectRenderer renderer = new ObjectRenderer();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    int size = renderer.render(spec, secret, 0600).bytes().length;
    long firstCpu = threads.getCurrentThreadCpuTime() - c0;
    long first = System.nanoTime() - t0;
    // CPU of the whole process up to the first rendering (JVM start, JIT threads included).
    long processCpu =
        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    int n = 20;
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      size += renderer.render(spec, secret, 0600).bytes().length;
    }
    long warm = (System.nanoTime() - t1) / n;
    System.out.printf(
        "first_render_ms=%.1f first_render_cpu_ms=%.1f process_cpu_ms=%.1f warm_render_ms=%.2f"
            + " bytes=%d%n",
        first / 1e6, firstCpu / 1e6, processCpu / 1e6, warm / 1e6, size);
  }
}
