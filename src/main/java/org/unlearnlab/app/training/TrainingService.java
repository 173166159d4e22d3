package org.unlearnlab.app.training;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.RunMonitor;
import org.unlearnlab.app.services.TaskContext;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runtime.NativeBackend;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.TrainingData;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains a fresh model of a config (its data limits, preset and training values; no unlearning) on the engine
 * thread, reporting through a {@link RunMonitor}. A finished training becomes the app's current model; a
 * cancelled one is discarded.
 */
public final class TrainingService {

    /** What a finished training produced, as the UI may see it. */
    public record Result(ModelInfo model, double lastTestAccuracy, int trainImages) {
    }

    private final AppContext context;
    private final RunMonitor monitor;
    private BackgroundTask<Result> task;

    public TrainingService(AppContext context) {
        this.context = Objects.requireNonNull(context);
        this.monitor = new RunMonitor(context.taskExecutor());
    }

    public RunMonitor monitor() {
        return monitor;
    }

    /**
     * Starts training {@code config}'s model (FX thread); the returned task's callbacks are free for the caller.
     *
     * @throws IllegalStateException if a training runs
     */
    public BackgroundTask<Result> start(ExperimentConfig config) {
        if (monitor.isRunning()) {
            throw new IllegalStateException("a training is already running");
        }
        monitor.begin("Waiting for the engine");
        ModelInfo before = context.modelProperty().get();
        task = BackgroundTask.of("Training " + config.model().preset().displayName(), ctx -> train(config, ctx));
        task.onSuccess(result -> {
            monitor.appendLog("Done: this model is now the current model; the attack lab uses it.");
            context.statusMessageProperty().set("Training finished: the attack lab now uses the new model");
            monitor.end(RunMonitor.Status.SUCCEEDED, null);
        }).onCancelled(() -> {
            monitor.appendLog("Cancelled: the partly trained model was discarded; "
                    + (before == null ? "the app still has no model." : "the current model (" + before.summary()
                    + ") is unchanged."));
            monitor.end(RunMonitor.Status.CANCELLED, null);
            context.statusMessageProperty().set("Training cancelled; the current model is unchanged");
        }).onFailure(e -> {
            monitor.appendLog("Failed: " + Errors.message(e));
            monitor.end(RunMonitor.Status.FAILED, Errors.message(e));
            context.statusMessageProperty().set("Training failed: " + Errors.message(e));
        });
        return context.taskExecutor().execute(task);
    }

    /** Stops the running training within one batch; harmless when none runs. */
    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    private Result train(ExperimentConfig config, TaskContext ctx) throws Exception {
        ExperimentListener events = monitor.listener();
        double[] lastAccuracy = {Double.NaN};
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                events.trainingProgress(p);
                ctx.updateProgress(p.fraction());
                ctx.updateMessage(RunMonitor.describe(p));
                ctx.runQuickTasks();
            }

            @Override
            public void log(String line) {
                events.log(line);
            }

            @Override
            public void epochFinished(EpochMetrics m) {
                lastAccuracy[0] = m.testAccuracy();
                events.epochFinished(m);
                events.log(String.format(Locale.US, "epoch %d: mean loss %.4f, test accuracy %.2f%% (%.1f s)",
                        m.epoch(), m.trainLoss(), 100 * m.testAccuracy(), m.millis() / 1000.0));
            }
        };
        try {
            ctx.updateMessage("loading data");
            ExperimentConfig.Data data = config.data();
            DatasetSplit split = TrainingData.split(data, data.folder() == null ? context.dataset() : null);
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
            events.log("Data: " + split.source() + ", " + n.format(split.train().size()) + " training and "
                    + n.format(split.test().size()) + " test images");
            ctx.cancellationToken().throwIfCancelled();
            NativeBackend.initialise();
            Classifier model = ModelTraining.trainFresh(config, TrainingData.of(split), ModelTraining.INITIAL, listener,
                    ctx.cancellationToken());
            ctx.cancellationToken().throwIfCancelled();
            ModelInfo info = context.setModel(model, "trained here, " + config.training().epochs() + " epoch(s) on "
                    + n.format(split.train().size()) + " images");
            return new Result(info, lastAccuracy[0], split.train().size());
        } finally {
            monitor.flush();
        }
    }
}
