package io.kvflex.kvctl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.kvflex.kvctl.access.CheckAccessCommand;
import io.kvflex.kvctl.cli.CliContext;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of {@code docs/architecture.md}: kvctl uses only the driver's public API,
 * localvault stands alone, and neither has package cycles: kvctl's root package (the composition
 * root that registers every command) counts as a package like the others, and nothing refers back
 * to it.
 */
class ArchitectureTest {
  static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(Locations.ofPackage("io.kvflex"));

  /** The driver's public API: these packages, and the vault port's two types. */
  static final String[] DRIVER_API = {
    "io.kvflex.engine",
    "io.kvflex.options",
    "io.kvflex.errors",
    "io.kvflex.cloud",
    "io.kvflex.render",
    "io.kvflex.mount"
  };

  static final ArchRule KVCTL_USES_THE_DRIVER_API_ONLY =
      classes()
          .that()
          .resideInAPackage("io.kvflex.kvctl..")
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage("io.kvflex..")
                  .or(resideInAnyPackage("io.kvflex.kvctl..", "io.kvflex.localvault.."))
                  .or(resideInAnyPackage(DRIVER_API))
                  .or(belongToAnyOf(VaultClient.class, VaultObject.class)))
          .because("kvctl reaches the driver only through its public API (docs/architecture.md)");

  @Test
  void kvctlUsesOnlyTheDriversPublicApi() {
    assertThat(ALL.contain(KvctlCommand.class)).isTrue();
    KVCTL_USES_THE_DRIVER_API_ONLY.check(ALL);
  }

  @Test
  void aReachIntoTheVaultAdapterFails() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.kvflex.kvctl.archfixture");
    assertThatThrownBy(() -> KVCTL_USES_THE_DRIVER_API_ONLY.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.kvflex.vault.http.Deadline");
  }

  @Test
  void localvaultStandsAlone() {
    noClasses()
        .that()
        .resideInAPackage("io.kvflex.localvault..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.kvflex..").and(not(resideInAPackage("io.kvflex.localvault.."))))
        .check(ALL);
  }

  /** The top-level package of kvctl a class is in, {@code (root)} for the root; null outside. */
  static String kvctlPackage(String pkg) {
    if (pkg.equals("io.kvflex.kvctl")) {
      return "(root)";
    }
    if (!pkg.startsWith("io.kvflex.kvctl.")) {
      return null;
    }
    String rest = pkg.substring("io.kvflex.kvctl.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * Each top-level package of kvctl is one slice, and the root package {@code io.kvflex.kvctl} is
   * one too (a pattern like {@code io.kvflex.kvctl.(*)..} would leave it out).
   */
  static final SliceAssignment KVCTL_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String top = kvctlPackage(javaClass.getPackageName());
          return top == null ? SliceIdentifier.ignore() : SliceIdentifier.of(top);
        }

        @Override
        public String getDescription() {
          return "kvctl's top-level packages, its root package included";
        }
      };

  @Test
  void testSupportStandsAloneAndNoProductCodeUsesIt() {
    assertThat(ALL.containPackage("io.kvflex.testsupport")).isTrue();
    noClasses()
        .that()
        .resideInAPackage("io.kvflex.testsupport..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.kvflex..").and(not(resideInAPackage("io.kvflex.testsupport.."))))
        .check(ALL);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.kvflex.testsupport..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.kvflex.testsupport..")
        .because("test helpers are for tests (docs/architecture.md)")
        .check(ALL);
  }

  @Test
  void kvctlAndLocalvaultHaveNoCycles() {
    slices().assignedFrom(KVCTL_PACKAGES).should().beFreeOfCycles().check(ALL);
    slices().matching("io.kvflex.localvault.(**)").should().beFreeOfCycles().check(ALL);
  }

  /** The first column of the "Packages of kvctl" table in docs/architecture.md. */
  static Set<String> documentedPackages() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "architecture.md"));
    int at = doc.indexOf("## Packages of kvctl");
    assertThat(at).as("docs/architecture.md has a section 'Packages of kvctl'").isNotNegative();
    String section = doc.substring(at);
    int next = section.indexOf("\n## ", 1);
    Set<String> rows = new TreeSet<>();
    Matcher m =
        Pattern.compile("(?m)^\\| (`([a-z]+)`|\\(root\\)) \\|")
            .matcher(next < 0 ? section : section.substring(0, next));
    while (m.find()) {
      rows.add(m.group(2) == null ? "(root)" : m.group(2));
    }
    return rows;
  }

  @Test
  void everyPackageOfKvctlHasARowInTheArchitecturePage() throws IOException {
    Set<String> packages = new TreeSet<>();
    ALL.stream()
        .map(c -> kvctlPackage(c.getPackageName()))
        .filter(java.util.Objects::nonNull)
        .forEach(packages::add);
    assertThat(packages).contains("(root)", "cli", "net", "access");
    assertThat(documentedPackages()).isEqualTo(packages);
  }

  @Test
  void theRootPackageIsASliceOfItsOwn() {
    assertThat(KVCTL_PACKAGES.getIdentifierOf(ALL.get(KvctlCommand.class)))
        .isEqualTo(SliceIdentifier.of("(root)"));
    assertThat(KVCTL_PACKAGES.getIdentifierOf(ALL.get(CliContext.class)))
        .isEqualTo(SliceIdentifier.of("cli"));
    assertThat(KVCTL_PACKAGES.getIdentifierOf(ALL.get(CheckAccessCommand.class)))
        .isEqualTo(SliceIdentifier.of("access"));
  }

  @Test
  void nothingRefersBackToTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage("io.kvflex.kvctl..")
        .and()
        .resideOutsideOfPackage("io.kvflex.kvctl")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.kvflex.kvctl")
        .because(
            "the root package registers the commands; what they share lives in"
                + " io.kvflex.kvctl.cli (docs/architecture.md)")
        .check(ALL);
  }
}
