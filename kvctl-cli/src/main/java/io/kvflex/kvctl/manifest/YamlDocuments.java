package io.kvflex.kvctl.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Splits a YAML (or JSON) stream into documents and parses each into a {@link YNode} tree with
 * 1-based positions.
 *
 * <p>The stream is split on {@code ---} lines BEFORE parsing and each document is parsed on its
 * own: a syntax error in one document is reported at its position and the others are still read (a
 * single streaming parse would stop at the first error). {@code # Source: path} comments that
 * {@code helm template} writes before each document are attached to the document's locations.
 */
public final class YamlDocuments {
  private static final Pattern SOURCE = Pattern.compile("^#\\s*Source:\\s*(\\S.*?)\\s*$");
  private static final int MAX_DEPTH = 256;

  /**
   * Aliases to collections per document. snakeyaml's default (50) rejected real manifests, such as
   * a {@code kind: List} of 61 objects sharing one anchored labels map; expansion is bounded by
   * {@link #MAX_NODES} instead, which is what stops "billion laughs".
   */
  static final int MAX_ALIASES = 10_000;

  /** Nodes one document may expand to (aliases counted at every use): a hard cap, failing fast. */
  static final int MAX_NODES = 1_000_000;

  /**
   * Characters of one document. etcd stores objects of at most about 1.5 MiB; a document many times
   * larger is refused before parsing, with the reason, instead of minutes of work.
   */
  static final int MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

  /** Helm template actions ({{ .Values.x }}, {{- include ... }}, {{ end }}): not yet rendered. */
  private static final Pattern HELM_ACTION =
      Pattern.compile(
          "\\{\\{-?\\s*(?:\\.(?:Values|Release|Chart|Capabilities|Files|Template)\\b"
              + "|(?:include|template|if|else|end|range|with|define|toYaml|tpl|required)\\b|/\\*)");

  /** Settings for a document of {@code chars} characters. */
  private static LoadSettings settings(int chars) {
    return LoadSettings.builder()
        .setUseMarks(true)
        // Kubernetes rejects duplicate keys; so do we, with the position.
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(MAX_DOCUMENT_CHARS + 1)
        // One buffer for the whole document. snakeyaml's reader grows its window by copying it
        // whole for every 1 KiB read (default buffer), so a long scalar, which stays in the window
        // until it ends, cost quadratic time: 4 MiB took 5 s, 50 MiB never finished.
        .setBufferSize(Math.max(1024, chars + 1))
        .build();
  }

  /** Every non-empty document of {@code text}; {@code file} names the input in locations. */
  public List<ParsedDocument> parse(String file, String text) {
    String[] lines = text.split("\r?\n", -1);
    List<int[]> chunks = new ArrayList<>();
    int chunkStart = 0;
    for (int i = 0; i <= lines.length; i++) {
      boolean end = i == lines.length;
      if (end || (i > chunkStart && isSeparator(lines[i]))) {
        chunks.add(new int[] {chunkStart, i});
        chunkStart = i;
      }
    }
    // Documents are independent, so big streams (helm template output) parse in parallel; the
    // result keeps input order.
    var parsed =
        (chunks.size() > 16 ? chunks.parallelStream() : chunks.stream())
            .map(c -> parseChunk(file, lines, c[0], c[1]))
            .toList();
    List<ParsedDocument> out = new ArrayList<>();
    for (List<ParsedDocument> docs : parsed) {
      for (ParsedDocument d : docs) {
        out.add(new ParsedDocument(out.size(), d.start(), d.root(), d.problem(), d.unrendered()));
      }
    }
    return out;
  }

  private static boolean isSeparator(String line) {
    return line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
  }

  /** The documents of lines [from, to); their indexes are set by the caller. */
  private List<ParsedDocument> parseChunk(String file, String[] lines, int from, int to) {
    List<ParsedDocument> out = new ArrayList<>(1);
    StringBuilder sb = new StringBuilder();
    Optional<String> template = Optional.empty();
    int sourceLine = from;
    boolean content = false;
    int firstContentLine = from;
    for (int i = from; i < to; i++) {
      String line = lines[i];
      Matcher m = SOURCE.matcher(line.strip());
      if (!content && m.matches()) {
        template = Optional.of(m.group(1));
        sourceLine = i;
      }
      String stripped = line.strip();
      if (!content
          && !stripped.isEmpty()
          && !stripped.startsWith("#")
          && !isSeparator(line)
          && !stripped.equals("...")) {
        content = true;
        firstContentLine = i;
      }
      sb.append(line).append('\n');
    }
    if (!content) {
      return out;
    }
    Positions pos = new Positions(file, from, template, sourceLine);
    String doc = sb.toString();
    if (doc.length() > MAX_DOCUMENT_CHARS) {
      out.add(
          new ParsedDocument(
              0,
              pos.line(firstContentLine - from),
              Optional.empty(),
              Optional.of(
                  "the document has "
                      + (doc.length() >> 20)
                      + " Mi characters, more than the "
                      + (MAX_DOCUMENT_CHARS >> 20)
                      + " Mi kvctl reads (the API server refuses objects over about 1.5 MiB):"
                      + " split it or leave it out")));
      return out;
    }
    if (HELM_ACTION.matcher(doc).find()) {
      out.add(
          new ParsedDocument(
              0,
              pos.line(firstContentLine - from),
              Optional.empty(),
              Optional.of(
                  "is a Helm template that is not rendered ({{ ... }} actions); lint what it"
                      + " renders to: helm template CHART | kvctl lint -"),
              true));
      return out;
    }
    try {
      Budget budget = new Budget();
      for (Node node : new Compose(settings(doc.length())).composeAllFromString(doc)) {
        YNode root = convert(node, pos, 0, budget);
        out.add(new ParsedDocument(0, root.location(), Optional.of(root), Optional.empty()));
      }
    } catch (MarkedYamlEngineException e) {
      Location at =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(pos::at)
              .orElse(pos.line(firstContentLine - from));
      out.add(new ParsedDocument(0, at, Optional.empty(), Optional.of(describe(e))));
    } catch (LocatedProblem e) {
      out.add(new ParsedDocument(0, e.at, Optional.empty(), Optional.of(e.getMessage())));
    } catch (YamlEngineException | DocumentTooDeep | DocumentTooBig e) {
      out.add(
          new ParsedDocument(
              0,
              pos.line(firstContentLine - from),
              Optional.empty(),
              Optional.of(oneLine(e.getMessage()))));
    }
    return out;
  }

  private static String describe(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    String text = context.isEmpty() ? problem : context + ": " + problem;
    return oneLine(text.isEmpty() ? String.valueOf(e.getMessage()) : text);
  }

  private static String oneLine(String s) {
    return s == null ? "invalid YAML" : s.replaceAll("\\s+", " ").strip();
  }

  private YNode convert(Node node, Positions pos, int depth, Budget budget) {
    if (depth > MAX_DEPTH) {
      throw new DocumentTooDeep();
    }
    budget.spend();
    Location at = node.getStartMark().map(pos::at).orElse(pos.line(0));
    if (node instanceof ScalarNode s) {
      return new YNode.YScalar(
          s.getValue(), YNode.ScalarType.resolve(s.getValue(), s.isPlain()), at);
    }
    if (node instanceof SequenceNode seq) {
      List<YNode> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        items.add(convert(item, pos, depth + 1, budget));
      }
      return new YNode.YList(items, at);
    }
    MappingNode map = (MappingNode) node;
    Map<String, YNode.Entry> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Location keyAt = t.getKeyNode().getStartMark().map(pos::at).orElse(at);
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        throw new LocatedProblem(keyAt, "a mapping key is not a scalar");
      }
      YNode.Entry first = entries.get(key.getValue());
      if (first != null) {
        throw new LocatedProblem(
            keyAt,
            "duplicate key \""
                + key.getValue()
                + "\" (first at line "
                + first.keyLocation().line()
                + "); Kubernetes rejects it: keep one");
      }
      entries.put(
          key.getValue(),
          new YNode.Entry(
              key.getValue(), keyAt, convert(t.getValueNode(), pos, depth + 1, budget)));
    }
    return new YNode.YMap(entries, at);
  }

  /**
   * Turns 0-based chunk-relative marks into 1-based input positions (and, in a rendered Helm
   * stream, lines relative to the template's {@code # Source:} comment).
   */
  private record Positions(String file, int lineOffset, Optional<String> template, int sourceLine) {
    Location at(Mark m) {
      return location(lineOffset + m.getLine(), m.getColumn() + 1);
    }

    Location line(int chunkLine) {
      return location(lineOffset + chunkLine, 1);
    }

    private Location location(int line0, int column) {
      return new Location(file, line0 + 1, column, template, line0 - sourceLine);
    }
  }

  /** Counts converted nodes; aliases are converted at every use, so this bounds expansion. */
  private static final class Budget {
    private int nodes;

    void spend() {
      if (++nodes > MAX_NODES) {
        throw new DocumentTooBig();
      }
    }
  }

  private static final class DocumentTooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DocumentTooBig() {
      super(
          "the document expands to more than "
              + MAX_NODES
              + " nodes through aliases (*name); kvctl stops there, as the API server would"
              + " refuse such an object: write the repeated parts out or reduce them",
          null,
          false,
          false);
    }
  }

  private static final class DocumentTooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DocumentTooDeep() {
      super("document nested deeper than " + MAX_DEPTH + " levels", null, false, false);
    }
  }

  /** A structural problem the YAML parser accepts but Kubernetes does not, with its position. */
  private static final class LocatedProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Location at;

    LocatedProblem(Location at, String message) {
      super(message, null, false, false);
      this.at = at;
    }
  }
}
