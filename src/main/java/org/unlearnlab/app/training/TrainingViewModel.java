package org.unlearnlab.app.training;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.experiment.ExperimentViewModel;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.RunMonitor;
import org.unlearnlab.engine.config.ConfigProblem;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Training page: train the current config's model alone (no unlearning), with live progress, a loss curve
 * per batch, an accuracy curve per epoch and a log. Reads the config the Experiment page edits.
 */
public final class TrainingViewModel {

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /** More points than this are thinned (every other one dropped): a chart cannot show more anyway. */
    static final int MAX_LOSS_POINTS = 800;

    private final AppContext context;
    private final TrainingService service;
    private final RunMonitor monitor;
    private final ObservableList<Point> lossPoints = FXCollections.observableArrayList();
    private final ObservableList<Point> accuracyPoints = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper lossText = new ReadOnlyStringWrapper(this, "lossText", "–");
    private final ReadOnlyStringWrapper accuracyText = new ReadOnlyStringWrapper(this, "accuracyText", "–");
    private final ReadOnlyObjectWrapper<Throwable> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final StringBinding configSummary;
    private final StringBinding blockedReason;
    private final BooleanBinding canTrain;
    private final IntegerBinding plannedEpochs;

    public TrainingViewModel(AppContext context) {
        this(context, new TrainingService(context));
    }

    TrainingViewModel(AppContext context, TrainingService service) {
        this.context = context;
        this.service = service;
        this.monitor = service.monitor();

        configSummary = Bindings.createStringBinding(() -> summary(context.experimentConfigProperty().get()),
                context.experimentConfigProperty());
        blockedReason = Bindings.createStringBinding(() -> {
            if (monitor.isRunning()) {
                return "";
            }
            List<ConfigProblem> problems = trainingProblems(context.experimentConfigProperty().get());
            return problems.isEmpty() ? ""
                    : "Fix on the Experiment page: " + ExperimentViewModel.describe(problems.get(0));
        }, context.experimentConfigProperty(), monitor.runningProperty());
        canTrain = Bindings.createBooleanBinding(() -> !monitor.isRunning()
                        && trainingProblems(context.experimentConfigProperty().get()).isEmpty(),
                context.experimentConfigProperty(), monitor.runningProperty());

        plannedEpochs = Bindings.createIntegerBinding(() -> {
            ExperimentConfig c = context.experimentConfigProperty().get();
            return c == null || c.training() == null ? 1 : Math.max(1, c.training().epochs());
        }, context.experimentConfigProperty());

        monitor.lastProgressProperty().addListener((obs, old, p) -> {
            if (p != null) {
                onProgress(p);
            }
        });
        monitor.epochs().addListener((ListChangeListener<EpochMetrics>) change -> {
            while (change.next()) {
                for (EpochMetrics m : change.getAddedSubList()) {
                    accuracyPoints.add(new Point(m.epoch(), m.testAccuracy()));
                    accuracyText.set(String.format(Locale.US, "%.1f%% after epoch %d", 100 * m.testAccuracy(),
                            m.epoch()));
                }
            }
        });
        monitor.statusProperty().addListener((obs, old, status) -> {
            switch (status) {
                case SUCCEEDED -> progressText.set("Finished: the new model is now the current model");
                case CANCELLED -> progressText.set("Cancelled: the partly trained model was discarded");
                case FAILED -> progressText.set("Failed: " + monitor.errorProperty().get());
                default -> {
                }
            }
        });
    }

    /** Starts training; does nothing unless {@link #canTrainProperty()}. */
    public void train() {
        if (!canTrain.get()) {
            return;
        }
        lossPoints.clear();
        accuracyPoints.clear();
        lossText.set("–");
        accuracyText.set("–");
        failure.set(null);
        progressText.set("Waiting for the engine (it finishes what it is doing first)…");
        service.start(context.experimentConfigProperty().get()).onFailure(failure::set);
    }

