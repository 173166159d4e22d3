package org.unlearnlab.app.experiment;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.ExperimentSession;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ConfigProblem;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RankingSource;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every field of an {@link ExperimentConfig} as editable text or choice, the problems of the current values
 * (parse errors and {@link ConfigValidator} rules, by dotted field name), and the actions load, save, preset
 * and run. Text fields keep what the user typed, even when it is not a number, so that the problem can be
 * shown at the field instead of the input being silently reverted.
 */
public final class ExperimentViewModel {

    /** The slider's range; the text field accepts the validator's full range (0..1). */
    public static final double EPSILON_SLIDER_MAX = 0.5;
    /** Name of the preset a new user starts from. */
    static final String CLASSROOM = "classroom";

    /** Field labels as shown in the form, by dotted config name; also the order of the problem list. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("name", "Name");
        LABELS.put("description", "Description");
        LABELS.put("data.folder", "Data folder");
        LABELS.put("data.trainLimit", "Training images");
        LABELS.put("data.testLimit", "Test images");
        LABELS.put("model.preset", "Model");
        LABELS.put("training.epochs", "Epochs");
        LABELS.put("training.batchSize", "Batch size");
        LABELS.put("training.learningRate", "Learning rate");
        LABELS.put("training.seed", "Seed");
        LABELS.put("attack.epsilon", "Epsilon");
        LABELS.put("attack.fgsmVariant", "FGSM loss");
        LABELS.put("attack.pgdSteps", "PGD steps");
        LABELS.put("attack.pgdStepSize", "PGD step size");
        LABELS.put("attack.pgdRandomStart", "PGD random start");
        LABELS.put("unlearning.strategy", "Strategy");
        LABELS.put("unlearning.samplesPerIteration", "Samples removed per iteration");
        LABELS.put("unlearning.maxIterations", "Max iterations");
        LABELS.put("unlearning.threshold", "Stop at accuracy");
        LABELS.put("unlearning.thresholdMetric", "Threshold metric");
        LABELS.put("unlearning.retrain", "Retrain");
        LABELS.put("unlearning.retrainEpochs", "Retrain epochs");
        LABELS.put("unlearning.poolSize", "Attack pool size");
        LABELS.put("unlearning.rankingSource", "Rank");
        LABELS.put("unlearning.stopAtThreshold", "Stop at threshold");
        LABELS.put("evaluation.iterationSubset", "Test images per iteration");
        LABELS.put("evaluation.finalFullTest", "Final full test");
    }

    private final AppContext context;
    private final ExperimentSession session;
    private final PresetLibrary presetLibrary;

    private final StringProperty name = text("name");
    private final StringProperty description = text("description");
    private final StringProperty dataFolder = text("data.folder");
    private final StringProperty trainLimit = text("data.trainLimit");
    private final StringProperty testLimit = text("data.testLimit");
    private final ObjectProperty<ModelPreset> preset = new SimpleObjectProperty<>(this, "model.preset");
    private final StringProperty epochs = text("training.epochs");
    private final StringProperty batchSize = text("training.batchSize");
    private final StringProperty learningRate = text("training.learningRate");
    private final StringProperty seed = text("training.seed");
    private final StringProperty epsilon = text("attack.epsilon");
    private final DoubleProperty epsilonSlider = new SimpleDoubleProperty(this, "epsilonSlider");
    private final ObjectProperty<FgsmVariant> fgsmVariant = new SimpleObjectProperty<>(this, "attack.fgsmVariant");
    private final StringProperty pgdSteps = text("attack.pgdSteps");
    private final StringProperty pgdStepSize = text("attack.pgdStepSize");
    private final BooleanProperty pgdRandomStart = new SimpleBooleanProperty(this, "attack.pgdRandomStart");
    private final ObjectProperty<UnlearningStrategy> strategy = new SimpleObjectProperty<>(this, "unlearning.strategy");
    private final StringProperty samplesPerIteration = text("unlearning.samplesPerIteration");
    private final StringProperty maxIterations = text("unlearning.maxIterations");
    private final StringProperty threshold = text("unlearning.threshold");
    private final ObjectProperty<Metric> thresholdMetric = new SimpleObjectProperty<>(this, "unlearning.thresholdMetric");
    private final ObjectProperty<RetrainMode> retrain = new SimpleObjectProperty<>(this, "unlearning.retrain");
    private final StringProperty retrainEpochs = text("unlearning.retrainEpochs");
    private final StringProperty poolSize = text("unlearning.poolSize");
    private final ObjectProperty<RankingSource> rankingSource =
            new SimpleObjectProperty<>(this, "unlearning.rankingSource");
    private final BooleanProperty stopAtThreshold = new SimpleBooleanProperty(this, "unlearning.stopAtThreshold");
    private final StringProperty iterationSubset = text("evaluation.iterationSubset");
    private final BooleanProperty finalFullTest = new SimpleBooleanProperty(this, "evaluation.finalFullTest");

    private final ObservableList<ConfigProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<ConfigPreset> presets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runBlockedReason = new ReadOnlyStringWrapper(this, "runBlockedReason", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding runnable;

    private final ReadOnlyStringWrapper runKind = new ReadOnlyStringWrapper(this, "runKind", "");
    private boolean loading;
    private boolean syncingEpsilon;
    private ExperimentConfig parsed;
    /** The loaded config's forget and backdoor sections: the form does not edit them, Run and Save keep them. */
    private ForgetSettings forgetSection;
    private BackdoorSettings backdoorSection;

