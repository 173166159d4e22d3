package org.unlearnlab.app.requests;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.app.services.ThrottledTask;
import org.unlearnlab.engine.config.ConfigProblem;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.config.TwinMetric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Requests page's state: who asks to forget (the adversary's knowledge and budget) and what (random samples,
 * k of one class, the worst case as the adversary can judge it), which method answers and how the answer is
 * healed; then the run's progress, the requested digits with the guard's verdicts, the gallery of forgotten digits
 * next to their twins, and the accuracy before / unlearned / healed / gold. The choices start from the Experiment
 * page's config when it has forget and healing sections, else from a demo on 5,000 MNIST images. The run goes on
 * the engine executor; everything here changes on the FX thread.
 */
public final class RequestsViewModel {
    /** The methods offered: retraining is the line the approximate ones are judged against. */
    public static final List<ForgetMethod> METHODS = List.of(ForgetMethod.RETRAIN, ForgetMethod.FISHER,
            ForgetMethod.INFLUENCE);
    public static final List<ForgetRequestKind> KINDS = List.of(ForgetRequestKind.RANDOM_FRACTION,
            ForgetRequestKind.CLASS, ForgetRequestKind.WORST_CASE);
    /** The gallery's choice that shows the random spares. */
    public static final String RANDOM_SPARES = "random spares";
    /** MNIST's training-set size, for a random request's share when the config does not limit the data. */
    private static final int FULL_TRAINING_SET = 60_000;

    private final TaskExecutor executor;
    private final RequestsBackend backend;
    private final ObservableValue<ExperimentConfig> pageConfig;

