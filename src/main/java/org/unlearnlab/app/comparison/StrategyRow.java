package org.unlearnlab.app.comparison;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the Compare page's table: the starting model ("base") or one strategy, with its newest iteration
 * row, its iteration curve so far, its state and its diagnostics. Changed by the view-model on the FX thread.
 */
public final class StrategyRow {
    private final String id;
    private final String label;
    private final List<IterationMetrics> iterations = new ArrayList<>();
    private final ReadOnlyObjectWrapper<IterationMetrics> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private final ReadOnlyObjectWrapper<DiagnosticsReport> diagnostics = new ReadOnlyObjectWrapper<>(this, "diagnostics");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");

    StrategyRow(String id, String label, String state) {
        this.id = id;
        this.label = label;
        this.state.set(state);
    }

    /** "base" for the starting model, else the strategy id (also its run folder's name). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The iteration rows so far, in order (the last may be the final full-test row). */
    public List<IterationMetrics> iterations() {
        return List.copyOf(iterations);
    }

    /** The newest iteration row, or null before the first. */
    public ReadOnlyObjectProperty<IterationMetrics> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiagnosticsReport> diagnosticsProperty() {
        return diagnostics.getReadOnlyProperty();
    }

    /** "waiting", "running", "done", "unfinished", "not run", "cancelled". */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    void add(IterationMetrics m) {
        iterations.add(m);
        latest.set(m);
    }

    void setIterations(List<IterationMetrics> rows) {
        iterations.clear();
        iterations.addAll(rows);
        latest.set(rows.isEmpty() ? null : rows.get(rows.size() - 1));
    }

    /** For the starting model's row, which has no iterations of its own: the strategies' shared iteration 0. */
    void setLatest(IterationMetrics m) {
        latest.set(m);
    }

    void setDiagnostics(DiagnosticsReport report) {
        diagnostics.set(report);
    }

    void setState(String s) {
        state.set(s);
    }

    @Override
    public String toString() {
        return id;
    }
}
