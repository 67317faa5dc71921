import io.kvflex.options.OptionsParser;
import io.kvflex.options.ParseResult;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Times the options step of one mount: the first parse in a fresh JVM (what every kubelet mount call
 * pays, class loading included) and the warm cost per parse. Prints figures; asserts nothing.
 * Run by options-parse.sh.
 */
public class OptionsParseBench {
  public static void main(String[] args) {
    String uid = "0c3b9a1e-5f7d-4a2b-9c8e-1d2f3a4b5c6d";
    String json =
        "{\"keyvaultname\":\"myvault\",\"keyvaultobjectnames\":\"db-password;tls;signing\","
            + "\"keyvaultobjecttypes\":\"secret;secret;key\",\"keyvaultobjectformats\":\";pem;jwk\","
            + "\"keyvaultobjectaliases\":\"db/password;tls/bundle.pem;\","
            + "\"tenantid\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\","
            + "\"kubernetes.io/pod.name\":\"web-0\",\"kubernetes.io/pod.namespace\":\"shop\","
            + "\"kubernetes.io/pod.uid\":\"" + uid + "\",\"kubernetes.io/pvOrVolumeName\":\"secrets\","
            + "\"kubernetes.io/secret/clientid\":\"MTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1\","
            + "\"kubernetes.io/secret/clientsecret\":\"c2VjcmV0\"}";
    Optional<Path> dir = Optional.of(Path.of("/var/lib/kubelet/pods/" + uid + "/volumes/azure~kv/secrets"));
    // Phase 1: azure-json's first reader (shared with the Azure SDK later in a real mount).
    long tj = System.nanoTime();
    try (com.azure.json.JsonReader r = com.azure.json.JsonProviders.createReader("{\"a\":\"b\"}")) {
      r.nextToken();
      r.readUntyped();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long jsonCold = System.nanoTime() - tj;
    // Phase 2: the first parse with JSON warm: our own classes, patterns, lambdas.
    long t0 = System.nanoTime();
    ParseResult first = new OptionsParser().parseJson(json, dir);
    long cold = System.nanoTime() - t0;
    if (!first.ok()) {
      throw new IllegalStateException("benchmark input does not parse: " + first.problems());
    }
    int n = 20000;
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (!new OptionsParser().parseJson(json, dir).ok()) {
        throw new IllegalStateException();
      }
    }
    long warm = (System.nanoTime() - t1) / n;
    System.out.printf(
        "first_json_reader_ms=%.1f first_parse_after_json_ms=%.1f warm_parse_us=%.1f%n",
        jsonCold / 1e6, cold / 1e6, warm / 1e3);
  }
}
