package org.unlearnlab.app.backdoor;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.app.services.ThrottledTask;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.config.ConfigProblem;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Backdoor page's state: which config runs (the Experiment page's, if it has a backdoor section, else a short
 * demo), the run's progress and log, ASR / clean / robust accuracy per step of SAU and of fine-tuning, the table of
 * methods, the trigger, the triggered digits before and after, and a few shared adversarial examples. The run goes
 * on the engine executor; everything here changes on the FX thread.
 */
public final class BackdoorViewModel {
    /** A point of a chart: x = optimiser steps, y = a share. */
    public record Point(double x, double y) {
    }

    /** A row of the methods table. */
    public record MethodRow(String method, String clean, String asr, String robust, String time, String note) {
    }

    private final TaskExecutor executor;
    private final BackdoorBackend backend;
    private final ObservableValue<ExperimentConfig> pageConfig;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper configSummary = new ReadOnlyStringWrapper(this, "configSummary", "");
    private final ReadOnlyObjectWrapper<float[]> trigger = new ReadOnlyObjectWrapper<>(this, "trigger");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<Point> asr = FXCollections.observableArrayList();
    private final ObservableList<Point> clean = FXCollections.observableArrayList();
    private final ObservableList<Point> robust = FXCollections.observableArrayList();
    private final ObservableList<Point> fineTuneAsr = FXCollections.observableArrayList();
    private final ObservableList<MethodRow> methods = FXCollections.observableArrayList();
    private final ObservableList<BackdoorBackend.TriggeredDigit> digits = FXCollections.observableArrayList();
    private final ObservableList<BackdoorBackend.SharedExample> shared = FXCollections.observableArrayList();
    private BackgroundTask<BackdoorBackend.Pictures> current;

    public BackdoorViewModel(TaskExecutor executor, BackdoorBackend backend,
                             ObservableValue<ExperimentConfig> pageConfig) {
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
        this.pageConfig = Objects.requireNonNull(pageConfig);
        configSummary.set(summary(chosenConfig()));
        pageConfig.addListener((obs, old, c) -> configSummary.set(summary(chosenConfig())));
    }

    /**
     * The demo the page runs when the Experiment page's config has no backdoor section: LeNet-5 on 5,000 images,
     * the public code's SAU settings but 6 passes, one iteration of loss-ranked removal; a few minutes.
     */
    public static ExperimentConfig demoConfig() {
        ExperimentConfig d = ExperimentConfig.defaults();
        return d.withName("backdoor-demo")
                .withData(new ExperimentConfig.Data(null, 5000, 1000))
                .withTraining(new ExperimentConfig.Training(2, 64, 1e-3, 42))
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 200, 1, 0.9,
                        Metric.CLEAN, RetrainMode.CONTINUE, 1, 0, d.unlearning().rankingSource(), false))
                .withEvaluation(new ExperimentConfig.Evaluation(500, true))
                .withBackdoor(BackdoorSettings.defaults().withSau(BackdoorSettings.defaults().sau().withEpochs(6)));
    }

    /** The config Run would start now. */
    public ExperimentConfig chosenConfig() {
        ExperimentConfig c = pageConfig.getValue();
        return c != null && c.backdoor() != null ? c : demoConfig();
    }

    static String summary(ExperimentConfig c) {
        BackdoorSettings b = c.backdoor();
        String train = c.data().trainLimit() > 0 ? String.format(Locale.ROOT, "%,d", c.data().trainLimit()) : "all";
        return String.format(Locale.ROOT, "%s: %s, %d epoch(s) on %s training images, %.0f%% poisoned to class %d "
                        + "(%dx%d square); SAU: %d passes over %d clean images, L-inf %.2f, %d PGD steps",
                c.name(), c.model().preset().displayName(), c.training().epochs(), train, b.rate() * 100, b.target(),
                b.trigger().size(), b.trigger().size(), b.sau().epochs(), b.sau().cleanSize(), b.sau().epsilon(),
                b.sau().pgdSteps());
    }

    /** Starts the run; does nothing while one runs. */
    public void run() {
        if (running.get()) {
            return;
        }
        ExperimentConfig c = chosenConfig();
        List<ConfigProblem> problems = ConfigValidator.problems(c);
        if (!problems.isEmpty()) {
            status.set("The config '" + c.name() + "' cannot run: " + problems.get(0));
            return;
        }
        for (ObservableList<?> l : List.of(log, asr, clean, robust, fineTuneAsr, methods, digits, shared)) {
            l.clear();
        }
        trigger.set(null);
        progress.set(-1);
        running.set(true);
        status.set("Running " + c.name() + "…");
        BackgroundTask<BackdoorBackend.Pictures> task = ThrottledTask.<BackdoorBackend.Event,
                BackdoorBackend.Pictures>of(executor, "Backdoor and SAU: " + c.name(), BackdoorBackend.Progress.class,
                this::apply, (events, token) -> backend.run(c, events, token));
        task.onSuccess(this::show)
                .onFailure(t -> status.set("Failed: " + (t.getMessage() == null ? t.getClass().getSimpleName()
                        : t.getMessage())))
                .onCancelled(() -> status.set("Cancelled"))
                .onFinished(() -> {
                    running.set(false);
                    progress.set(0);
                });
        current = task;
        executor.execute(task);
    }

    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    void apply(BackdoorBackend.Event e) {
        if (e instanceof BackdoorBackend.Log l) {
            log.add(l.line());
        } else if (e instanceof BackdoorBackend.Progress p) {
            progress.set(p.fraction());
            status.set("Training (" + p.phase() + ")");
        } else if (e instanceof BackdoorBackend.Step s) {
            if (s.method().equals("sau")) {
                asr.add(new Point(s.steps(), s.asr()));
                clean.add(new Point(s.steps(), s.clean()));
                robust.add(new Point(s.steps(), s.robust()));
            } else {
                fineTuneAsr.add(new Point(s.steps(), s.asr()));
            }
            status.set(String.format(Locale.ROOT, "%s, step %d: ASR %.3f, clean %.3f, robust %.3f", s.method(),
                    s.steps(), s.asr(), s.clean(), s.robust()));
        } else if (e instanceof BackdoorBackend.Method m) {
            if (m.method().equals("backdoored")) {
                asr.add(new Point(0, m.asr()));
                clean.add(new Point(0, m.clean()));
                robust.add(new Point(0, m.robust()));
                fineTuneAsr.add(new Point(0, m.asr()));
            }
            methods.add(new MethodRow(m.method(), fmt(m.clean()), fmt(m.asr()), fmt(m.robust()),
                    duration(m.millis()), m.note()));
        }
    }

    private void show(BackdoorBackend.Pictures p) {
        trigger.set(p.trigger());
        digits.setAll(p.digits());
        shared.setAll(p.shared());
        status.set((p.cancelled() ? "Cancelled; " : "Done; ") + "run folder " + p.folder());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String duration(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty configSummaryProperty() {
        return configSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<float[]> triggerProperty() {
        return trigger.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<Point> asrPoints() {
        return asr;
    }

    public ObservableList<Point> cleanPoints() {
        return clean;
    }

    public ObservableList<Point> robustPoints() {
        return robust;
    }

    public ObservableList<Point> fineTuneAsrPoints() {
        return fineTuneAsr;
    }

    public ObservableList<MethodRow> methods() {
        return methods;
    }

    public ObservableList<BackdoorBackend.TriggeredDigit> digits() {
        return digits;
    }

    public ObservableList<BackdoorBackend.SharedExample> shared() {
        return shared;
    }
}