    public ExperimentViewModel(AppContext context, PresetLibrary presetLibrary) {
        this.context = context;
        this.session = context.experimentSession();
        this.presetLibrary = presetLibrary;

        epsilon.addListener((obs, old, now) -> {
            if (syncingEpsilon) {
                return;
            }
            Double value = parseDouble(now);
            if (value != null && Double.isFinite(value)) {
                syncingEpsilon = true;
                epsilonSlider.set(Math.max(0, Math.min(EPSILON_SLIDER_MAX, value)));
                syncingEpsilon = false;
            }
        });
        epsilonSlider.addListener((obs, old, now) -> {
            if (syncingEpsilon) {
                return;
            }
            syncingEpsilon = true;
            // Two decimals is what a slider can be placed at; the text field takes any precision.
            epsilon.set(format(Math.round(now.doubleValue() * 100) / 100.0));
            syncingEpsilon = false;
        });

        Observable[] inputs = {name, description, dataFolder, trainLimit, testLimit, preset, epochs, batchSize,
                learningRate, seed, epsilon, fgsmVariant, pgdSteps, pgdStepSize, pgdRandomStart, strategy,
                samplesPerIteration, maxIterations, threshold, thresholdMetric, retrain, retrainEpochs, poolSize,
                rankingSource, stopAtThreshold, iterationSubset, finalFullTest};
        for (Observable input : inputs) {
            input.addListener(o -> {
                if (!loading) {
                    revalidate();
                }
            });
        }
        runnable = Bindings.createBooleanBinding(() -> problems.isEmpty() && !session.runningProperty().get(),
                problems, session.runningProperty());
        session.runningProperty().addListener(o -> updateReason());

        load(context.experimentConfigProperty().get());
        reloadPresets();
        // "Run again" on the Runs page; a page built after the request already loaded the shared config above.
        context.configToRerunProperty().addListener((obs, old, request) -> {
            if (request != null) {
                load(request.subject());
            }
        });
    }

    /**
     * A new user's first Run should be the two-minute classroom demo, not the built-in defaults' long run on all
     * of MNIST; a config someone already set up (or asked to run again) is kept.
     */
    public void preferClassroomDemoToDefaults() {
        if (ExperimentConfig.defaults().equals(context.experimentConfigProperty().get())) {
            presets.stream().filter(p -> CLASSROOM.equals(p.config().name())).findFirst().ifPresent(this::applyPreset);
        }
    }

    private StringProperty text(String field) {
        return new SimpleStringProperty(this, field, "");
    }

    // ---------------------------------------------------------------- actions

