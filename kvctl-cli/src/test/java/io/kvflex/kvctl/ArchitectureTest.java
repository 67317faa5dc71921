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

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import io.kvflex.vault.VaultClient;
import io.kvflex.vault.VaultObject;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of {@code docs/architecture.md}: kvctl uses only the driver's public API,
 * localvault stands alone, and neither has package cycles (kvctl's composition root aside).
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
  void kvctlFeaturesAndLocalvaultHaveNoCycles() {
    slices().matching("io.kvflex.kvctl.(*)..").should().beFreeOfCycles().check(ALL);
    slices().matching("io.kvflex.localvault.(**)").should().beFreeOfCycles().check(ALL);
  }
}
