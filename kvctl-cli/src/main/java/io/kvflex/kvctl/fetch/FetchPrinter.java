package io.kvflex.kvctl.fetch;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import io.kvflex.engine.ObjectOutcome;
import io.kvflex.render.FileProjection;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Renders dry-run results: a table for people, JSON for machines (schemaVersion 1, like lint's:
 * {@code {schemaVersion, tool, volumes: [...], summary}}). Values appear only with {@code
 * --show-values}; otherwise a file is described by its size and a SHA-256 prefix.
 */
final class FetchPrinter {
  static final int SCHEMA_VERSION = 1;
  private static final int SHA_PREFIX = 12;
  private static final int VERSION_PREFIX = 12;

  private final boolean showValues;

  FetchPrinter(boolean showValues) {
    this.showValues = showValues;
  }

  /** The table of one volume. */
  String table(FetchReport report, String action) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    table(out, report, action);
    out.flush();
    return buf.toString(StandardCharsets.UTF_8);
  }

  private void table(PrintStream out, FetchReport report, String action) {
    out.println(
        report.mount().describe()
            + ": vault "
            + report.request().vaultName()
            + " as "
            + report.request().identity().describe()
            + " ("
            + action
            + ")");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FILE", "OBJECT", "VERSION", "FORMAT", "SIZE", "MODE", "SHA-256"});
    for (ObjectOutcome f : report.files()) {
      String version = f.version().map(v -> shorten(v, VERSION_PREFIX)).orElse("-");
      if (f.file().isPresent()) {
        FileProjection p = f.file().get();
        rows.add(
            new String[] {
              p.relativePath(),
              f.spec().ref().type().optionValue() + "/" + f.spec().name(),
              version,
              f.spec().format().optionValue(),
              Integer.toString(p.size()),
              String.format("%04o", p.mode()),
              p.sha256Hex().substring(0, SHA_PREFIX)
            });
      } else {
        rows.add(
            new String[] {
              f.spec().fileName(),
              f.spec().ref().type().optionValue() + "/" + f.spec().name(),
              version,
              f.spec().format().optionValue(),
              "-",
              "-",
              "FAILED"
            });
      }
    }
    printAligned(out, rows);
    if (showValues) {
      for (ObjectOutcome f : report.files()) {
        f.file().ifPresent(p -> value(out, p));
      }
    }
  }

  private static void value(PrintStream out, FileProjection p) {
    out.println();
    String text = utf8Text(p.bytes());
    if (text != null) {
      out.println("==> " + p.relativePath() + " <==");
      out.print(text);
      if (!text.endsWith("\n")) {
        out.println();
      }
    } else {
      out.println("==> " + p.relativePath() + " (binary, shown as base64) <==");
      out.println(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(p.bytes()));
    }
  }

  /** Every volume's report as one JSON document. */
  String json(List<FetchReport> reports, String toolVersion) {
    StringWriter sw = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(sw)) {
      w.writeStartObject();
      w.writeIntField("schemaVersion", SCHEMA_VERSION);
      w.writeStartObject("tool");
      w.writeStringField("name", "kvctl");
      w.writeStringField("version", toolVersion);
      w.writeEndObject();
      w.writeStartArray("volumes");
      for (FetchReport r : reports) {
        w.writeStartObject();
        w.writeStringField("kind", r.mount().workload().owner().kind());
        w.writeStringField("namespace", r.mount().pod().namespace());
        w.writeStringField("name", r.mount().workload().owner().name());
        w.writeStringField("volume", r.mount().volume().name());
        w.writeStringField("vault", r.request().vaultName());
        w.writeStringField("identity", r.request().identity().describe());
        w.writeStartArray("files");
        for (ObjectOutcome f : r.files()) {
          w.writeStartObject();
          w.writeStringField("path", f.spec().fileName());
          w.writeStringField("type", f.spec().ref().type().optionValue());
          w.writeStringField("name", f.spec().name());
          w.writeStringField("requestedVersion", f.spec().version().orElse(""));
          w.writeStringField("version", f.version().orElse(null));
          w.writeStringField("format", f.spec().format().optionValue());
          if (f.file().isPresent()) {
            FileProjection p = f.file().get();
            w.writeIntField("size", p.size());
            w.writeStringField("mode", String.format("%04o", p.mode()));
            w.writeStringField("sha256", p.sha256Hex());
            if (showValues) {
              w.writeStringField("valueBase64", Base64.getEncoder().encodeToString(p.bytes()));
            }
          } else {
            w.writeStringField("error", f.failure().orElseThrow().getMessage());
          }
          w.writeEndObject();
        }
        w.writeEndArray();
        w.writeEndObject();
      }
      w.writeEndArray();
      long files = reports.stream().mapToLong(r -> r.files().size()).sum();
      long failed = reports.stream().flatMap(r -> r.files().stream()).filter(f -> !f.ok()).count();
      w.writeStartObject("summary");
      w.writeIntField("volumes", reports.size());
      w.writeLongField("files", files);
      w.writeLongField("failed", failed);
      w.writeEndObject();
      w.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw + "\n";
  }

  private static void printAligned(PrintStream out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean number = i == 4 && !row[i].equals("SIZE");
        String cell =
            number
                ? " ".repeat(widths[i] - row[i].length()) + row[i]
                : row[i] + " ".repeat(widths[i] - row[i].length());
        line.append(cell).append(i < row.length - 1 ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  /** The bytes as text when they are valid UTF-8 without control characters, else null. */
  static String utf8Text(byte[] bytes) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
          return null;
        }
      }
      return s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