    /** Fills every field from {@code config}. */
    public void load(ExperimentConfig config) {
        loading = true;
        try {
            ExperimentConfig d = ExperimentConfig.defaults();
            forgetSection = config.forget();
            backdoorSection = config.backdoor();
            name.set(nullToEmpty(config.name()));
            description.set(nullToEmpty(config.description()));
            ExperimentConfig.Data data = config.data() != null ? config.data() : d.data();
            dataFolder.set(nullToEmpty(data.folder()));
            trainLimit.set(Integer.toString(data.trainLimit()));
            testLimit.set(Integer.toString(data.testLimit()));
            preset.set(config.model() != null ? config.model().preset() : d.model().preset());
            ExperimentConfig.Training t = config.training() != null ? config.training() : d.training();
            epochs.set(Integer.toString(t.epochs()));
            batchSize.set(Integer.toString(t.batchSize()));
            learningRate.set(format(t.learningRate()));
            seed.set(Long.toString(t.seed()));
            ExperimentConfig.Attack a = config.attack() != null ? config.attack() : d.attack();
            epsilon.set(format(a.epsilon()));
            fgsmVariant.set(a.fgsmVariant());
            pgdSteps.set(Integer.toString(a.pgdSteps()));
            pgdStepSize.set(format(a.pgdStepSize()));
            pgdRandomStart.set(a.pgdRandomStart());
            ExperimentConfig.Unlearning u = config.unlearning() != null ? config.unlearning() : d.unlearning();
            strategy.set(u.strategy());
            samplesPerIteration.set(Integer.toString(u.samplesPerIteration()));
            maxIterations.set(Integer.toString(u.maxIterations()));
            threshold.set(format(u.threshold()));
            thresholdMetric.set(u.thresholdMetric());
            retrain.set(u.retrain());
            retrainEpochs.set(Integer.toString(u.retrainEpochs()));
            poolSize.set(Integer.toString(u.poolSize()));
            rankingSource.set(u.rankingSource());
            stopAtThreshold.set(u.stopAtThreshold());
            ExperimentConfig.Evaluation e = config.evaluation() != null ? config.evaluation() : d.evaluation();
            iterationSubset.set(Integer.toString(e.iterationSubset()));
            finalFullTest.set(e.finalFullTest());
        } finally {
            loading = false;
        }
        revalidate();
    }

    public void applyPreset(ConfigPreset p) {
        load(p.config());
        message.set("Loaded preset " + p.title() + (problems.isEmpty() ? "" : " (it has problems, see the marked fields)"));
    }

