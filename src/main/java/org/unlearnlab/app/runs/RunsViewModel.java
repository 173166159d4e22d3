package org.unlearnlab.app.runs;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.common.charts.IterationOverlayChart.RunCurve;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.experiment.RunResumption;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.runs.RunEntry;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;
import org.unlearnlab.engine.runs.RunSummary;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Runs page: the run history of one runs folder (the app's {@link RunStore} unless the user picks
 * another), filtered and sorted; open, re-run and delete runs; overlay the curves of the selected runs.
 * All file work (listing, reading metrics and configs, deleting) runs on the app's file executor, never on
 * the FX thread and never behind a training on the engine thread.
 */
public final class RunsViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppContext context;
    /** The app's own folder (the jar and its lib/): runs kept there would go with the next update. */
    private final Path installDir;
    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>(this, "root");
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final FilteredList<RunRow> filtered = new FilteredList<>(runs);
    private final SortedList<RunRow> sorted = new SortedList<>(filtered);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<RunRow> selection = FXCollections.observableArrayList();
    private final ObservableList<RunCurve> overlay = FXCollections.observableArrayList();
    private final ObjectProperty<Metric> overlayMetric = new SimpleObjectProperty<>(this, "overlayMetric",
            Metric.FGSM_STABLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final BooleanBinding oneSelected = Bindings.size(selection).isEqualTo(1);
    private final BooleanBinding resumable;
    private final BooleanBinding deletable = Bindings.createBooleanBinding(
            () -> !selection.isEmpty() && selection.stream().noneMatch(RunRow::running), selection);
    /** Bumped by every overlay request, so a slow read for an older selection cannot overwrite a newer one. */
    private int overlayGeneration;

    public RunsViewModel(AppContext context) {
        this(context, installDir());
    }

    /** @param installDir where the app is installed (runs folders there are refused); null if unknown */
    RunsViewModel(AppContext context, Path installDir) {
        this.context = context;
        this.installDir = installDir == null ? null : installDir.toAbsolutePath().normalize();
        root.set(context.runStore().root());
        resumable = Bindings.createBooleanBinding(
                () -> selection.size() == 1 && selection.get(0).resumable()
                        && !context.experimentSession().runningProperty().get(),
                selection, context.experimentSession().runningProperty());
        filtered.predicateProperty().bind(Bindings.createObjectBinding(
                () -> row -> row.matches(filter.get()), filter));
        selection.addListener((ListChangeListener<RunRow>) c -> loadOverlay());
        // A run that just ended changed its folder, and one may have ended while another page showed:
        // show the current state without asking for a refresh.
        context.experimentSession().statusProperty().addListener((obs, old, status) -> {
            if (status != null && status.isFinished()) {
                refresh();
            }
        });
        context.pageProperty().addListener((obs, old, page) -> {
            if (page == WorkbenchPage.RUNS) {
                refresh();
            }
        });
    }

    // ---- listing -----------------------------------------------------------------------------------------

    public void refresh() {
        Path dir = root.get();
        RunStore store = new RunStore(dir);
        loading.set(true);
        context.fileExecutor().execute(BackgroundTask.<List<RunEntry>>of("Listing runs", ctx -> store.list()))
                .onSuccess(entries -> {
                    if (!dir.equals(root.get())) {
                        return;
                    }
                    Set<Path> keep = selection.stream().map(RunRow::folder).collect(Collectors.toSet());
                    runs.setAll(entries.stream().map(RunsViewModel::row).toList());
                    // The view re-selects these (its selection model owns the selection).
                    selection.setAll(runs.stream().filter(r -> keep.contains(r.folder())).toList());
                    message.set(entries.isEmpty() ? "No runs yet in " + dir + ". Run an experiment and it appears here."
                            : entries.size() + " run(s) in " + dir);
                })
                .onFailure(e -> message.set("Cannot list runs in " + dir + ": " + Errors.message(e)))
                .onFinished(() -> loading.set(false));
    }

    /**
     * Shows the runs of another folder (the command line's --out folders, a colleague's runs). New runs of this
     * app are still recorded in the app's runs folder.
     *
     * @return false (with the reason in {@link #messageProperty()}) for a folder inside the app's install
     */
    public boolean chooseRoot(Path dir) {
        Path chosen = dir.toAbsolutePath().normalize();
        if (installDir != null && chosen.startsWith(installDir)) {
            message.set("Runs are not kept inside the app's install folder " + installDir
                    + " (an update would remove them): choose a folder outside it.");
            return false;
        }
        show(chosen);
        return true;
    }

    /** Back to the app's own runs folder ($UNLEARNLAB_RUNS or ~/.unlearnlab/runs), wherever that is. */
    public void useAppRoot() {
        show(context.runStore().root());
    }

    private void show(Path dir) {
        root.set(dir);
        selection.clear();
        runs.clear();
        refresh();
    }

    public boolean showingAppRoot() {
        return root.get().toAbsolutePath().normalize()
                .equals(context.runStore().root().toAbsolutePath().normalize());
    }

    static RunRow row(RunEntry entry) {
        RunSummary s = entry.summary();
        IterationMetrics last = s.lastIteration();
        return new RunRow(
                s.name() == null ? entry.folder().getFileName().toString() : s.name(),
                s.started() == null ? "" : WHEN.format(s.started().atZone(ZoneId.systemDefault())),
                strategyLabel(s.strategy()),
                modelLabel(s.modelPreset()),
                s.status(),
                accuracy(last, Metric.CLEAN),
                accuracy(last, Metric.FGSM_STABLE),
                accuracy(last, Metric.FGSM_PAPER),
                last == null || last.fgsmPaper() == null ? -1 : last.fgsmPaper().zeroGradientCount(),
                accuracy(last, Metric.PGD),
                s.removedTotal(),
                s.iterationsDone(),
                last != null && last.finalFullTest(),
                entry.folder(),
                s.message() == null ? "" : s.message());
    }

    private static double accuracy(IterationMetrics m, Metric metric) {
        if (m == null) {
            return Double.NaN;
        }
        // A summary written before that attack was evaluated has no entry for it.
        Object summary = switch (metric) {
            case CLEAN -> m.clean();
            case FGSM_STABLE -> m.fgsmStable();
            case FGSM_PAPER -> m.fgsmPaper();
            case PGD -> m.pgd();
        };
        return summary == null ? Double.NaN : m.metric(metric);
    }

    private static String strategyLabel(String id) {
        if (id == null) {
            return "";
        }
        try {
            return UnlearningStrategy.fromId(id).label();
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String modelLabel(String id) {
        if (id == null) {
            return "";
        }
        try {
            return ModelPreset.fromId(id).displayName();
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    // ---- actions on the selection ------------------------------------------------------------------------

    /** Shows the selected run's charts, gallery and config on the Unlearning page. */
    public void openSelected() {
        RunRow row = single("open");
        if (row != null) {
            message.set("Opened " + row.name() + " on the Unlearning page");
            context.openRun(row.folder());
        }
    }

    /** Loads the selected run's config.json into the Experiment page, ready to press Run. */
    public void rerunSelected() {
        RunRow row = single("run again");
        if (row == null) {
            return;
        }
        context.fileExecutor().execute(BackgroundTask.<ExperimentConfig>of("Reading config of " + row.name(),
                        ctx -> RunFolder.open(row.folder()).readConfig())
                .onSuccess(config -> {
                    message.set("Loaded the config of " + row.name() + " into the Experiment page");
                    context.statusMessageProperty().set("Loaded the config of run '" + row.name()
                            + "': check it and press Run to run it again");
                    context.rerun(config);
                })
                .onFailure(e -> message.set("Cannot read the config of " + row.name() + ": " + Errors.message(e))));
    }

    /**
     * Continues the selected run (incomplete, cancelled or failed) from its last finished iteration in its own
     * folder, through the app's experiment session on the engine thread, and shows it live on the Unlearning page
     * like a new run. Whether the folder can be resumed is checked first (files only), so a run without a resume
     * state is refused here with its reason.
     */
    public void resumeSelected() {
        RunRow row = single("resume");
        if (row == null) {
            return;
        }
        if (!row.resumable()) {
            message.set("'" + row.name() + "' is " + row.status() + ": only an incomplete, cancelled or failed run"
                    + " can be resumed");
            return;
        }
        if (context.experimentSession().runningProperty().get()) {
            message.set("Another run is going: wait for it to end or cancel it before resuming '" + row.name() + "'");
            return;
        }
        context.fileExecutor().execute(BackgroundTask.<RunResumption>of("Checking " + row.name(),
                        ctx -> RunResumption.open(row.folder()))
                .onSuccess(resumption -> {
                    if (context.experimentSession().runningProperty().get()) {
                        message.set("Another run started meanwhile: '" + row.name() + "' was not resumed");
                        return;
                    }
                    context.experimentSession().resume(resumption.config(), row.folder());
                    message.set("Resuming " + row.name() + " after iteration "
                            + Math.max(0, resumption.lastFinishedIteration()) + " on the Unlearning page");
                    context.pageProperty().set(WorkbenchPage.UNLEARNING);
                })
                .onFailure(e -> message.set("Cannot resume " + row.name() + ": " + Errors.message(e))));
    }

    /** Why the selection cannot be deleted (nothing selected, a run still running), or null when it can. */
    public String deleteRefusal() {
        if (selection.isEmpty()) {
            return "Select the runs to delete first";
        }
        for (RunRow r : selection) {
            if (r.running()) {
                return "'" + r.name() + "' is still running: cancel it (or wait for it to end) before deleting it";
            }
        }
        return null;
    }

    /**
     * Deletes the selected run folders (the view asks for confirmation first); refuses while one of them runs.
     * The store checks again on disk, so a run that started in the meantime is refused too.
     */
    public void deleteSelected() {
        String refusal = deleteRefusal();
        if (refusal != null) {
            message.set(refusal);
            return;
        }
        List<RunRow> doomed = List.copyOf(selection);
        RunStore store = new RunStore(root.get());
        context.fileExecutor().execute(BackgroundTask.<List<String>>of("Deleting runs", ctx -> {
                    List<String> problems = new ArrayList<>();
                    for (RunRow r : doomed) {
                        try {
                            store.delete(r.folder());
                        } catch (IOException e) {
                            problems.add(Errors.message(e));
                        }
                    }
                    return problems;
                })
                .onSuccess(problems -> {
                    refresh();
                    message.set(problems.isEmpty() ? "Deleted " + describe(doomed)
                            : "Not everything was deleted: " + String.join("; ", problems));
                })
                .onFailure(e -> message.set("Cannot delete: " + Errors.message(e))));
    }

    /** "run 'a'" or "3 runs". */
    public static String describe(List<RunRow> rows) {
        return rows.size() == 1 ? "run '" + rows.get(0).name() + "'" : rows.size() + " runs";
    }

    /** Puts the selected run's folder path where {@code clipboard} wants it; the view passes the system clipboard. */
    public void copySelectedFolder(Consumer<String> clipboard) {
        RunRow row = single("copy its folder path");
        if (row != null) {
            clipboard.accept(row.folder().toAbsolutePath().toString());
            message.set("Copied " + row.folder().toAbsolutePath());
        }
    }

    private RunRow single(String action) {
        if (selection.size() != 1) {
            message.set("Select one run to " + action);
            return null;
        }
        return selection.get(0);
    }

    // ---- overlay -----------------------------------------------------------------------------------------

    /** Two or more selected runs: read their iteration rows for the overlay chart. */
    private void loadOverlay() {
        int generation = ++overlayGeneration;
        if (selection.size() < 2) {
            overlay.clear();
            return;
        }
        List<RunRow> rows = List.copyOf(selection);
        Map<String, Long> nameCounts = rows.stream().collect(Collectors.groupingBy(RunRow::name, Collectors.counting()));
        context.fileExecutor().execute(BackgroundTask.<List<RunCurve>>of("Reading run metrics", ctx -> {
                    List<RunCurve> curves = new ArrayList<>();
                    for (RunRow r : rows) {
                        // Two runs of one config share a name: the date tells their series apart.
                        String name = nameCounts.get(r.name()) > 1 ? r.name() + " (" + r.started() + ")" : r.name();
                        curves.add(new RunCurve(name, Files.isDirectory(r.folder())
                                ? RunFolder.open(r.folder()).readIterations() : List.of()));
                    }
                    return curves;
                })
                .onSuccess(curves -> {
                    if (generation == overlayGeneration) {
                        overlay.setAll(curves);
                    }
                })
                .onFailure(e -> {
                    if (generation == overlayGeneration) {
                        overlay.clear();
                        message.set("Cannot read the metrics to compare: " + Errors.message(e));
                    }
                }));
    }

    // ---- properties --------------------------------------------------------------------------------------

    /** Every run of the folder, newest first. */
    public ObservableList<RunRow> runs() {
        return runs;
    }

    /** The runs the table shows: filtered by {@link #filterProperty()}; bind its comparator to the table's. */
    public SortedList<RunRow> visibleRuns() {
        return sorted;
    }

    /** Words that must all occur in a run's name, strategy, model or status. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The selected runs; the view mirrors the table's selection into it. */
    public ObservableList<RunRow> selection() {
        return selection;
    }

    public BooleanBinding oneSelectedProperty() {
        return oneSelected;
    }

    /** One run is selected, it stopped before its end, and no other run is going: Resume applies. */
    public BooleanBinding resumableProperty() {
        return resumable;
    }

    /** Something is selected and none of it is running. */
    public BooleanBinding deletableProperty() {
        return deletable;
    }

    /** The selected runs' iteration rows, when two or more are selected. */
    public ObservableList<RunCurve> overlay() {
        return overlay;
    }

    public ObjectProperty<Metric> overlayMetricProperty() {
        return overlayMetric;
    }

    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Where the app records its runs, for the page's subtitle. */
    public String storeLocation() {
        return context.runStore().root().toAbsolutePath().toString();
    }

    /**
     * The folder of the running jar (the installed app) or of the class folder's build (a checkout); null when
     * the class loader does not say.
     */
    static Path installDir() {
        try {
            Path code = Path.of(RunsViewModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
