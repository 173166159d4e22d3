package org.unlearnlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering the folders promise: an engine without JavaFX, an app without DL4J, no package cycles. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.unlearnlab");

    @Test
    void engineImportsNothingFromJavaFx() {
        noClasses().that().resideInAPackage("org.unlearnlab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.unlearnlab.app..",
                        "org.unlearnlab.cli..")
                .check(CLASSES);
    }

    /** The app reaches the network only through engine types (Classifier, …), so it survives a change of library. */
    @Test
    void appKnowsNothingOfDl4jOrNd4j() {
        noClasses().that().resideInAPackage("org.unlearnlab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(CLASSES);
    }

    /**
     * Every package may depend on packages below it only: a cycle ties packages into one that cannot be read,
     * tested or changed alone (features import shared app types from {@code app}, the shell on top imports them).
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.unlearnlab.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void cliDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("org.unlearnlab.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.unlearnlab.app..")
                .check(CLASSES);
    }
}
