package org.unlearnlab.app.comparison;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.report.ForgetSideBySide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Compare page's forget table: several forget run folders (one request answered by different methods) side by
 * side, one row per folder, in the columns of {@link ForgetSideBySide} (the report's table).
 */
public final class ForgetComparisonViewModel {
    private final TaskExecutor fileExecutor;
    private final ObservableList<ForgetSideBySide.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper requestNote = new ReadOnlyStringWrapper(this, "requestNote", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding showing = Bindings.isNotEmpty(rows);

    public ForgetComparisonViewModel(TaskExecutor fileExecutor) {
        this.fileExecutor = Objects.requireNonNull(fileExecutor);
    }

    /**
     * Adds the forget run in {@code dir}, or, when {@code dir} is a folder of runs, every forget run in it; a folder
     * already in the table is read again in place. Reads on the file executor.
     */
    public void add(Path dir) {
        if (dir == null) {
            return;
        }
        message.set("Reading " + dir + " …");
        fileExecutor.execute(BackgroundTask.of("Reading forget runs in " + dir.getFileName(), ctx -> read(dir)))
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        message.set(dir + ": no forget run here (a forget run folder holds forget-result.json)");
                        return;
                    }
                    for (ForgetSideBySide.Row r : found) {
                        int at = indexOf(r.folder());
                        if (at >= 0) {
                            rows.set(at, r);
                        } else {
                            rows.add(r);
                        }
                    }
                    updateNote();
                    message.set("Added " + found.size() + " forget run" + (found.size() == 1 ? "" : "s") + " from "
                            + dir);
                })
                .onFailure(e -> message.set("Cannot read " + dir + ": " + Errors.message(e)));
    }

    static List<ForgetSideBySide.Row> read(Path dir) throws IOException {
        List<ForgetSideBySide.Row> out = new ArrayList<>();
        if (ForgetSideBySide.isForgetRun(dir)) {
            out.add(ForgetSideBySide.read(dir.getFileName().toString(), dir));
            return out;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path c : children.filter(ForgetSideBySide::isForgetRun).sorted().toList()) {
                out.add(ForgetSideBySide.read(c.getFileName().toString(), c));
            }
        }
        return out;
    }

    private int indexOf(Path folder) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).folder().equals(folder)) {
                return i;
            }
        }
        return -1;
    }

    /** Empties the table. */
    public void clear() {
        rows.clear();
        updateNote();
        message.set("");
    }

    /** Takes one run out of the table. */
    public void remove(ForgetSideBySide.Row row) {
        rows.remove(row);
        updateNote();
    }

    private void updateNote() {
        Set<String> requests = ForgetSideBySide.requests(rows);
        long collapsed = rows.stream().filter(r -> r.collapse() != null).count();
        String note = requests.isEmpty() ? "" : requests.size() == 1 ? "Request: " + requests.iterator().next() + "."
                : "Caution: these runs answered " + requests.size() + " different requests ("
                + String.join("; ", requests) + "): their rows are not strictly comparable.";
        if (collapsed > 0) {
            note += " " + collapsed + " method" + (collapsed == 1 ? "" : "s")
                    + " collapsed (marked): a collapsed model answers one class whatever the image.";
        }
        requestNote.set(note);
    }

    /** The table's column titles, as in the report. */
    public List<String> header() {
        return ForgetSideBySide.header();
    }

    /** The cells of one row, as in the report. */
    public List<String> cells(ForgetSideBySide.Row row) {
        return ForgetSideBySide.cells(row);
    }

    public ObservableList<ForgetSideBySide.Row> rows() {
        return rows;
    }

    /** True when the table holds at least one run. */
    public BooleanBinding showingProperty() {
        return showing;
    }

    /** The request the rows answered, or a caution when they differ, and a word on collapsed methods. */
    public ReadOnlyStringProperty requestNoteProperty() {
        return requestNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