    private final ObjectProperty<SystemKnowledge> system = new SimpleObjectProperty<>(this, "system");
    private final ObjectProperty<TrainingSetKnowledge> trainingSet = new SimpleObjectProperty<>(this, "trainingSet");
    private final ObjectProperty<ForgetRequestKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count");
    private final IntegerProperty classLabel = new SimpleIntegerProperty(this, "classLabel");
    private final ObjectProperty<ForgetMethod> method = new SimpleObjectProperty<>(this, "method");
    private final IntegerProperty repeats = new SimpleIntegerProperty(this, "repeats");
    private final BooleanProperty randomSpares = new SimpleBooleanProperty(this, "randomSpares");
    private final BooleanProperty twins = new SimpleBooleanProperty(this, "twins");
    private final ObjectProperty<TwinMetric> metric = new SimpleObjectProperty<>(this, "metric");
    private final IntegerProperty healEpochs = new SimpleIntegerProperty(this, "healEpochs");

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper configSummary = new ReadOnlyStringWrapper(this, "configSummary", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper requestSummary = new ReadOnlyStringWrapper(this, "requestSummary", "");
    private final ReadOnlyStringWrapper resultSummary = new ReadOnlyStringWrapper(this, "resultSummary", "");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<RequestsBackend.RequestedDigit> requested = FXCollections.observableArrayList();
    private final ObservableList<RequestsBackend.TwinDigit> allTwins = FXCollections.observableArrayList();
    private final ObservableList<RequestsBackend.TwinDigit> gallery = FXCollections.observableArrayList();
    private final ObservableList<String> galleryChoices = FXCollections.observableArrayList();
    private final StringProperty galleryChoice = new SimpleStringProperty(this, "galleryChoice");
    private final ObservableList<RequestsBackend.Bar> bars = FXCollections.observableArrayList();
    private final BooleanBinding canRun = running.not().and(problem.isEmpty());
    private BackgroundTask<RequestsBackend.Outcome> current;
    private ExperimentConfig base;

    public RequestsViewModel(TaskExecutor executor, RequestsBackend backend,
                             ObservableValue<ExperimentConfig> pageConfig) {
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
        this.pageConfig = Objects.requireNonNull(pageConfig);
        startFrom(baseConfig());
        pageConfig.addListener((obs, old, c) -> {
            if (!running.get()) {
                startFrom(baseConfig());
            }
        });
        for (ObservableValue<?> v : List.of(system, trainingSet, kind, count, classLabel, method, repeats,
                randomSpares, twins, metric, healEpochs)) {
            v.addListener((obs, old, now) -> describeChoice());
        }
        galleryChoice.addListener((obs, old, now) -> gallery.setAll(pairsFor(now)));
    }

    /**
     * The demo the page runs when the Experiment page's config has no forget and healing sections: LeNet-5 on the
     * first 5,000 MNIST training images (the last 500 are spares), 2 epochs; Fisher forgetting of 25 images of
     * class 7; healing for 1 epoch on the remaining rows alone, with 25 random spares and with the raw-pixel L2
     * twins. A few minutes on one thread.
     */
    public static ExperimentConfig demoConfig() {
        ForgetSettings d = ForgetSettings.defaults();
        ForgetSettings.Fisher fisher = new ForgetSettings.Fisher(d.fisher().alpha(), d.fisher().damping(), 500, 1,
                d.fisher().clip(), 0, false);
        ForgetSettings.Request request = new ForgetSettings.Request(ForgetRequestKind.CLASS, 0.05, 7, 25, null, null,
                new ForgetSettings.Adversary(25, 0, SystemKnowledge.BLIND, TrainingSetKnowledge.KNOWN, 1000, 500));
        return ExperimentConfig.defaults().withName("requests-demo")
                .withData(new ExperimentConfig.Data(null, 5000, 0))
                .withTraining(new ExperimentConfig.Training(2, 128, 1e-3, 42))
                .withForget(new ForgetSettings(ForgetMethod.FISHER, request, 1, d.sisa(), fisher, d.influence(),
                        d.amun()))
                .withHealing(new HealingSettings(500, List.of(HealingStrategy.RANDOM_SPARES, HealingStrategy.TWINS),
                        List.of(TwinMetric.L2), HealingSettings.LAST_HIDDEN,
                        List.of(HealingData.REMAINING, HealingData.REMAINING_PLUS_HEALING), List.of(1)));
    }

    private ExperimentConfig baseConfig() {
        ExperimentConfig c = pageConfig.getValue();
        return c != null && c.forget() != null && c.healing() != null ? c : demoConfig();
    }

    /** Sets every choice from {@code c}'s forget and healing sections. */
    private void startFrom(ExperimentConfig c) {
        base = c;
        ForgetSettings.Request q = c.forget().request();
        ForgetSettings.Adversary a = q.adversary() == null ? ForgetSettings.Adversary.defaults() : q.adversary();
        HealingSettings h = c.healing();
        system.set(a.system());
        trainingSet.set(a.trainingSet());
        kind.set(KINDS.contains(q.kind()) ? q.kind() : ForgetRequestKind.CLASS);
        count.set(a.budget() > 0 ? a.budget() : q.count() > 0 ? q.count() : 25);
        classLabel.set(q.classLabel());
        method.set(METHODS.contains(c.forget().method()) ? c.forget().method() : ForgetMethod.FISHER);
        repeats.set(c.forget().repeats());
        randomSpares.set(h.strategies().contains(HealingStrategy.RANDOM_SPARES));
        twins.set(h.strategies().contains(HealingStrategy.TWINS));
        metric.set(h.metrics().isEmpty() ? TwinMetric.L2 : h.metrics().get(0));
        healEpochs.set(h.epochs().isEmpty() ? 1 : h.epochs().get(0));
        describeChoice();
    }

    /** The summary of what Run would start, and the first reason it cannot (one line, the field named). */
    private void describeChoice() {
        ExperimentConfig c = chosenConfig();
        List<ConfigProblem> problems = ConfigValidator.problems(c);
        problem.set(problems.isEmpty() ? "" : "Cannot run: " + problems.get(0));
        configSummary.set(summary(c));
    }

    /** The config Run would start now: the base config with the page's choices. */
    public ExperimentConfig chosenConfig() {
        ForgetSettings f = base.forget();
        ForgetSettings.Request q = f.request();
        ForgetSettings.Adversary was = q.adversary() == null ? ForgetSettings.Adversary.defaults() : q.adversary();
        ForgetRequestKind k = kind.get();
        int n = count.get();
        // A random request is a share of the training set; its budget is that share, so the count is not repeated.
        int trainRows = (base.data().trainLimit() > 0 ? base.data().trainLimit() : FULL_TRAINING_SET)
                - base.healing().spareSize();
        double fraction = k == ForgetRequestKind.RANDOM_FRACTION ? n / (double) Math.max(1, trainRows) : q.fraction();
        ForgetSettings.Adversary a = new ForgetSettings.Adversary(k == ForgetRequestKind.RANDOM_FRACTION ? 0 : n, 0,
                system.get(), trainingSet.get(), was.pool(), was.probe());
        ForgetSettings.Request request = new ForgetSettings.Request(k, fraction, classLabel.get(), n, q.indicesFile(),
                q.runFolder(), a);
        List<HealingStrategy> strategies = new ArrayList<>();
        if (randomSpares.get()) {
            strategies.add(HealingStrategy.RANDOM_SPARES);
        }
        if (twins.get()) {
            strategies.add(HealingStrategy.TWINS);
        }
        HealingSettings h = base.healing();
        List<HealingData> data = strategies.isEmpty() ? List.of(HealingData.REMAINING)
                : List.of(HealingData.REMAINING, HealingData.REMAINING_PLUS_HEALING);
        return base.withForget(new ForgetSettings(method.get(), request, repeats.get(), f.sisa(), f.fisher(),
                        f.influence(), f.amun()))
                .withHealing(new HealingSettings(h.spareSize(), strategies, List.of(metric.get()), h.featureLayer(),
                        data, List.of(healEpochs.get())));
    }

    static String summary(ExperimentConfig c) {
        ForgetSettings.Request q = c.forget().request();
        String train = c.data().trainLimit() > 0 ? String.format(Locale.ROOT, "%,d", c.data().trainLimit()) : "all";
        String asked = switch (q.kind()) {
            case CLASS -> q.count() + " images of class " + q.classLabel();
            case WORST_CASE -> "the worst " + q.adversary().budget() + " as a " + q.adversary().system().id()
                    + " adversary judges them";
            case RANDOM_FRACTION -> String.format(Locale.ROOT, "a random %.2f%% of the training set",
                    q.fraction() * 100);
            default -> q.kind().label();
        };
        HealingSettings h = c.healing();
        int epochs = HealingSettings.epochsFor(h.epochs().get(0), c.training().epochs());
        return String.format(Locale.ROOT, "%s: %s, %d epoch(s) on %s training images (the last %,d are spares); "
                        + "asks to forget %s (training set %s); %s answers, %d repeat(s); healing %d epoch(s) with %s",
                c.name(), c.model().preset().displayName(), c.training().epochs(), train, h.spareSize(), asked,
                q.adversary().trainingSet().id(), c.forget().method().id(), c.forget().repeats(), epochs,
                h.strategies().isEmpty() ? "the remaining rows alone" : "R, " + String.join(", ",
                        h.strategies().stream().map(s -> s == HealingStrategy.TWINS ? "twins by " + h.metrics().get(0)
                                : s.id()).toList()));
    }

    /** Starts the run; does nothing while one runs. */
    public void run() {
        if (running.get()) {
            return;
        }
        ExperimentConfig c = chosenConfig();
        List<ConfigProblem> problems = ConfigValidator.problems(c);
        if (!problems.isEmpty()) {
            status.set("Cannot run: " + problems.get(0));
            return;
        }
        for (ObservableList<?> l : List.of(log, requested, allTwins, gallery, galleryChoices, bars)) {
            l.clear();
        }
        requestSummary.set("");
        resultSummary.set("");
        progress.set(-1);
        running.set(true);
        status.set("Running " + c.name() + "…");
        BackgroundTask<RequestsBackend.Outcome> task = ThrottledTask.<RequestsBackend.Event, RequestsBackend.Outcome>of(
                executor, "Forget request and healing: " + c.name(), RequestsBackend.Progress.class, this::apply,
                (events, token) -> backend.run(c, events, token));
        task.onSuccess(this::show)
                .onFailure(t -> status.set("Failed: " + firstLine(Errors.message(t))))
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

    void apply(RequestsBackend.Event e) {
        if (e instanceof RequestsBackend.Log l) {
            log.add(l.line());
        } else if (e instanceof RequestsBackend.Progress p) {
            progress.set(p.fraction());
            status.set(String.format(Locale.ROOT, "Training (%s), %.0f%% of the run%s", p.phase(), p.fraction() * 100,
                    p.etaMillis() < 0 ? "" : ", " + eta(p.etaMillis())));
        } else if (e instanceof RequestsBackend.Requested r) {
            showRequest(r.request());
        }
    }

    private void showRequest(RequestsBackend.Request r) {
        if (r == null) {
            return;
        }
        requested.setAll(r.digits());
        long unseen = r.count("refused-unseen");
        long duplicate = r.count("refused-duplicate");
        String refused = unseen + duplicate == 0 ? "none refused"
                : "refused " + (unseen + duplicate) + ": " + unseen + " the model never saw (not in the training set"
                + " by content hash), " + duplicate + " duplicates of an earlier entry";
        requestSummary.set(r.digits().size() + " asked, " + r.count("accepted") + " accepted, " + refused
                + (r.scoreName() == null ? "" : "; score: " + r.scoreName()));
    }

    private void show(RequestsBackend.Outcome o) {
        if (o.cancelled()) {
            status.set("Cancelled; run folder " + o.folder());
            return;
        }
        showRequest(o.request());
        allTwins.setAll(o.twins());
        bars.setAll(o.bars());
        List<String> choices = new ArrayList<>();
        for (RequestsBackend.TwinDigit t : o.twins()) {
            String name = t.metric() == null ? RANDOM_SPARES : "twins by " + t.metric();
            if (!choices.contains(name)) {
                choices.add(name);
            }
        }
        galleryChoices.setAll(choices);
        // The twins say more than the random spares: show the first metric's.
        String first = choices.stream().filter(s -> !s.equals(RANDOM_SPARES)).findFirst()
                .orElse(choices.isEmpty() ? null : choices.get(0));
        galleryChoice.set(first);
        gallery.setAll(pairsFor(first));
        resultSummary.set(o.summary());
        status.set("Done; run folder " + o.folder());
    }

    private List<RequestsBackend.TwinDigit> pairsFor(String choice) {
        if (choice == null) {
            return List.of();
        }
        return allTwins.stream().filter(t -> choice.equals(t.metric() == null ? RANDOM_SPARES
                : "twins by " + t.metric())).toList();
    }

    /** "about 12 s left", "about 3 min 5 s left". */
    static String eta(long millis) {
        long s = Math.max(0, Math.round(millis / 1000.0));
        return s < 1 ? "almost done" : "about " + (s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s") + " left";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public ObjectProperty<SystemKnowledge> systemProperty() {
        return system;
    }

    public ObjectProperty<TrainingSetKnowledge> trainingSetProperty() {
        return trainingSet;
    }

    public ObjectProperty<ForgetRequestKind> kindProperty() {
        return kind;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public IntegerProperty classLabelProperty() {
        return classLabel;
    }

    public ObjectProperty<ForgetMethod> methodProperty() {
        return method;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    public BooleanProperty randomSparesProperty() {
        return randomSpares;
    }

    public BooleanProperty twinsProperty() {
        return twins;
    }

    public ObjectProperty<TwinMetric> metricProperty() {
        return metric;
    }

    public IntegerProperty healEpochsProperty() {
        return healEpochs;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Empty when the choices make a config that can run; else its first problem. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Run is offered when nothing runs and the choices make a valid config. */
    public BooleanBinding canRunProperty() {
        return canRun;
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

    public ReadOnlyStringProperty requestSummaryProperty() {
        return requestSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultSummaryProperty() {
        return resultSummary.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<RequestsBackend.RequestedDigit> requested() {
        return requested;
    }

    /** The pairs of the gallery's current choice. */
    public ObservableList<RequestsBackend.TwinDigit> gallery() {
        return gallery;
    }

    public ObservableList<String> galleryChoices() {
        return galleryChoices;
    }

    public StringProperty galleryChoiceProperty() {
        return galleryChoice;
    }

    public ObservableList<RequestsBackend.Bar> bars() {
        return bars;
    }
}
