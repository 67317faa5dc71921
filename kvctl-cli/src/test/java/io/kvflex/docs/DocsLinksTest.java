package io.kvflex.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README is a front door to {@code docs/}: every relative link and {@code #anchor} in
 * README.md, CONTRIBUTING.md and docs/*.md must resolve (anchors as GitHub makes them from
 * headings), and every docs page must be reachable from the README.
 */
class DocsLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private static final Map<Path, Page> pages = new HashMap<>();

  /** A parsed page: the anchors its headings make and the links it holds. */
  private record Page(Set<String> anchors, List<PageLink> links) {}

  private record PageLink(String destination, int line) {}

  @BeforeAll
  static void parseEveryPage() throws IOException {
    for (Path file : docFiles()) {
      pages.put(file, parse(file));
    }
  }

  private static List<Path> docFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    if (Files.exists(ROOT.resolve("CONTRIBUTING.md"))) {
      files.add(ROOT.resolve("CONTRIBUTING.md"));
    }
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  private static Page parse(Path file) throws IOException {
    Node document = PARSER.parse(Files.readString(file));
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<PageLink> links = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            String slug = slug(plainText(heading));
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            visitChildren(heading);
          }

          @Override
          public void visit(Link link) {
            List<SourceSpan> spans = link.getSourceSpans();
            int line = spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
            links.add(new PageLink(link.getDestination(), line));
            visitChildren(link);
          }
        });
    return new Page(anchors, links);
  }

  private static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code c) {
            text.append(c.getLiteral());
          }
        });
    return text.toString();
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  @Test
  void slugsFollowGitHub() {
    assertThat(slug("Runtime, host OS support and size"))
        .isEqualTo("runtime-host-os-support-and-size");
    assertThat(slug("kvctl check-access")).isEqualTo("kvctl-check-access");
    assertThat(slug("The `./kvctl` launcher")).isEqualTo("the-kvctl-launcher");
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() {
    List<String> broken = new ArrayList<>();
    pages.forEach(
        (file, page) -> {
          for (PageLink link : page.links()) {
            String problem = problem(file, link.destination());
            if (problem != null) {
              broken.add(
                  ROOT.relativize(file)
                      + ":"
                      + link.line()
                      + ": "
                      + link.destination()
                      + ": "
                      + problem);
            }
          }
        });
    assertThat(broken).as("broken links").isEmpty();
  }

  /** Why a link does not resolve, or null when it does (or is not a link into this repository). */
  private static String problem(Path from, String destination) {
    URI uri = URI.create(destination.replace(" ", "%20"));
    if (uri.getScheme() != null) {
      return null; // https:, mailto: ... are not ours to check
    }
    String path = uri.getPath();
    Path target = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
    if (!target.startsWith(ROOT)) {
      return "points outside the repository";
    }
    if (!Files.exists(target)) {
      return "no such file " + ROOT.relativize(target);
    }
    String anchor = uri.getFragment();
    if (anchor == null) {
      return null;
    }
    Page page = pages.get(target);
    if (page == null) {
      return "an anchor into a file that is not a checked markdown page";
    }
    return page.anchors().contains(anchor)
        ? null
        : "no heading makes anchor #" + anchor + " in " + ROOT.relativize(target);
  }

  @Test
  void brokenLinksAreFound() {
    Path readme = ROOT.resolve("README.md");
    assertThat(problem(readme, "docs/options.md")).isNull();
    assertThat(problem(readme, "#five-minute-tour")).isNull();
    assertThat(problem(readme, "docs/no-such-page.md"))
        .contains("no such file docs/no-such-page.md");
    assertThat(problem(readme, "docs/options.md#no-such-heading"))
        .contains("no heading makes anchor #no-such-heading in docs/options.md");
    assertThat(problem(readme, "../outside.md")).contains("outside the repository");
  }

  @Test
  void theReadmeLinksEveryDocsPage() {
    Path readme = ROOT.resolve("README.md");
    Set<Path> linked = new HashSet<>();
    for (PageLink link : pages.get(readme).links()) {
      URI uri = URI.create(link.destination().replace(" ", "%20"));
      if (uri.getScheme() == null && !uri.getPath().isEmpty()) {
        linked.add(ROOT.resolve(uri.getPath()).normalize());
      }
    }
    List<Path> unlinked =
        pages.keySet().stream()
            .filter(p -> p.getParent().equals(ROOT.resolve("docs")))
            .filter(p -> !linked.contains(p))
            .map(ROOT::relativize)
            .sorted()
            .toList();
    assertThat(unlinked).as("docs pages the README does not link").isEmpty();
  }
}
