package org.unlearnlab.app.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.app.services.RunMonitor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingViewModelTest {
    @TempDir
    Path temp;

    static ExperimentConfig tiny(int trainLimit, int epochs) {
        return ExperimentConfig.defaults()
                .withData(new ExperimentConfig.Data(null, trainLimit, 100))
                .withModel(new ExperimentConfig.Model(ModelPreset.LENET5))
                .withTraining(new ExperimentConfig.Training(epochs, 64, 1e-3, 42));
    }

    private AppContext context() {
        return new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp));
    }

    @Test
    void training_a_tiny_model_fills_both_curves_and_installs_the_model() {
        AppContext context = context();
        context.experimentConfigProperty().set(tiny(256, 2));
        TrainingViewModel vm = new TrainingViewModel(context);
        assertTrue(vm.canTrainProperty().get());

        vm.train();

        assertEquals(RunMonitor.Status.SUCCEEDED, vm.statusProperty().get());
        // 256 images in batches of 64: 4 batches per epoch, each one a point when events are not throttled.
        assertEquals(8, vm.lossPoints().size());
        assertEquals(2, vm.accuracyPoints().size());
        assertEquals(2.0, vm.lossPoints().get(7).x(), 1e-9, "the last batch ends epoch 2");
        assertNotNull(context.modelProperty().get());
        assertEquals(ModelPreset.LENET5, context.modelProperty().get().preset());
        assertTrue(vm.log().stream().anyMatch(l -> l.startsWith("Done")), String.join("\n", vm.log()));
        assertTrue(vm.progressTextProperty().get().startsWith("Finished"));
        assertNull(vm.failureProperty().get());
    }

    @Test
    void a_cancelled_training_discards_its_model_and_says_so() {
        AppContext context = context();
        context.experimentConfigProperty().set(tiny(256, 1));
        TrainingService service = new TrainingService(context);
        TrainingViewModel vm = new TrainingViewModel(context, service);
        service.monitor().lastProgressProperty().addListener((obs, old, p) -> vm.cancel());

        vm.train();

        assertEquals(RunMonitor.Status.CANCELLED, vm.statusProperty().get());
        assertEquals(1, vm.lossPoints().size(), "stopped within one batch");
        assertNull(context.modelProperty().get());
        assertTrue(vm.log().stream().anyMatch(l -> l.contains("discarded")), String.join("\n", vm.log()));
        assertTrue(vm.canTrainProperty().get(), "usable again after a cancel");
    }

    @Test
    void a_failing_training_reports_one_line_and_keeps_the_details() {
        AppContext context = context();
        context.experimentConfigProperty().set(tiny(256, 1)
                .withData(new ExperimentConfig.Data(temp.resolve("no-such-folder").toString(), 256, 100)));
        TrainingViewModel vm = new TrainingViewModel(context);

        vm.train();

        assertEquals(RunMonitor.Status.FAILED, vm.statusProperty().get());
        Throwable failure = vm.failureProperty().get();
        assertNotNull(failure, "the view shows a dialog for it");
        String message = TrainingViewModel.failureMessage(failure);
        assertTrue(message.contains("folder not found"), message);
        assertFalse(message.contains("\n"), "one line");
        assertTrue(vm.progressTextProperty().get().startsWith("Failed: "), vm.progressTextProperty().get());
        assertTrue(vm.canTrainProperty().get(), "usable again after a failure");
        assertEquals(0.0, vm.progressProperty().get(), "the progress bar stops its busy animation");
        assertNull(context.modelProperty().get());
    }

    @Test
    void an_invalid_training_config_disables_train_with_the_reason() {
        AppContext context = context();
        context.experimentConfigProperty().set(tiny(256, 0));
        TrainingViewModel vm = new TrainingViewModel(context);

        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.blockedReasonProperty().get().contains("training.epochs"), vm.blockedReasonProperty().get());
    }

    @Test
    void an_unlearning_problem_does_not_block_training() {
        AppContext context = context();
        context.experimentConfigProperty().set(tiny(256, 1).withAttack(
                new ExperimentConfig.Attack(1.5, ExperimentConfig.defaults().attack().fgsmVariant(), 10, 0.01, true)));
        assertTrue(new TrainingViewModel(context).canTrainProperty().get());
    }

    @Test
    void the_summary_names_the_test_images_actually_evaluated() {
        ExperimentConfig c = tiny(3000, 3).withData(new ExperimentConfig.Data(null, 3000, 500))
                .withEvaluation(new ExperimentConfig.Evaluation(1000, true));
        String summary = TrainingViewModel.summary(c);
        assertTrue(summary.contains("3,000 training images"), summary);
        assertTrue(summary.endsWith("accuracy on 500 test images"), summary);
        assertTrue(TrainingViewModel.summary(ExperimentConfig.defaults()).endsWith("accuracy on all test images"));
    }

    @Test
    void eta_reads_like_a_person_would_say_it() {
        assertEquals("about 12 s left", TrainingViewModel.eta(12_000));
        assertEquals("about 3 min 5 s left", TrainingViewModel.eta(185_000));
        assertEquals("almost done", TrainingViewModel.eta(200));
    }
}
