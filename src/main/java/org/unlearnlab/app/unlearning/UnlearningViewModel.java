package org.unlearnlab.app.unlearning;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.common.digits.ImageExport;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.ExperimentSession;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.IterationMetricsCsv;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The unlearning page's state: the iteration rows and removed samples of the run on show (the experiment
 * session's current or last run, or a finished run opened from disk), the gallery's sorting and filtering,
 * and the adversarial twins of the removed samples, recomputed lazily on the engine thread for the
 * thumbnails actually on screen.
 */
public class UnlearningViewModel {
    /** Twins are attacked in batches of at most this many, so a fast scroll cannot queue one huge task. */
    static final int TWIN_BATCH = 256;

    private final TaskExecutor executor;
    private final TwinBackend backend;
    private final Supplier<ImageDataset> trainSet;

    private final ObservableList<IterationMetrics> iterations = FXCollections.observableArrayList();
    private final RemovedGalleryModel gallery = new RemovedGalleryModel();
    private final ObjectProperty<ExperimentConfig> config = new SimpleObjectProperty<>(this, "config");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No run yet");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper showingFolder = new ReadOnlyBooleanWrapper(this, "showingFolder");
    private final ReadOnlyObjectWrapper<Path> modelZip = new ReadOnlyObjectWrapper<>(this, "modelZip");
    private final ObservableMap<Integer, AdversarialDigit> twins = FXCollections.observableHashMap();
    private final ReadOnlyIntegerWrapper twinGeneration = new ReadOnlyIntegerWrapper(this, "twinGeneration");
    private final ReadOnlyIntegerWrapper datasetGeneration = new ReadOnlyIntegerWrapper(this, "datasetGeneration");
    private final ReadOnlyBooleanWrapper sessionRunning = new ReadOnlyBooleanWrapper(this, "sessionRunning");
    private final ReadOnlyStringWrapper sessionPhase = new ReadOnlyStringWrapper(this, "sessionPhase", "");
    private final ReadOnlyStringWrapper sessionRunProgress = new ReadOnlyStringWrapper(this, "sessionRunProgress", "");
    private Path runsRoot;
    private final ObservableList<String> classNames = FXCollections.observableArrayList(
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final Set<Integer> pending = new LinkedHashSet<>();
    private final Set<Integer> inFlight = new java.util.HashSet<>();
    private final Set<Integer> failed = new java.util.HashSet<>();
    private final Map<Integer, RemovedSample> byIndex = new HashMap<>();
    private boolean flushQueued;

    private ObservableList<IterationMetrics> sessionIterations;
    private ObservableList<RemovedSample> sessionRemoved;
    private ObservableValue<ExperimentConfig> sessionConfig;

    private final ForgetResultsViewModel forgetResults;

    /** A page that cannot audit forget runs (tests of the loop's views). */
    public UnlearningViewModel(TaskExecutor executor, TwinBackend backend, Supplier<ImageDataset> trainSet) {
        this(executor, backend, trainSet, (folder, events, token) -> {
            throw new java.io.IOException("the membership audit is not available here");
        });
    }

    public UnlearningViewModel(TaskExecutor executor, TwinBackend backend, Supplier<ImageDataset> trainSet,
                               ForgetResultsViewModel.AuditBackend audit) {
        this.forgetResults = new ForgetResultsViewModel(executor, audit);
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
        this.trainSet = Objects.requireNonNull(trainSet);
        gallery.samples().addListener((ListChangeListener<RemovedSample>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    c.getRemoved().forEach(s -> byIndex.remove(s.datasetIndex()));
                }
                c.getAddedSubList().forEach(s -> byIndex.put(s.datasetIndex(), s));
            }
        });
    }

    // ---- sources -----------------------------------------------------------------------------------------

    /**
     * Shows the experiment session's run and follows it as iterations finish. The lists are the session's
     * (FX-thread) lists; a new run clears them, which clears the page too.
     */
    public void follow(ObservableList<IterationMetrics> its, ObservableList<RemovedSample> removed,
                       ObservableValue<ExperimentConfig> cfg) {
        this.sessionIterations = its;
        this.sessionRemoved = removed;
        this.sessionConfig = cfg;
        its.addListener((ListChangeListener<IterationMetrics>) c -> {
            if (!showingFolder.get()) {
                iterations.setAll(its);
                updateTitle();
            }
        });
        removed.addListener((ListChangeListener<RemovedSample>) c -> {
            if (showingFolder.get()) {
                return;
            }
            boolean onlyAppended = true;
            List<RemovedSample> added = new ArrayList<>();
            while (c.next()) {
                if (c.wasRemoved() || c.wasPermutated() || c.wasUpdated() || c.getFrom() != gallery.samples().size() + added.size()) {
                    onlyAppended = false;
                }
                added.addAll(c.getAddedSubList());
            }
            if (onlyAppended) {
                gallery.addSamples(added);
            } else {
                resetTwins();
                gallery.setSamples(List.copyOf(removed), classNames.size());
            }
            updateTitle();
        });
        cfg.addListener((obs, old, c) -> {
            if (!showingFolder.get()) {
                config.set(c);
                updateTitle();
            }
        });
        showSession();
    }

    /** {@link #follow} the app's experiment session, and whether it runs and in which phase (the page's status). */
    public void followSession(ExperimentSession session) {
        sessionRunning.bind(session.runningProperty());
        sessionPhase.bind(session.phaseProperty());
        sessionRunProgress.bind(session.runProgressProperty());
        follow(session.iterations(), session.removedSamples(), session.configProperty());
        // A forget run has no iterations to follow: its figures are in its folder once it has finished.
        session.runFolderProperty().addListener((obs, old, folder) -> {
            ExperimentConfig c = session.configProperty().get();
            if (folder != null && c != null && c.forget() != null) {
                openFolder(folder);
            }
        });
    }

    /**
     * What a gallery cell says about one sample. A run of the paper's loop removed it for the loss of its
     * adversarial version, so the cell shows that twin; a forget run's rows are the request itself, with the
     * original model's prediction and loss, and no attack is involved.
     */
    public record SampleCaption(String labels, String details, String tooltip, boolean withTwin) {
    }

    public SampleCaption caption(RemovedSample s) {
        String label = className(s.label());
        String predicted = className(s.adversarialPrediction());
        if (forgetResults.showingProperty().get()) {
            return new SampleCaption(label + " · predicted " + predicted,
                    String.format(Locale.ROOT, "loss %.2f · forgotten", s.loss()),
                    String.format(Locale.ROOT, "Training digit #%d, label %s%nForgotten on request: the original model "
                            + "predicted %s (loss %.4f) before it was unlearned. Click for details.",
                            s.datasetIndex(), label, predicted, s.loss()), false);
        }
        return new SampleCaption(label + " → " + predicted,
                String.format(Locale.ROOT, "loss %.2f · it %d", s.loss(), s.iteration()),
                String.format(Locale.ROOT, "Training digit #%d, true label %s%nAdversarial version predicted as %s when "
                                + "ranked (loss %.4f)%nRemoved in iteration %d%nLeft: clean · right: adversarial twin, "
                                + "recomputed now. Click for details.", s.datasetIndex(), label, predicted, s.loss(),
                        s.iteration()), true);
    }

    /** The gallery's heading: what its samples are. */
    public String galleryTitle() {
        return forgetResults.showingProperty().get() ? "Forgotten samples" : "Removed samples";
    }

    /** The per-class chart's title beside the gallery. */
    public String perClassTitle() {
        return forgetResults.showingProperty().get() ? "Forgotten per class" : "Removals per class";
    }

    private String className(int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }

    /** The forget figures of the run on show (empty for a run of the paper's loop). */
    public ForgetResultsViewModel forgetResults() {
        return forgetResults;
    }

    /**
     * Follows the app: a new model or dataset makes the twins stale (a dataset also brings its class names), and
     * a run opened elsewhere (the Runs page) is shown here, also one asked for before this page was built.
     */
    public void followApp(ObservableValue<ModelInfo> model, ObservableValue<DatasetSplit> dataset,
                          ObservableValue<AppContext.Request<Path>> runToOpen) {
        model.addListener((obs, old, m) -> modelChanged());
        dataset.addListener((obs, old, d) -> {
            datasetGeneration.set(datasetGeneration.get() + 1);
            if (d != null) {
                classNames.setAll(d.train().classNames());
            }
            modelChanged();
        });
        if (dataset.getValue() != null) {
            classNames.setAll(dataset.getValue().train().classNames());
        }
        runToOpen.addListener((obs, old, request) -> {
            if (request != null) {
                openFolder(request.subject());
            }
        });
        if (runToOpen.getValue() != null) {
            openFolder(runToOpen.getValue().subject());
        }
    }

    /** Back from a run folder to the session's run. */
    public void showSession() {
        showingFolder.set(false);
        modelZip.set(null);
        resetTwins();
        config.set(sessionConfig == null ? null : sessionConfig.getValue());
        iterations.setAll(sessionIterations == null ? List.of() : sessionIterations);
        gallery.setSamples(sessionRemoved == null ? List.of() : List.copyOf(sessionRemoved), classNames.size());
        status.set("");
        forgetResults.show(null);
        updateTitle();
    }

    /** Shows a finished run; its own model.zip (if any) makes the twins. */
    public void showRun(RunData run) {
        showingFolder.set(true);
        modelZip.set(run.modelZip());
        resetTwins();
        config.set(run.config());
        iterations.setAll(run.iterations());
        gallery.setSamples(run.removed(), classNames.size());
        status.set(run.modelZip() == null
                ? "This run folder has no model.zip: the twins are attacked with the app's current model." : "");
        title.set("Run folder " + run.folder().getFileName() + titleDetails());
    }

    private record Opened(RunData run, ForgetRunData forget) {
    }

    /** Reads a run folder in the background (engine thread, in order with other engine work). */
    public BackgroundTask<?> openFolder(Path dir) {
        status.set("Reading " + dir + "…");
        return executor.execute(BackgroundTask.of("Open run " + dir.getFileName(),
                        ctx -> new Opened(RunData.read(dir), ForgetRunData.read(dir)))
                .onSuccess(o -> {
                    showRun(o.run());
                    forgetResults.show(o.forget());
                    if (o.forget() != null) {
                        var r = o.forget().result();
                        title.set("Forget run " + dir.getFileName() + " · " + r.method() + " · "
                                + (ForgetResultsViewModel.isSweep(r) ? "a sweep of " + r.repeats().size()
                                + " random shares" : gallery.samples().size() + " samples forgotten"
                                + (r.repeats().size() > 1 ? " (the kept repeat's)" : "")));
                    }
                })
                .onFailure(e -> status.set("Could not open the run: " + message(e))));
    }

    private void updateTitle() {
        if (showingFolder.get()) {
            return;
        }
        ExperimentConfig c = config.get();
        if (c != null && c.forget() != null) {
            title.set("Current forget run '" + c.name() + "' (" + c.forget().method().id() + "): the original, gold "
                    + "and method models train in turn; the figures show here when it finishes");
            return;
        }
        title.set(c == null && iterations.isEmpty() ? "No run yet: start one on the Experiment page, or open a run folder."
                : "Current run '" + (c == null ? "?" : c.name()) + "'" + titleDetails());
    }

    private String titleDetails() {
        int its = (int) iterations.stream().filter(m -> !m.finalFullTest() && m.iteration() > 0).count();
        return String.format(Locale.ROOT, " · %d iteration%s · %d samples removed", its, its == 1 ? "" : "s",
                gallery.samples().size());
    }

    // ---- twins -------------------------------------------------------------------------------------------

    /** The attack a twin is made with: the run's ranking attack at the run's epsilon. */
    public AttackKind twinAttack() {
        return TwinBackend.rankingAttack(config.get());
    }

    public double twinEpsilon() {
        return config.get() == null ? ExperimentConfig.defaults().attack().epsilon() : config.get().attack().epsilon();
    }

    /**
     * Asks for the twin of {@code s}; the twin appears in {@link #twins()} when its batch is done. Requests
     * made in one layout pass are batched into one engine task.
     */
    public void requestTwin(RemovedSample s) {
        int i = s.datasetIndex();
        if (twins.containsKey(i) || inFlight.contains(i) || failed.contains(i) || !pending.add(i)) {
            return;
        }
        if (!flushQueued) {
            flushQueued = true;
            executor.uiExecutor().execute(this::flushTwins);
        }
    }

    private void flushTwins() {
        flushQueued = false;
        while (!pending.isEmpty()) {
            List<RemovedSample> batch = new ArrayList<>();
            var it = pending.iterator();
            while (it.hasNext() && batch.size() < TWIN_BATCH) {
                Integer i = it.next();
                it.remove();
                RemovedSample s = byIndex.get(i);
                if (s != null) {
                    batch.add(s);
                    inFlight.add(i);
                }
            }
            if (!batch.isEmpty()) {
                submitTwins(batch);
            }
        }
    }

    private void submitTwins(List<RemovedSample> batch) {
        int generation = twinGeneration.get();
        Path zip = modelZip.get();
        ExperimentConfig cfg = config.get();
        AttackKind kind = twinAttack();
        double eps = twinEpsilon();
        executor.execute(BackgroundTask.of("Adversarial twins", ctx -> backend.twins(batch, zip, cfg, kind, eps))
                .onSuccess(list -> {
                    if (generation != twinGeneration.get()) {
                        return;
                    }
                    Map<Integer, AdversarialDigit> got = new HashMap<>();
                    for (AdversarialDigit d : list) {
                        got.put(d.index(), d);
                    }
                    batch.forEach(s -> inFlight.remove(s.datasetIndex()));
                    twins.putAll(got);
                })
                .onFailure(e -> {
                    if (generation != twinGeneration.get()) {
                        return;
                    }
                    batch.forEach(s -> {
                        inFlight.remove(s.datasetIndex());
                        failed.add(s.datasetIndex());
                    });
                    status.set("Adversarial twins unavailable: " + message(e));
                }));
    }

    /** The model behind the twins changed (a run finished): recompute the ones on screen. */
    public void modelChanged() {
        if (!showingFolder.get() || modelZip.get() == null) {
            resetTwins();
        }
    }

    private void resetTwins() {
        pending.clear();
        inFlight.clear();
        failed.clear();
        twins.clear();
        // Last, so that views re-requesting their twins on this change are not wiped by the clearing above.
        twinGeneration.set(twinGeneration.get() + 1);
    }

    /** The clean training image of a removed sample, straight from the dataset (any thread). */
    public float[] cleanImage(int datasetIndex) {
        ImageDataset train = trainSet.get();
        if (train == null || datasetIndex < 0 || datasetIndex >= train.size()) {
            return new float[784];
        }
        return train.image(datasetIndex);
    }

    // ---- export ------------------------------------------------------------------------------------------

    /** Writes the iterations shown (the chart's rows, the final full test marked) as CSV. */
    public void exportIterationsCsv(Path file) {
        Path f = ImageExport.withExtension(file, "csv");
        try {
            IterationMetricsCsv.table(List.copyOf(iterations)).write(f);
            status.set("Saved " + iterations.size() + " iteration rows to " + f);
        } catch (IOException e) {
            status.set("Could not save " + f + ": " + e.getMessage());
        }
    }

    /** A line from the page itself (a chart exported) for the status line. */
    public void showStatus(String message) {
        status.set(message);
    }

    /** Writes the gallery's rows, in its current order and filter, as CSV. */
    public void exportCsv(Path file) {
        Path f = ImageExport.withExtension(file, "csv");
        try {
            ContactSheet.writeCsv(List.copyOf(gallery.visible()), f);
            status.set("Saved " + gallery.visible().size() + " rows to " + f);
        } catch (IOException e) {
            status.set("Could not save " + f + ": " + e.getMessage());
        }
    }

    /**
     * Writes the gallery (current order and filter) as one PNG, clean image and twin side by side. Missing
     * twins are computed first, on the engine thread, where the sheet is then drawn and written.
     */
    public BackgroundTask<Path> exportContactSheet(Path file) {
        Path f = ImageExport.withExtension(file, "png");
        List<RemovedSample> rows = List.copyOf(gallery.visible());
        Map<Integer, AdversarialDigit> known = new HashMap<>(twins);
        List<RemovedSample> missing = rows.stream().filter(s -> !known.containsKey(s.datasetIndex())).toList();
        Path zip = modelZip.get();
        ExperimentConfig cfg = config.get();
        AttackKind kind = twinAttack();
        double eps = twinEpsilon();
        List<String> names = List.copyOf(classNames);
        String heading = title.get() + String.format(Locale.ROOT, " — clean | adversarial twin (%s, ε = %.3f)",
                kind.label(), eps);
        status.set("Drawing " + rows.size() + " samples…");
        return executor.execute(BackgroundTask.<Path>of("Export contact sheet", ctx -> {
            Map<Integer, AdversarialDigit> all = new HashMap<>(known);
            for (int from = 0; from < missing.size(); from += TWIN_BATCH) {
                ctx.cancellationToken().throwIfCancelled();
                try {
                    for (AdversarialDigit d : backend.twins(missing.subList(from, Math.min(missing.size(), from + TWIN_BATCH)),
                            zip, cfg, kind, eps)) {
                        all.put(d.index(), d);
                    }
                } catch (RuntimeException e) {
                    // Without a model the sheet still shows what was removed; the twins are left blank.
                    break;
                }
                ctx.updateProgress(from, missing.size());
            }
            BufferedImage sheet = ContactSheet.render(heading, rows, all, this::cleanImage, names);
            ImageExport.writePng(sheet, f);
            return f;
        }).onSuccess(p -> status.set("Saved the contact sheet of " + rows.size() + " samples to " + p))
                .onFailure(e -> status.set("Could not save the contact sheet: " + message(e))));
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- chart data --------------------------------------------------------------------------------------

    /** The loop's iterations without the final full-test row (which is measured on another test set size). */
    public List<IterationMetrics> loopRows() {
        return iterations.stream().filter(m -> !m.finalFullTest()).toList();
    }

    /** The final evaluation on the whole test set, or null. */
    public IterationMetrics finalRow() {
        return iterations.stream().filter(IterationMetrics::finalFullTest).reduce((a, b) -> b).orElse(null);
    }

    public double threshold() {
        return config.get() == null ? Double.NaN : config.get().unlearning().threshold();
    }

    public Metric thresholdMetric() {
        return config.get() == null ? Metric.FGSM_STABLE : config.get().unlearning().thresholdMetric();
    }

    // ---- properties --------------------------------------------------------------------------------------

    public ObservableList<IterationMetrics> iterations() {
        return iterations;
    }

    public RemovedGalleryModel gallery() {
        return gallery;
    }

    public ObjectProperty<ExperimentConfig> configProperty() {
        return config;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty showingFolderProperty() {
        return showingFolder.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> modelZipProperty() {
        return modelZip.getReadOnlyProperty();
    }

    /** Adversarial twins computed so far, by dataset index. */
    public ObservableMap<Integer, AdversarialDigit> twins() {
        return twins;
    }

    /** Increases whenever another dataset is loaded, so images cached by dataset index go stale with it. */
    public ReadOnlyIntegerProperty datasetGenerationProperty() {
        return datasetGeneration.getReadOnlyProperty();
    }

    /** The followed session's whole-run line ("Iteration 4 of 10 · … · about 4:30 left"), empty without one. */
    public ReadOnlyStringProperty sessionRunProgressProperty() {
        return sessionRunProgress.getReadOnlyProperty();
    }

    /** Whether the followed session runs; false without one. */
    public ReadOnlyBooleanProperty sessionRunningProperty() {
        return sessionRunning.getReadOnlyProperty();
    }

    /** The followed session's phase ("training", "iteration 3"), empty without one. */
    public ReadOnlyStringProperty sessionPhaseProperty() {
        return sessionPhase.getReadOnlyProperty();
    }

    /** Where the app records its runs (where "Open run folder" starts), or null if unknown. */
    public Path runsRoot() {
        return runsRoot;
    }

    public void setRunsRoot(Path root) {
        this.runsRoot = root;
    }

    /** The view saved a figure ({@code error} null) or could not; the page's status says which. */
    public void figureSaved(Path file, Exception error) {
        status.set(error == null ? "Saved " + file : "Could not save " + file + ": " + error.getMessage());
    }

    /** Increases whenever the twins are thrown away, so caches keyed on it go stale with them. */
    public ReadOnlyIntegerProperty twinGenerationProperty() {
        return twinGeneration.getReadOnlyProperty();
    }

    public ObservableList<String> classNames() {
        return classNames;
    }
}
