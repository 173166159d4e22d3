package org.unlearnlab.engine.model.fastpath;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundary: DL4J's internals are reached through {@link FastPath} only. */
class FastPathBoundaryTest {
    private static final String FAST_PATH = "org.unlearnlab.engine.model.fastpath";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.unlearnlab");

    @Test
    void theRestOfTheApplicationUsesTheEntryPointOnly() {
        noClasses().that().resideOutsideOfPackage(FAST_PATH)
                .should().dependOnClassesThat(resideInAPackage(FAST_PATH).and(not(belongToAnyOf(FastPath.class))))
                .check(CLASSES);
    }

    @Test
    void onlyTheFastPathReferencesTheNd4jBridge() {
        noClasses().that().resideOutsideOfPackage(FAST_PATH)
                .should().dependOnClassesThat().haveNameMatching("org\\.nd4j\\.nativeblas\\.Nd4jCpu(\\$.*)?")
                .check(CLASSES);
    }

    @Test
    void theFastPathDependsOnNoOtherEnginePackageThanRuntime() {
        // A leaf under the model: the model calls in, nothing of the model is called back (no package cycle).
        noClasses().that().resideInAPackage(FAST_PATH)
                .should().dependOnClassesThat(resideInAPackage("org.unlearnlab..")
                        .and(not(resideInAPackage(FAST_PATH)))
                        .and(not(resideInAPackage("org.unlearnlab.engine.runtime"))))
                .check(CLASSES);
    }
}
