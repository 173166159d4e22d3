package org.unlearnlab.app.runs;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.engine.experiment.IterationMetrics;
import org.unlearnlab.engine.experiment.Metric;
import org.unlearnlab.engine.experiment.UnlearningStrategy;
import org.unlearnlab.engine.model.ModelPreset;
import org.unlearnlab.engine.runs.RunEntry;
import org.unlearnlab.engine.runs.RunStore;
import org.unlearnlab.engine.runs.RunSummary;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/** The Runs page: the run folders of the app's {@link RunStore}, newest first, refreshed off the FX thread. */
public final class RunsViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppContext context;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    public RunsViewModel(AppContext context) {
        this.context = context;
        // A run that just ended changed its folder: show it without asking for a refresh.
        context.experimentSession().statusProperty().addListener((obs, old, status) -> {
            if (status != null && status.isFinished()) {
                refresh();
            }
        });
    }

    public void refresh() {
        RunStore store = context.runStore();
        loading.set(true);
        context.fileExecutor().execute(BackgroundTask.<List<RunEntry>>of("Listing runs", ctx -> store.list()))
                .onSuccess(entries -> {
                    RunRow keep = selected.get();
                    runs.setAll(entries.stream().map(RunsViewModel::row).toList());
                    if (keep != null) {
                        runs.stream().filter(r -> r.folder().equals(keep.folder())).findFirst().ifPresent(selected::set);
                    }
                    message.set(entries.isEmpty() ? "No runs yet in " + store.root()
                            + ". Run an experiment and it appears here."
                            : entries.size() + " run(s) in " + store.root());
                })
                .onFailure(e -> message.set("Cannot list runs in " + store.root() + ": " + Errors.message(e)))
                .onFinished(() -> loading.set(false));
    }

    /** Puts the selected run's folder path where {@code clipboard} wants it; the view passes the system clipboard. */
    public void copySelectedFolder(Consumer<String> clipboard) {
        RunRow row = selected.get();
        if (row == null) {
            message.set("Select a run first");
            return;
        }
        clipboard.accept(row.folder().toAbsolutePath().toString());
        message.set("Copied " + row.folder().toAbsolutePath());
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
                accuracy(last, Metric.PGD),
                s.iterationsDone(),
                entry.folder(),
                s.message() == null ? "" : s.message());
    }

    private static double accuracy(IterationMetrics m, Metric metric) {
        try {
            return m == null ? Double.NaN : m.metric(metric);
        } catch (NullPointerException missing) {
            // A summary written before that attack was evaluated has no entry for it.
            return Double.NaN;
        }
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

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObjectProperty<RunRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Where the runs are, for the page's subtitle. */
    public String storeLocation() {
        return context.runStore().root().toAbsolutePath().toString();
    }
}
