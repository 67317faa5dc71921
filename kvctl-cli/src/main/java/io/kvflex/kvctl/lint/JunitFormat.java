package io.kvflex.kvctl.lint;

import io.kvflex.kvctl.manifest.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML for CI test reports: one {@code testsuite} per input, one {@code testcase} per object
 * without findings (passed) and one per finding ({@code failure} at or above {@code --fail-on},
 * {@code skipped} when suppressed, passed with the message as output below the threshold).
 */
final class JunitFormat {

  String render(LintReport report) {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String input : report.manifests().inputs()) {
      cases.put(input, new ArrayList<>());
      counts.put(input, new int[3]);
    }
    java.util.Set<String> objectsWithFindings = new java.util.HashSet<>();
    for (Finding f : report.findings()) {
      String file = f.location().file();
      cases.computeIfAbsent(file, k -> new ArrayList<>());
      int[] c = counts.computeIfAbsent(file, k -> new int[3]);
      f.object().ifPresent(o -> objectsWithFindings.add(file + "\u0000" + o));
      String name =
          f.object().map(Finding.ObjectRef::describe).orElse("document")
              + " ["
              + f.rule().id()
              + "] "
              + f.location().line()
              + ":"
              + f.location().column();
      StringBuilder tc = new StringBuilder();
      tc.append("    <testcase classname=\"")
          .append(xml(file))
          .append("\" name=\"")
          .append(xml(name))
          .append('"');
      c[0]++;
      if (f.suppressed()) {
        c[2]++;
        tc.append(">\n      <skipped message=\"")
            .append(xml(f.suppression().get()))
            .append("\"/>\n    </testcase>");
      } else if (report.failOn().fails(f.severity())) {
        c[1]++;
        tc.append(">\n      <failure type=\"")
            .append(f.severity().name().toLowerCase(Locale.ROOT))
            .append("\" message=\"")
            .append(xml(f.message()))
            .append("\">")
            .append(xml(f.location().describe() + ": " + f.message()))
            .append("</failure>\n    </testcase>");
      } else {
        tc.append(">\n      <system-out>")
            .append(xml(f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.message()))
            .append("</system-out>\n    </testcase>");
      }
      cases.get(file).add(tc.toString());
    }
    for (KubeObject o : report.manifests().objects()) {
      String file = o.location().file();
      Finding.ObjectRef ref = Finding.ObjectRef.of(o);
      if (!objectsWithFindings.contains(file + "\u0000" + ref)) {
        cases.computeIfAbsent(file, k -> new ArrayList<>());
        counts.computeIfAbsent(file, k -> new int[3])[0]++;
        cases
            .get(file)
            .add(
                "    <testcase classname=\""
                    + xml(file)
                    + "\" name=\""
                    + xml(ref.describe())
                    + "\"/>");
      }
    }
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, List<String>> e : cases.entrySet()) {
      int[] c = counts.get(e.getKey());
      tests += c[0];
      failures += c[1];
      skipped += c[2];
      body.append("  <testsuite name=\"")
          .append(xml(e.getKey()))
          .append("\" tests=\"")
          .append(c[0])
          .append("\" failures=\"")
          .append(c[1])
          .append("\" errors=\"0\" skipped=\"")
          .append(c[2])
          .append("\">\n");
      for (String tc : e.getValue()) {
        body.append(tc).append('\n');
      }
      body.append("  </testsuite>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"kvctl lint\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\" errors=\"0\" skipped=\""
        + skipped
        + "\">\n"
        + body
        + "</testsuites>\n";
  }

  private static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
