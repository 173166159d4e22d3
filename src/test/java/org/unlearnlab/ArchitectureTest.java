package org.unlearnlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering the folders promise: an engine without JavaFX, view-models without DL4J. */
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

    @Test
    void viewModelsKnowNothingOfDl4jOrNd4j() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void cliDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("org.unlearnlab.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.unlearnlab.app..")
                .check(CLASSES);
    }
}
