package io.kvflex.kvctl.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads inputs into {@link Manifests}: splits documents, expands {@code kind: List}, recognises
 * Kubernetes objects, extracts pod specs and Secrets, and records every document it cannot use
 * (with its position) instead of stopping.
 *
 * <p>Typical use (lint, fetch, check-access all do this):
 *
 * <pre>{@code
 * Manifests m = new ManifestReader().read(new InputCollector(cwd, stdin, p -> false).collect(args));
 * for (Workload w : m.workloads()) for (FlexVolume v : w.kvVolumes()) ... v.optionValues() ...
 * }</pre>
 */
public final class ManifestReader {
  private final YamlDocuments yaml = new YamlDocuments();
  private final WorkloadExtractor extractor = new WorkloadExtractor();

  public Manifests read(List<ManifestInput> inputs) {
    List<String> names = new ArrayList<>();
    List<KubeObject> objects = new ArrayList<>();
    List<DocumentProblem> problems = new ArrayList<>();
    int documents = 0;
    for (ManifestInput input : inputs) {
      names.add(input.name());
      if (input.problem().isPresent()) {
        problems.add(input.problem().get());
        continue;
      }
      for (ParsedDocument doc : yaml.parse(input.name(), input.text())) {
        documents++;
        if (doc.unrendered()) {
          problems.add(
              new DocumentProblem(
                  DocumentProblem.Kind.UNRENDERED,
                  doc.start(),
                  "document " + (doc.index() + 1) + " " + doc.problem().orElseThrow()));
        } else if (doc.problem().isPresent()) {
          problems.add(
              new DocumentProblem(
                  DocumentProblem.Kind.UNPARSABLE,
                  doc.start(),
                  "document "
                      + (doc.index() + 1)
                      + " is not valid YAML/JSON: "
                      + doc.problem().get()));
        } else {
          addObjects(doc.root().orElseThrow(), "", doc.index(), objects, problems, input.name());
        }
      }
    }
    List<Workload> workloads = new ArrayList<>();
    List<SecretObject> secrets = new ArrayList<>();
    for (KubeObject o : objects) {
      extractor.extract(o).ifPresent(workloads::add);
      if (o.kind().equals("Secret") && o.apiVersion().equals("v1")) {
        secrets.add(secret(o));
      }
    }
    return new Manifests(names, documents, objects, workloads, secrets, problems);
  }

  private static void addObjects(
      YNode node,
      String pointer,
      int documentIndex,
      List<KubeObject> objects,
      List<DocumentProblem> problems,
      String file) {
    if (!(node instanceof YNode.YMap map)) {
      problems.add(
          new DocumentProblem(
              DocumentProblem.Kind.NOT_KUBERNETES,
              node.location(),
              where(pointer)
                  + "is "
                  + (node instanceof YNode.YList ? "a list" : "a scalar")
                  + ", not a Kubernetes object (a mapping with apiVersion and kind)"));
      return;
    }
    Optional<String> apiVersion = map.string("apiVersion").filter(s -> !s.isBlank());
    Optional<String> kind = map.string("kind").filter(s -> !s.isBlank());
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      problems.add(
          new DocumentProblem(
              DocumentProblem.Kind.NOT_KUBERNETES,
              map.location(),
              where(pointer)
                  + "is not a Kubernetes object: "
                  + (apiVersion.isEmpty() && kind.isEmpty()
                      ? "apiVersion and kind are missing"
                      : (apiVersion.isEmpty() ? "apiVersion" : "kind") + " is missing")
                  + NotAManifest.hint(file, map)));
      return;
    }
    if (kind.get().equals("List")
        || (kind.get().endsWith("List") && map.get("items").isPresent())) {
      map.list("items")
          .ifPresent(
              items -> {
                for (int i = 0; i < items.items().size(); i++) {
                  addObjects(
                      items.items().get(i),
                      pointer + "/items/" + i,
                      documentIndex,
                      objects,
                      problems,
                      file);
                }
              });
      return;
    }
    YNode.YMap meta =
        map.map("metadata").orElse(new YNode.YMap(java.util.Map.of(), map.location()));
    objects.add(
        new KubeObject(
            apiVersion.get(),
            kind.get(),
            meta.string("namespace").filter(s -> !s.isBlank()),
            meta.string("name").or(() -> meta.string("generateName")).orElse(""),
            meta.stringMap("labels"),
            meta.stringMap("annotations"),
            map,
            pointer,
            documentIndex));
  }

  private static String where(String pointer) {
    return pointer.isEmpty() ? "the document " : "item " + pointer + " ";
  }

  private static SecretObject secret(KubeObject o) {
    Set<String> keys = new java.util.TreeSet<>();
    o.root().map("data").ifPresent(m -> keys.addAll(m.entries().keySet()));
    o.root().map("stringData").ifPresent(m -> keys.addAll(m.entries().keySet()));
    return new SecretObject(o, o.root().string("type"), keys);
  }
}
