package org.unlearnlab.app.comparison;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.app.experiment.ConfigPreset;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ConfigProblem;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.files.CsvTable;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Compare page's state: which config and strategies to compare, the running comparison's progress, one row
 * and one curve per strategy (plus the starting model's row), and the diagnostics of the selected row. A
 * comparison runs on the engine executor; opening a folder and writing the report run on the file executor.
 * FX thread only.
 */
public final class ComparisonViewModel {
    public static final int DEFAULT_DIAGNOSTICS_SUBSET = 1000;
    static final String BASE_LABEL = "Starting model";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** A config to compare: a preset, or (config null) whatever the Experiment page holds when Compare is pressed. */
    public record ConfigChoice(String label, ExperimentConfig config) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final TaskExecutor fileExecutor;
    private final ForgetComparisonViewModel forgetRuns;
    private final ComparisonService service;
    private final Supplier<Path> runsRoot;
    private final ObservableValue<ExperimentConfig> currentConfig;
    private final Clock clock;

    private final ObservableList<ConfigChoice> configs = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigChoice> config = new SimpleObjectProperty<>(this, "config");
    private final Map<UnlearningStrategy, BooleanProperty> strategies = new EnumMap<>(UnlearningStrategy.class);
    private final BooleanProperty diagnose = new SimpleBooleanProperty(this, "diagnose", true);
    private final IntegerProperty diagnosticsSubset =
            new SimpleIntegerProperty(this, "diagnosticsSubset", DEFAULT_DIAGNOSTICS_SUBSET);
    private final StringBinding configSummary;
    private final BooleanBinding anyStrategy;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper stageText = new ReadOnlyStringWrapper(this, "stageText", "");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper lastLog = new ReadOnlyStringWrapper(this, "lastLog", "");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<Path> reportFile = new ReadOnlyObjectWrapper<>(this, "reportFile");

    private final ObservableList<StrategyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<IterationOverlayChart.RunCurve> curves = FXCollections.observableArrayList();
    private final ObjectProperty<StrategyRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<DiagnosticsReport> selectedDiagnostics =
            new ReadOnlyObjectWrapper<>(this, "selectedDiagnostics");
    private final ReadOnlyStringWrapper diagnosticsNote = new ReadOnlyStringWrapper(this, "diagnosticsNote", "");

    // The running comparison, for the progress figures.
    private List<String> stages = List.of();
    private String currentStage;
    private String activity = "";
    private int maxIterations = 1;
    private double stageFraction;
    private long startedMillis;
    /** Diagnostics subset of the comparison shown (negative: it runs without diagnostics). */
    private int shownDiagnosticsSubset;

    /**
     * @param executor      the engine executor the comparison runs on
     * @param fileExecutor  for reading comparison folders and writing reports (no ND4J)
     * @param runsRoot      where new comparison folders go
     * @param currentConfig the Experiment page's config
     * @param presets       the sample configs offered besides it
     */
    public ComparisonViewModel(TaskExecutor executor, TaskExecutor fileExecutor, ComparisonBackend backend,
                               Supplier<Path> runsRoot, ObservableValue<ExperimentConfig> currentConfig,
                               List<ConfigPreset> presets, Clock clock) {
        this.fileExecutor = Objects.requireNonNull(fileExecutor);
        this.forgetRuns = new ForgetComparisonViewModel(fileExecutor);
        this.service = new ComparisonService(executor, backend);
        this.runsRoot = Objects.requireNonNull(runsRoot);
        this.currentConfig = Objects.requireNonNull(currentConfig);
        this.clock = Objects.requireNonNull(clock);
        configs.add(new ConfigChoice("Experiment page's config", null));
        for (ConfigPreset p : presets) {
            configs.add(new ConfigChoice("Preset: " + p.title(), p.config()));
        }
        config.set(configs.get(0));
        for (UnlearningStrategy s : StrategyComparison.ALL) {
            strategies.put(s, new SimpleBooleanProperty(this, s.id(), true));
        }
        anyStrategy = Bindings.createBooleanBinding(() -> strategies.values().stream().anyMatch(BooleanProperty::get),
                strategies.values().toArray(BooleanProperty[]::new));
        configSummary = Bindings.createStringBinding(() -> summary(chosenConfig()), config, currentConfig);
        ChangeListener<DiagnosticsReport> follow = (obs, old, r) -> refreshSelectedDiagnostics();
        selected.addListener((obs, old, row) -> {
            if (old != null) {
                old.diagnosticsProperty().removeListener(follow);
            }
            if (row != null) {
                row.diagnosticsProperty().addListener(follow);
            }
            refreshSelectedDiagnostics();
        });
        refreshSelectedDiagnostics();
    }

    // ---- choosing ------------------------------------------------------------------------------------------

    public ObservableList<ConfigChoice> configs() {
        return configs;
    }

    public ObjectProperty<ConfigChoice> configProperty() {
        return config;
    }

    /** The config Compare would run now, or null. */
    public ExperimentConfig chosenConfig() {
        ConfigChoice c = config.get();
        if (c == null) {
            return null;
        }
        return c.config() != null ? c.config() : currentConfig.getValue();
    }

    /** One line on what the chosen config does, e.g. "classroom: LeNet-5, 2 epochs on 6,000 images, …". */
    public StringBinding configSummaryProperty() {
        return configSummary;
    }

    static String summary(ExperimentConfig c) {
        if (c == null) {
            return "No config";
        }
        ExperimentConfig.Unlearning u = c.unlearning();
        String train = c.data().trainLimit() > 0 ? String.format(Locale.ROOT, "%,d", c.data().trainLimit()) : "all";
        return String.format(Locale.ROOT, "%s: %s, %d epoch(s) on %s training images, up to %d iterations removing %d "
                        + "samples each, ε = %.3f", c.name(), c.model().preset().displayName(), c.training().epochs(),
                train, u.maxIterations(), u.samplesPerIteration(), c.attack().epsilon());
    }

    public BooleanProperty strategySelectedProperty(UnlearningStrategy s) {
        return strategies.get(s);
    }

    /** The ticked strategies, in the comparison's order. */
    public List<UnlearningStrategy> chosenStrategies() {
        return StrategyComparison.ALL.stream().filter(s -> strategies.get(s).get()).toList();
    }

    public BooleanBinding anyStrategyProperty() {
        return anyStrategy;
    }

    /** Whether each model is diagnosed after its run. */
    public BooleanProperty diagnoseProperty() {
        return diagnose;
    }

    /** Test images the diagnostics use (0 = all). */
    public IntegerProperty diagnosticsSubsetProperty() {
        return diagnosticsSubset;
    }

    // ---- running -------------------------------------------------------------------------------------------

    /** Starts a comparison into a new folder under the runs root; does nothing while one runs. */
    public void compare() {
        if (running.get()) {
            return;
        }
        ExperimentConfig base = chosenConfig();
        List<UnlearningStrategy> chosen = chosenStrategies();
        if (base == null || chosen.isEmpty()) {
            message.set(base == null ? "Choose a config first." : "Tick at least one strategy.");
            return;
        }
        List<ConfigProblem> problems = ConfigValidator.problems(base);
        if (!problems.isEmpty()) {
            message.set("The config '" + base.name() + "' cannot run: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            return;
        }
        Path out = newFolder(runsRoot.get(), base.name());
        int subset = diagnose.get() ? Math.max(0, diagnosticsSubset.get()) : -1;
        reset(base.name(), out, StrategyComparison.BASE_STAGE, chosen.stream().map(UnlearningStrategy::id).toList(),
                "waiting");
        maxIterations = Math.max(1, base.unlearning().maxIterations());
        stages = new ArrayList<>();
        stages.add(StrategyComparison.BASE_STAGE);
        chosen.forEach(s -> stages.add(s.id()));
        currentStage = null;
        activity = "starting";
        stageFraction = 0;
        shownDiagnosticsSubset = subset;
        startedMillis = clock.millis();
        progress.set(-1);
        etaText.set("");
        running.set(true);
        message.set("Comparing " + chosen.size() + " strateg" + (chosen.size() == 1 ? "y" : "ies") + " of '"
                + base.name() + "' in " + out);
        BackgroundTask<Boolean> task = service.start(
                new ComparisonService.Request(base, chosen, subset, out), this::apply);
        task.onSuccess(done -> finish(done ? "Finished" : "Cancelled"))
                .onCancelled(() -> finish("Cancelled"))
                .onFailure(e -> finish("Failed: " + Errors.message(e)));
    }

    /** Asks the running comparison to stop within one batch; what finished stays in its folder. */
    public void cancel() {
        if (running.get()) {
            service.cancel();
            activity = "cancelling";
            updateStageText();
        }
    }

    private void finish(String how) {
        running.set(false);
        progress.set(how.equals("Finished") ? 1 : Math.max(0, progress.get()));
        etaText.set("");
        for (StrategyRow r : rows) {
            String s = r.stateProperty().get();
            if (s.equals("waiting") || s.equals("running")) {
                r.setState(how.equals("Finished") ? (r.iterations().isEmpty() && !isBase(r) ? "not run" : "done")
                        : "cancelled");
            }
        }
        stageText.set(how);
        message.set(switch (how) {
            case "Finished" -> "Comparison finished: " + folder.get() + ". Select a row for its diagnostics, or write "
                    + "the report.";
            case "Cancelled" -> "Comparison cancelled; what finished is kept in " + folder.get() + ".";
            default -> "Comparison " + how.toLowerCase(Locale.ROOT);
        });
    }

    /** Applies a batch of engine events (FX thread). */
    void apply(List<ComparisonService.Event> events) {
        boolean curvesChanged = false;
        for (ComparisonService.Event e : events) {
            StrategyRow row = row(e.stage());
            if (e instanceof ComparisonService.StageStarted s) {
                rows.forEach(r -> {
                    if (r != row && r.stateProperty().get().equals("running")) {
                        r.setState("done");
                    }
                });
                currentStage = s.stage();
                stageFraction = 0;
                activity = isBase(row) ? "training the starting model" : "starting";
                if (row != null) {
                    row.setState("running");
                }
            } else if (e instanceof ComparisonService.Progress p) {
                TrainingProgress t = p.progress();
                activity = String.format(Locale.ROOT, "%s: epoch %d/%d, batch %d/%d", phaseName(t.phase()),
                        t.epoch(), t.epochs(), t.batch(), t.batchesPerEpoch());
                if (StrategyComparison.BASE_STAGE.equals(p.stage()) && "initial".equals(t.phase())) {
                    stageFraction = t.fraction();
                }
            } else if (e instanceof ComparisonService.Iteration it) {
                IterationMetrics m = it.metrics();
                if (row != null) {
                    row.add(m);
                    curvesChanged = true;
                }
                StrategyRow base = row(StrategyComparison.BASE_STAGE);
                if (m.iteration() == 0 && !m.finalFullTest() && base != null && base.latestProperty().get() == null) {
                    base.setLatest(m);
                }
                stageFraction = m.finalFullTest() ? 1 : Math.min(1, m.iteration() / (double) maxIterations);
                activity = m.finalFullTest() ? "final test on all test images"
                        : String.format(Locale.ROOT, "iteration %d of up to %d evaluated", m.iteration(), maxIterations);
            } else if (e instanceof ComparisonService.Log l) {
                lastLog.set("[" + l.stage() + "] " + l.line());
                if (l.line().startsWith("diagnostics of")) {
                    activity = "diagnosing the model";
                }
            } else if (e instanceof ComparisonService.Diagnosed d) {
                if (row != null) {
                    row.setDiagnostics(d.report());
                    if (selected.get() == null) {
                        selected.set(row);
                    }
                }
            } else if (e instanceof ComparisonService.StrategyDone && row != null) {
                row.setState("done");
            }
        }
        if (curvesChanged) {
            refreshCurves();
        }
        if (running.get()) {
            updateProgress();
        }
        refreshSelectedDiagnostics();
    }

    private void updateProgress() {
        int index = currentStage == null ? 0 : Math.max(0, stages.indexOf(currentStage));
        double f = stages.isEmpty() ? 0 : (index + stageFraction) / stages.size();
        progress.set(currentStage == null ? -1 : f);
        long elapsed = clock.millis() - startedMillis;
        if (f >= 0.02 && elapsed >= 3000) {
            etaText.set("about " + duration((long) (elapsed * (1 - f) / f)) + " left");
        }
        updateStageText();
    }

    private void updateStageText() {
        if (currentStage == null) {
            stageText.set(activity.isEmpty() ? "" : capitalise(activity));
            return;
        }
        int index = stages.indexOf(currentStage) + 1;
        StrategyRow row = row(currentStage);
        stageText.set(String.format(Locale.ROOT, "Stage %d of %d · %s · %s", index, stages.size(),
                row == null ? currentStage : row.label(), activity));
    }

    static String duration(long millis) {
        long s = Math.max(1, Math.round(millis / 1000.0));
        if (s < 90) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        return min < 90 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }

    private static String phaseName(String phase) {
        return switch (phase) {
            case "initial" -> "training";
            case "surrogate" -> "training the transfer surrogate";
            default -> phase.startsWith("iteration") ? "retraining after " + phase : phase;
        };
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** compare-&lt;config&gt;-&lt;yyyyMMdd-HHmmss&gt; under {@code root}, with a suffix if that exists already. */
    Path newFolder(Path root, String configName) {
        String slug = configName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("(^-+|-+$)", "");
        String base = "compare-" + (slug.isEmpty() ? "config" : slug) + "-" + LocalDateTime.now(clock).format(STAMP);
        Path p = root.resolve(base);
        for (int i = 2; Files.exists(p); i++) {
            p = root.resolve(base + "-" + i);
        }
        return p;
    }

    // ---- opening a folder, writing the report --------------------------------------------------------------

    /** Reads a comparison folder on the file executor and shows it; not while a comparison runs. */
    public void openFolder(Path dir) {
        if (running.get() || dir == null) {
            return;
        }
        busy.set(true);
        message.set("Reading " + dir + " …");
        fileExecutor.execute(BackgroundTask.of("Reading comparison " + dir.getFileName(),
                        ctx -> service.backend().open(dir)))
                .onSuccess(this::show)
                .onFailure(e -> message.set("Cannot open " + dir + ": " + Errors.message(e)))
                .onFinished(() -> busy.set(false));
    }

    /** Shows a comparison read from disk. */
    void show(ComparisonData data) {
        reset(data.name(), data.folder(), StrategyComparison.BASE_STAGE, data.strategies(), "not run");
        stages = List.of();
        currentStage = null;
        progress.set(0);
        stageText.set("");
        etaText.set("");
        lastLog.set("");
        StrategyRow base = row(StrategyComparison.BASE_STAGE);
        for (StrategyRow r : rows) {
            List<IterationMetrics> its = data.iterations().get(r.id());
            if (its != null) {
                r.setIterations(its);
                r.setState(data.complete().contains(r.id()) ? "done" : "unfinished");
                its.stream().filter(m -> m.iteration() == 0 && !m.finalFullTest()).findFirst().ifPresent(m -> {
                    if (base.latestProperty().get() == null) {
                        base.setLatest(m);
                    }
                });
            }
            r.setDiagnostics(data.diagnostics().get(r.id()));
        }
        base.setState(data.diagnostics().containsKey(StrategyComparison.BASE_STAGE) || !data.iterations().isEmpty()
                ? "done" : "not run");
        shownDiagnosticsSubset = data.diagnosticsSubset();
        refreshCurves();
        // Show the first strategy that has diagnostics, else the starting model's.
        selected.set(rows.stream().filter(r -> !isBase(r) && r.diagnosticsProperty().get() != null).findFirst()
                .orElse(base));
        int done = data.complete().size();
        message.set(String.format(Locale.ROOT, "Comparison '%s' in %s: %d of %d strategies finished%s", data.name(),
                data.folder(), done, data.strategies().size(),
                data.diagnosticsSubset() < 0 ? ", no diagnostics" : ""));
    }

    /** Writes the reproduction report into &lt;folder&gt;/report on the file executor. */
    public void writeReport() {
        Path dir = folder.get();
        if (dir == null || running.get()) {
            return;
        }
        busy.set(true);
        reportFile.set(null);
        message.set("Writing the report …");
        fileExecutor.execute(BackgroundTask.of("Writing the report of " + dir.getFileName(),
                        ctx -> service.backend().writeReport(dir, dir.resolve("report"))))
                .onSuccess(html -> {
                    // Everything settled before reportFile changes: a view may open a dialog from that change.
                    busy.set(false);
                    message.set("Report written: " + html);
                    reportFile.set(html);
                })
                .onFailure(e -> message.set("Cannot write the report: " + Errors.message(e)))
                .onFinished(() -> busy.set(false));
    }

    // ---- rows and curves -----------------------------------------------------------------------------------

    private void reset(String name, Path dir, String baseId, List<String> ids, String state) {
        selected.set(null);
        reportFile.set(null);
        folder.set(dir);
        title.set(name);
        List<StrategyRow> fresh = new ArrayList<>();
        fresh.add(new StrategyRow(baseId, BASE_LABEL, state));
        for (String id : ids) {
            fresh.add(new StrategyRow(id, labelOf(id), state));
        }
        rows.setAll(fresh);
        curves.clear();
    }

    /** The table as CSV columns, one row per line of the table, figures at full precision. */
    static final List<String> CSV_HEADER = List.of("strategy", "id", "state", "iteration", "final_full_test",
            "removed", "clean_accuracy", "fgsm_stable_accuracy", "fgsm_stable_zero_gradient", "fgsm_paper_accuracy",
            "fgsm_paper_zero_gradient", "pgd_accuracy", "diagnostics");

    /** The table as it shows now (every row, its newest iteration and verdict). */
    public CsvTable tableCsv() {
        CsvTable t = new CsvTable(CSV_HEADER);
        for (StrategyRow r : rows) {
            IterationMetrics m = r.latestProperty().get();
            DiagnosticsReport d = r.diagnosticsProperty().get();
            t.add(java.util.Arrays.asList(r.label(), r.id(), r.stateProperty().get(),
                    m == null ? null : m.iteration(), m == null ? null : m.finalFullTest(),
                    m == null ? null : m.removedTotal(),
                    m == null || m.clean() == null ? null : m.clean().accuracy(),
                    m == null || m.fgsmStable() == null ? null : m.fgsmStable().accuracy(),
                    m == null || m.fgsmStable() == null ? null : m.fgsmStable().zeroGradientCount(),
                    m == null || m.fgsmPaper() == null ? null : m.fgsmPaper().accuracy(),
                    m == null || m.fgsmPaper() == null ? null : m.fgsmPaper().zeroGradientCount(),
                    m == null || m.pgd() == null ? null : m.pgd().accuracy(),
                    d == null ? null : d.overall().name()));
        }
        return t;
    }

    /** Writes {@link #tableCsv()} to {@code file} (".csv" added if missing) and says so in the message line. */
    public void exportTableCsv(Path file) {
        String name = file.getFileName().toString();
        Path f = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? file : file.resolveSibling(name + ".csv");
        try {
            tableCsv().write(f);
            message.set("Saved the table (" + rows.size() + " rows) to " + f);
        } catch (java.io.IOException e) {
            message.set("Cannot save " + f + ": " + e.getMessage());
        }
    }

    /** Short names for the table and the legend, where four long labels would not fit side by side. */
    static String labelOf(String id) {
        return switch (id) {
            case "loss-ranked" -> "Loss-ranked (paper)";
            case "random" -> "Random removal";
            case "adversarial-training" -> "Adversarial training";
            case "extra-epochs" -> "Extra epochs only";
            default -> id;
        };
    }

    /** The long description of a row, for its tooltip: "Random removal (baseline)", … */
    static String describe(String id) {
        if (id.equals(StrategyComparison.BASE_STAGE)) {
            return "The model all strategies start from, before any unlearning";
        }
        for (UnlearningStrategy s : UnlearningStrategy.values()) {
            if (s.id().equals(id)) {
                return s.label() + " — run folder " + id;
            }
        }
        return id;
    }

    private static boolean isBase(StrategyRow r) {
        return r != null && r.id().equals(StrategyComparison.BASE_STAGE);
    }

    private StrategyRow row(String id) {
        for (StrategyRow r : rows) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    private void refreshCurves() {
        curves.setAll(rows.stream().filter(r -> !isBase(r) && !r.iterations().isEmpty())
                .map(r -> new IterationOverlayChart.RunCurve(r.label(), r.iterations())).toList());
    }

    private void refreshSelectedDiagnostics() {
        StrategyRow row = selected.get();
        DiagnosticsReport report = row == null ? null : row.diagnosticsProperty().get();
        selectedDiagnostics.set(report);
        if (row == null) {
            diagnosticsNote.set(rows.isEmpty() ? "Press Compare, or open a comparison folder."
                    : "Select a row to see its model's diagnostics.");
        } else if (report != null) {
            diagnosticsNote.set("");
        } else if (shownDiagnosticsSubset < 0) {
            diagnosticsNote.set("This comparison ran without diagnostics.");
        } else {
            diagnosticsNote.set(row.label() + ": the diagnostics appear when its model is finished and diagnosed.");
        }
    }

    // ---- observable state ----------------------------------------------------------------------------------

    /** Forget run folders side by side (methods answering one request), the page's second table. */
    public ForgetComparisonViewModel forgetRuns() {
        return forgetRuns;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Reading a folder or writing a report. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "Stage 2 of 5 · Random removal (baseline) · iteration 3 of up to 10 evaluated". */
    public ReadOnlyStringProperty stageTextProperty() {
        return stageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    /** Fraction of the whole comparison done, -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The engine's newest log line, prefixed with its stage. */
    public ReadOnlyStringProperty lastLogProperty() {
        return lastLog.getReadOnlyProperty();
    }

    /** The comparison folder shown (running or opened), or null. */
    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The compared config's name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** report.html once written, else null. */
    public ReadOnlyObjectProperty<Path> reportFileProperty() {
        return reportFile.getReadOnlyProperty();
    }

    /** The starting model first, then one row per strategy. */
    public ObservableList<StrategyRow> rows() {
        return rows;
    }

    /** One curve per strategy that has iterations, for the overlay chart. */
    public ObservableList<IterationOverlayChart.RunCurve> curves() {
        return curves;
    }

    public ObjectProperty<StrategyRow> selectedProperty() {
        return selected;
    }

    /** The selected row's diagnostics, or null. */
    public ReadOnlyObjectProperty<DiagnosticsReport> selectedDiagnosticsProperty() {
        return selectedDiagnostics.getReadOnlyProperty();
    }

    /** Why there are no diagnostics to show, or "". */
    public ReadOnlyStringProperty diagnosticsNoteProperty() {
        return diagnosticsNote.getReadOnlyProperty();
    }
}
