package org.unlearnlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The engine's layers, bottom to top: shared types, models, attacks, evaluation and run storage, training,
 * the methods (unlearning, diagnostics), and the use cases. A package may use the layers below its own and
 * nothing above, so a new unlearning method can reach everything it needs without creating a loop.
 */
class EngineLayersTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.unlearnlab");

    @Test
    void eachEngineLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Shared").definedBy("..engine.config..", "..engine.metrics..", "..engine.progress..",
                        "..engine.files..", "..engine.runtime..", "..engine.data..")
                .layer("Models").definedBy("..engine.model..")
                .layer("Attacks").definedBy("..engine.attack..")
                .layer("Evaluation").definedBy("..engine.eval..")
                .layer("Storage").definedBy("..engine.runs..")
                .layer("Training").definedBy("..engine.training..")
                .layer("Methods").definedBy("..engine.unlearning..", "..engine.diagnostics..", "..engine.audit..",
                        "..engine.backdoor..", "..engine.healing..")
                .layer("UseCases").definedBy("..engine.experiment..", "..engine.comparison..", "..engine.report..")
                .layer("Adapters").definedBy("org.unlearnlab.cli..", "org.unlearnlab.app..", "org.unlearnlab")
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("UseCases").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Methods").mayOnlyBeAccessedByLayers("UseCases", "Adapters")
                .whereLayer("Training").mayOnlyBeAccessedByLayers("Methods", "UseCases", "Adapters")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("UseCases", "Adapters")
                .whereLayer("Evaluation").mayOnlyBeAccessedByLayers("Training", "Methods", "UseCases", "Adapters")
                .whereLayer("Attacks").mayOnlyBeAccessedByLayers("Evaluation", "Training", "Methods", "UseCases",
                        "Adapters")
                .whereLayer("Models").mayOnlyBeAccessedByLayers("Attacks", "Evaluation", "Training", "Methods",
                        "UseCases", "Adapters")
                .check(CLASSES);
    }
}