    public void cancel() {
        if (monitor.isRunning()) {
            progressText.set("Cancelling: stops after the current batch…");
        }
        service.cancel();
    }

    private void onProgress(TrainingProgress p) {
        double x = (p.epoch() - 1) + p.batch() / (double) p.batchesPerEpoch();
        lossPoints.add(new Point(x, p.batchLoss()));
        if (lossPoints.size() > MAX_LOSS_POINTS) {
            List<Point> thinned = new ArrayList<>(lossPoints.size() / 2 + 1);
            for (int i = 0; i < lossPoints.size(); i += 2) {
                thinned.add(lossPoints.get(i));
            }
            lossPoints.setAll(thinned);
        }
        lossText.set(String.format(Locale.US, "%.3f", p.batchLoss()));
        progressText.set("Epoch " + p.epoch() + "/" + p.epochs() + " · batch " + p.batch() + "/" + p.batchesPerEpoch()
                + " · " + NumberFormat.getIntegerInstance(Locale.US).format(Math.round(p.samplesPerSecond()))
                + " images/s · " + eta(p.etaMillis()));
    }

    /** "about 12 s left", "about 3 min 5 s left". */
    static String eta(long millis) {
        long s = Math.max(0, Math.round(millis / 1000.0));
        if (s < 1) {
            return "almost done";
        }
        return "about " + (s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s") + " left";
    }

    static List<ConfigProblem> trainingProblems(ExperimentConfig config) {
        if (config == null) {
            return List.of(new ConfigProblem("config", "is missing"));
        }
        return ConfigValidator.problems(config).stream()
                .filter(p -> p.field().startsWith("data") || p.field().startsWith("model")
                        || p.field().startsWith("training") || p.field().equals("evaluation.iterationSubset"))
                .toList();
    }

    static String summary(ExperimentConfig c) {
        if (c == null || c.model() == null || c.training() == null || c.data() == null) {
            return "";
        }
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        String train = c.data().trainLimit() == 0 ? "all training images" : n.format(c.data().trainLimit())
                + " training images";
        int testLimit = c.data().testLimit();
        int subset = c.evaluation() == null ? 0 : c.evaluation().iterationSubset();
        // The trainer evaluates on the first `subset` of the (limited) test images, so the smaller one counts.
        int evaluated = subset > 0 && testLimit > 0 ? Math.min(subset, testLimit) : Math.max(subset, testLimit);
        String test = evaluated == 0 ? "accuracy on all test images"
                : "accuracy on " + n.format(evaluated) + " test images";
        return (c.model().preset() == null ? "?" : c.model().preset().displayName()) + " · " + c.training().epochs()
                + " epoch(s) · batch " + c.training().batchSize() + " · learning rate " + c.training().learningRate()
                + " · seed " + c.training().seed() + " · " + train + " · " + test;
    }

    public ObservableList<Point> lossPoints() {
        return lossPoints;
    }

    public ObservableList<Point> accuracyPoints() {
        return accuracyPoints;
    }

    public ObservableList<String> log() {
        return monitor.log();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return monitor.progressProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossTextProperty() {
        return lossText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty accuracyTextProperty() {
        return accuracyText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunMonitor.Status> statusProperty() {
        return monitor.statusProperty();
    }

    public BooleanBinding runningProperty() {
        return monitor.runningProperty();
    }

    /** Epochs of the configured training: the charts' x range, so the whole run's horizon shows from the start. */
    public IntegerBinding plannedEpochsProperty() {
        return plannedEpochs;
    }

    public BooleanBinding canTrainProperty() {
        return canTrain;
    }

    /** Why Train is disabled, or empty. */
    public StringBinding blockedReasonProperty() {
        return blockedReason;
    }

    public StringBinding configSummaryProperty() {
        return configSummary;
    }

    /** The error of the last failed training, for a dialog; null otherwise. */
    public ReadOnlyObjectProperty<Throwable> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** One line for a failure dialog's header. */
    public static String failureMessage(Throwable e) {
        return Errors.message(e);
    }
}
