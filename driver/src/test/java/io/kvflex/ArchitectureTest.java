package io.kvflex;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.kvflex.archfixture.a.CycleA;
import io.kvflex.archfixture.b.CycleB;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The driver's packages use each other only as the table in {@code docs/architecture.md} allows,
 * and form no cycle. The table is read from the page, so the page and the code cannot disagree.
 */
class ArchitectureTest {
  static final String ROOT = "io.kvflex";
  static final Path DOC = Path.of("..", "docs", "architecture.md");

  static final JavaClasses DRIVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(Locations.ofPackage(ROOT))
          // localvault and test-support are modules of their own, on the test classpath only.
          .that(not(resideInAnyPackage(ROOT + ".localvault..", ROOT + ".testsupport..")));

  /** The "may use" table of the page's driver packages: package (below io.kvflex) → allowed. */
  static Map<String, Set<String>> table() throws IOException {
    String page = Files.readString(DOC);
    int start = page.indexOf("## Packages of the driver");
    assertThat(start).as(DOC + " has a section 'Packages of the driver'").isNotNegative();
    int end = page.indexOf("\n## ", start + 1);
    Map<String, Set<String>> table = new LinkedHashMap<>();
    for (String line : page.substring(start, end < 0 ? page.length() : end).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String pkg = cells[1].trim().replace("`", "");
      Set<String> mayUse =
          Arrays.stream(cells[3].split(","))
              .map(s -> s.trim().replace("`", ""))
              .filter(s -> !s.isEmpty() && !s.equals("—"))
              .collect(Collectors.toCollection(TreeSet::new));
      table.put(pkg, mayUse);
    }
    assertThat(table).as("package rows in " + DOC).isNotEmpty();
    return table;
  }

  /** The package of {@code c} below io.kvflex, e.g. {@code vault.http}. */
  static String relative(JavaClass c) {
    String p = c.getPackageName();
    return p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1);
  }

  /** Every dependency between driver packages is one the table allows. */
  static ArchRule followsTheTable(Map<String, Set<String>> table) {
    return classes()
        .should(
            new ArchCondition<JavaClass>("use only the packages " + DOC + " allows") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                String from = relative(c);
                Set<String> allowed = table.getOrDefault(from, Set.of());
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  if (!target.getPackageName().startsWith(ROOT + ".")) {
                    continue;
                  }
                  String to = relative(target);
                  if (!to.equals(from) && !allowed.contains(to)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            d, from + " -> " + to + " is not in the table: " + d.getDescription()));
                  }
                }
              }
            });
  }

  static ArchRule noCycles() {
    return slices().matching(ROOT + ".(**)").should().beFreeOfCycles();
  }

  @Test
  void everyPackageHasARowInTheTable() throws IOException {
    assertThat(DRIVER.contain(io.kvflex.engine.MountEngine.class)).isTrue();
    Set<String> packages =
        DRIVER.stream()
            .map(ArchitectureTest::relative)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(table().keySet()).as("rows of " + DOC).containsAll(packages);
  }

  @Test
  void packagesUseOnlyWhatTheTableAllows() throws IOException {
    followsTheTable(table()).check(DRIVER);
  }

  @Test
  void packagesFormNoCycle() {
    noCycles().check(DRIVER);
  }

  @Test
  void aForbiddenArrowOrACycleFails() throws IOException {
    JavaClasses forbidden =
        new ClassFileImporter()
            .importPackages(ROOT + ".options")
            .that(simpleName("ForbiddenArrowFixture"));
    assertThat(forbidden).hasSize(1);
    assertThatThrownBy(() -> followsTheTable(table()).check(forbidden))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("options -> engine is not in the table");
    JavaClasses cycle = new ClassFileImporter().importClasses(CycleA.class, CycleB.class);
    assertThatThrownBy(() -> noCycles().check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