    /**
     * Reads a JSON config into the form; values that break the rules are loaded and marked.
     *
     * @return false when the file could not be read at all (see {@link #messageProperty()})
     */
    public boolean loadFile(Path file) {
        try {
            load(ConfigFiles.read(file));
            message.set("Loaded " + file.getFileName());
            return true;
        } catch (ConfigException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /** @return false when the form does not parse or the file cannot be written (see {@link #messageProperty()}) */
    public boolean saveFile(Path file) {
        Optional<ExperimentConfig> config = currentConfig();
        if (config.isEmpty()) {
            message.set("Cannot save: " + runBlockedReason.get());
            return false;
        }
        try {
            ConfigFiles.write(config.get(), file);
            message.set("Saved " + file.getFileName());
            return true;
        } catch (IOException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /**
     * Runs what the config is: its forget request (the forget experiment, followed on the Unlearning page), its
     * backdoor (the Backdoor page takes the config: it runs there), or else the paper's loop (Unlearning page). Does
     * nothing unless {@link #runnableProperty()}.
     */
    public void run() {
        if (!runnable.get()) {
            return;
        }
        ExperimentConfig config = parsed;
        if (config.forget() == null && config.backdoor() != null) {
            // The Backdoor page runs the shared config when it has a backdoor section (revalidate has set it).
            message.set("The Backdoor page runs '" + config.name() + "': press Run there");
            context.pageProperty().set(WorkbenchPage.BACKDOOR);
            return;
        }
        session.start(config);
        message.set("Started run " + config.name() + (config.forget() == null ? ""
                : " (forget request, " + config.forget().method().id() + ")"));
        context.pageProperty().set(WorkbenchPage.UNLEARNING);
    }

    /** What Run does with the current config, in words, for the line beside the Run button. */
    static String describeKind(ExperimentConfig c) {
        if (c.forget() != null) {
            ForgetSettings f = c.forget();
            return "Run answers this config's forget request with " + f.method().id() + " (" + f.request().kind().id()
                    + (f.repeats() > 1 ? ", " + f.repeats() + " repeats" : "") + "), beside the gold model retrained "
                    + "without the forgotten rows; the form's attack and unlearning fields are not used";
        }
        if (c.backdoor() != null) {
            return "This config poisons the training set with a backdoor: Run opens the Backdoor page, which runs it";
        }
        return "Run runs the paper's unlearning loop";
    }

    /** Stops the running experiment within one batch; what it did so far stays in its run folder. */
    public void cancelRun() {
        if (session.runningProperty().get()) {
            session.cancel();
            message.set("Cancelling the run: it stops after the current batch");
        }
    }

    /**
     * The current or last run as a whole: "Iteration 4 of 10 · 3 done · 2:14 elapsed · about 4:30 left", then
     * "10 of 10 iterations done in 12:34"; empty before the first run.
     */
    public ReadOnlyStringProperty runProgressProperty() {
        return session.runProgressProperty();
    }

    /** True while an experiment runs (Run is then disabled and Cancel run shows). */
    public BooleanBinding experimentRunningProperty() {
        return session.runningProperty();
    }

    public void reloadPresets() {
        presets.setAll(presetLibrary.presets());
    }

    /** The form as a config, when every field parses (it may still break a rule: see {@link #problems()}). */
    public Optional<ExperimentConfig> currentConfig() {
        return Optional.ofNullable(parsed);
    }

    /** The reason shown at {@code field}'s control, or null when it is fine. */
    public String problemFor(String field) {
        for (ConfigProblem p : problems) {
            if (p.field().equals(field)) {
                return p.message();
            }
        }
        return null;
    }

    /** "Epsilon (attack.epsilon) must be between 0 and 1". */
    public static String describe(ConfigProblem p) {
        String label = LABELS.get(p.field());
        return (label == null ? p.field() : label + " (" + p.field() + ")") + " " + p.message();
    }

    // ---------------------------------------------------------------- validation

    private void revalidate() {
        List<ConfigProblem> found = new ArrayList<>();
        ExperimentConfig d = ExperimentConfig.defaults();
        // Unparseable fields take the default so that the rest of the form is still checked; their own rule
        // problems are dropped in favour of the parse error.
        int trainL = parseInt(trainLimit, "data.trainLimit", d.data().trainLimit(), found);
        int testL = parseInt(testLimit, "data.testLimit", d.data().testLimit(), found);
        int ep = parseInt(epochs, "training.epochs", d.training().epochs(), found);
        int bs = parseInt(batchSize, "training.batchSize", d.training().batchSize(), found);
        double lr = parseDouble(learningRate, "training.learningRate", d.training().learningRate(), found);
        long sd = parseLong(seed, "training.seed", d.training().seed(), found);
        double eps = parseDouble(epsilon, "attack.epsilon", d.attack().epsilon(), found);
        int steps = parseInt(pgdSteps, "attack.pgdSteps", d.attack().pgdSteps(), found);
        double stepSize = parseDouble(pgdStepSize, "attack.pgdStepSize", d.attack().pgdStepSize(), found);
        int k = parseInt(samplesPerIteration, "unlearning.samplesPerIteration",
                d.unlearning().samplesPerIteration(), found);
        int maxIt = parseInt(maxIterations, "unlearning.maxIterations", d.unlearning().maxIterations(), found);
        double thr = parseDouble(threshold, "unlearning.threshold", d.unlearning().threshold(), found);
        int rEp = parseInt(retrainEpochs, "unlearning.retrainEpochs", d.unlearning().retrainEpochs(), found);
        int pool = parseInt(poolSize, "unlearning.poolSize", d.unlearning().poolSize(), found);
        int subset = parseInt(iterationSubset, "evaluation.iterationSubset", d.evaluation().iterationSubset(), found);

        String folder = dataFolder.get() == null || dataFolder.get().isBlank() ? null : dataFolder.get().strip();
        ExperimentConfig config = new ExperimentConfig(name.get() == null ? "" : name.get().strip(),
                description.get() == null ? "" : description.get(),
                new ExperimentConfig.Data(folder, trainL, testL),
                new ExperimentConfig.Model(preset.get()),
                new ExperimentConfig.Training(ep, bs, lr, sd),
                new ExperimentConfig.Attack(eps, fgsmVariant.get(), steps, stepSize, pgdRandomStart.get()),
                new ExperimentConfig.Unlearning(strategy.get(), k, maxIt, thr, thresholdMetric.get(), retrain.get(),
                        rEp, pool, rankingSource.get(), stopAtThreshold.get()),
                new ExperimentConfig.Evaluation(subset, finalFullTest.get()), forgetSection, backdoorSection);
        runKind.set(describeKind(config));
        boolean parsesFully = found.isEmpty();
        List<String> unparsed = found.stream().map(ConfigProblem::field).toList();
        for (ConfigProblem p : ConfigValidator.problems(config)) {
            if (!unparsed.contains(p.field())) {
                found.add(p);
            }
        }
        List<String> order = new ArrayList<>(LABELS.keySet());
        found.sort((a, b) -> Integer.compare(rank(order, a.field()), rank(order, b.field())));
        problems.setAll(found);
        parsed = parsesFully ? config : null;
        if (parsed != null) {
            context.experimentConfigProperty().set(parsed);
        }
        updateReason();
    }

    private static int rank(List<String> order, String field) {
        int i = order.indexOf(field);
        return i < 0 ? order.size() : i;
    }

    private void updateReason() {
        if (!problems.isEmpty()) {
            String first = describe(problems.get(0));
            runBlockedReason.set(problems.size() == 1 ? first
                    : first + " (and " + (problems.size() - 1) + " more marked below)");
        } else if (session.runningProperty().get()) {
            runBlockedReason.set("An experiment is running: follow it on the Unlearning page");
        } else {
            runBlockedReason.set("");
        }
    }

    private static int parseInt(StringProperty p, String field, int fallback, List<ConfigProblem> found) {
        String s = p.get() == null ? "" : p.get().strip().replace("_", "");
        if (s.isEmpty()) {
            found.add(new ConfigProblem(field, "must not be empty"));
            return fallback;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            found.add(new ConfigProblem(field, s.matches("[+-]?\\d+") ? "is too large" : "is not a whole number"));
            return fallback;
        }
    }

    private static long parseLong(StringProperty p, String field, long fallback, List<ConfigProblem> found) {
        String s = p.get() == null ? "" : p.get().strip().replace("_", "");
        if (s.isEmpty()) {
            found.add(new ConfigProblem(field, "must not be empty"));
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            found.add(new ConfigProblem(field, s.matches("[+-]?\\d+") ? "is too large" : "is not a whole number"));
            return fallback;
        }
    }

    private static double parseDouble(StringProperty p, String field, double fallback, List<ConfigProblem> found) {
        String s = p.get() == null ? "" : p.get().strip();
        if (s.isEmpty()) {
            found.add(new ConfigProblem(field, "must not be empty"));
            return fallback;
        }
        Double value = parseDouble(s);
        if (value == null) {
            found.add(new ConfigProblem(field, "is not a number"));
            return fallback;
        }
        return value;
    }

    /** Accepts "0.1", ".1", "1e-3" and a decimal comma ("0,1"); null when it is not a number. */
    static Double parseDouble(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        // Double.parseDouble also takes "NaN", "Infinity" and hex floats, which no one means in a form.
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(s);
    }

    /** 0.001 as "0.001" (not "1.0E-3"), 0.1 as "0.1". */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // ---------------------------------------------------------------- properties

    public StringProperty nameProperty() { return name; }
    public StringProperty descriptionProperty() { return description; }
    public StringProperty dataFolderProperty() { return dataFolder; }
    public StringProperty trainLimitProperty() { return trainLimit; }
    public StringProperty testLimitProperty() { return testLimit; }
    public ObjectProperty<ModelPreset> presetProperty() { return preset; }
    public StringProperty epochsProperty() { return epochs; }
    public StringProperty batchSizeProperty() { return batchSize; }
    public StringProperty learningRateProperty() { return learningRate; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty epsilonProperty() { return epsilon; }
    public DoubleProperty epsilonSliderProperty() { return epsilonSlider; }
    public ObjectProperty<FgsmVariant> fgsmVariantProperty() { return fgsmVariant; }
    public StringProperty pgdStepsProperty() { return pgdSteps; }
    public StringProperty pgdStepSizeProperty() { return pgdStepSize; }
    public BooleanProperty pgdRandomStartProperty() { return pgdRandomStart; }
    public ObjectProperty<UnlearningStrategy> strategyProperty() { return strategy; }
    public StringProperty samplesPerIterationProperty() { return samplesPerIteration; }
    public StringProperty maxIterationsProperty() { return maxIterations; }
    public StringProperty thresholdProperty() { return threshold; }
    public ObjectProperty<Metric> thresholdMetricProperty() { return thresholdMetric; }
    public ObjectProperty<RetrainMode> retrainProperty() { return retrain; }
    public StringProperty retrainEpochsProperty() { return retrainEpochs; }
    public StringProperty poolSizeProperty() { return poolSize; }
    public ObjectProperty<RankingSource> rankingSourceProperty() { return rankingSource; }
    public BooleanProperty stopAtThresholdProperty() { return stopAtThreshold; }
    public StringProperty iterationSubsetProperty() { return iterationSubset; }
    public BooleanProperty finalFullTestProperty() { return finalFullTest; }

    /** Every current problem, in form order. */
    public ObservableList<ConfigProblem> problems() {
        return problems;
    }

    public ObservableList<ConfigPreset> presets() {
        return presets;
    }

    /** True when the config is valid and no experiment runs. */
    public BooleanBinding runnableProperty() {
        return runnable;
    }

    /** Why Run is disabled (the first problem, or the running experiment); empty when it is enabled. */
    public ReadOnlyStringProperty runBlockedReasonProperty() {
        return runBlockedReason.getReadOnlyProperty();
    }

    /** What Run will do with the current config (the paper's loop, a forget request, a backdoor), in words. */
    public ReadOnlyStringProperty runKindProperty() {
        return runKind.getReadOnlyProperty();
    }

    /** The outcome of the last load, save, preset or run, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
