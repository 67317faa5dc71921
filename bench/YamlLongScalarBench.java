import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/**
 * Composes one document holding a long quoted scalar with snakeyaml-engine's default read buffer
 * (1 KiB: the reader copies its whole window for every buffer it reads, and a scalar stays in the
 * window until it ends) and with the buffer kvctl now sizes to the document (YamlDocuments). The
 * two are alternated in one JVM; prints each size's median times and their ratio. Asserts nothing.
 * Run by yaml-long-scalar.sh.
 */
public class YamlLongScalarBench {
  public static void main(String[] args) {
    int runs = Integer.parseInt(args.length > 0 ? args[0] : "5");
    for (int mib : new int[] {1, 2, 4}) {
      String doc = "kind: ConfigMap\ndata:\n  k: \"" + "x".repeat(mib << 20) + "\"\n";
      List<Double> baseline = new ArrayList<>();
      List<Double> candidate = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        baseline.add(time(doc, 1024));
        candidate.add(time(doc, doc.length() + 1));
      }
      double b = median(baseline);
      double c = median(candidate);
      System.out.printf(
          "scalar_mib=%d default_buffer_ms=%.1f sized_buffer_ms=%.1f ratio=%.0fx%n",
          mib, b, c, b / c);
    }
  }

  private static double time(String doc, int buffer) {
    LoadSettings s =
        LoadSettings.builder()
            .setUseMarks(true)
            .setCodePointLimit(64 << 20)
            .setBufferSize(buffer)
            .build();
    long t = System.nanoTime();
    new Compose(s).composeAllFromString(doc).forEach(n -> {});
    return (System.nanoTime() - t) / 1e6;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
