package org.unlearnlab.app.unlearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.audit.MembershipAudit;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.experiment.AmunEpsilons;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.experiment.RunAudit;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.unlearning.SisaEnsemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The Unlearning page's view of a finished forget run: the original model, the method's answer and the gold model
 * on the test set, the forgotten and the remaining rows, with their times (mean +/- std over repeats); the distance
 * to gold; every hyper-parameter; SISA's retrained shards; a collapse said in words; the membership audit (run on
 * the engine thread from here, cancellable); AMUN's per-sample epsilons; and the accuracy-by-deleted-share points of
 * a {@code --fractions} sweep.
 */
public final class ForgetResultsViewModel {

    /** Runs the membership audit of a run folder (engine thread); {@link RunAudit#audit} in the app. */
    @FunctionalInterface
    public interface AuditBackend {
        RunAudit.Result audit(Path folder, ExperimentListener events, CancellationToken token) throws IOException;
    }

    /** One model's row of the accuracy table; numbers already formatted. */
    public record FigureRow(String model, String test, String forget, String remaining, String time) {
    }

    /** One attack on one model: AUC / attack accuracy on forgotten, remaining and test rows. */
    public record AuditRow(String attack, String model, String forget, String remaining, String test) {
    }

    /** A bar of the epsilon histogram. */
    public record Bin(String label, int count) {
    }

    /** One deleted share of a sweep: test accuracy of the gold model, the method and the untouched original. */
    public record SweepPoint(double percent, double gold, double method, double original) {
    }

    private final TaskExecutor executor;
    private final AuditBackend auditBackend;

    private final ReadOnlyObjectWrapper<ForgetRunData> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyStringWrapper collapseWarning = new ReadOnlyStringWrapper(this, "collapseWarning", "");
    private final ObservableList<FigureRow> figures = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper distance = new ReadOnlyStringWrapper(this, "distance", "");
    private final ReadOnlyStringWrapper sisaRetrained = new ReadOnlyStringWrapper(this, "sisaRetrained", "");
    private final ReadOnlyStringWrapper repeatsNote = new ReadOnlyStringWrapper(this, "repeatsNote", "");
    private final ObservableList<String> hyperParameters = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> auditRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper auditNote = new ReadOnlyStringWrapper(this, "auditNote", "");
    private final ReadOnlyBooleanWrapper auditUninformative = new ReadOnlyBooleanWrapper(this, "auditUninformative");
    private final ReadOnlyBooleanWrapper auditRunning = new ReadOnlyBooleanWrapper(this, "auditRunning");
    private final ReadOnlyDoubleWrapper auditProgress = new ReadOnlyDoubleWrapper(this, "auditProgress", -1);
    private final ReadOnlyStringWrapper auditStatus = new ReadOnlyStringWrapper(this, "auditStatus", "");
    private final ObservableList<Bin> epsilonBins = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper epsilonSummary = new ReadOnlyStringWrapper(this, "epsilonSummary", "");
    private final ObservableList<SweepPoint> sweep = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper methodName = new ReadOnlyStringWrapper(this, "methodName", "");
    private final BooleanBinding showing = run.isNotNull();
    private final ReadOnlyBooleanWrapper sweepShown = new ReadOnlyBooleanWrapper(this, "sweepShown");
    private final BooleanBinding auditable;
    private BackgroundTask<RunAudit.Result> auditTask;

    public ForgetResultsViewModel(TaskExecutor executor, AuditBackend auditBackend) {
        this.executor = Objects.requireNonNull(executor);
        this.auditBackend = Objects.requireNonNull(auditBackend);
        // A sweep keeps no forget set (removed.csv) to audit.
        auditable = Bindings.createBooleanBinding(() -> run.get() != null && !auditRunning.get() && !sweepShown.get(),
                run, auditRunning, sweepShown);
    }

    // ---- actions -----------------------------------------------------------------------------------------

    /** Shows {@code data}, or nothing when it is null (a run of the paper's loop). */
    public void show(ForgetRunData data) {
        if (auditTask != null && (data == null || run.get() == null || !data.folder().equals(run.get().folder()))) {
            cancelAudit();
        }
        run.set(data);
        if (data == null) {
            clearAll();
            return;
        }
        ForgetResult r = data.result();
        methodName.set(r.method());
        boolean sweepRun = isSweep(r);
        sweepShown.set(sweepRun);
        // A sweep's table shows its first share (the chart shows all of them); repeats show the kept one's request.
        ForgetResult.Repeat kept = sweepRun ? r.repeats().get(0) : r.kept();
        heading.set(String.format(Locale.ROOT, "%s: %s on %s, %,d training and %,d test images. Request: %s "
                        + "(%,d rows forgotten, %,d remain)%s.", r.name(), r.method(),
                r.hyperParameters().model().preset().displayName(), r.trainSize(), r.testSize(),
                sweepRun ? "a sweep of " + r.repeats().size() + " random shares" : kept.request(),
                kept.forgetSize(), kept.remainingSize(), sweepRun ? " at the first share; the chart shows every share"
                        : r.repeats().size() > 1 ? "; " + r.repeats().size() + " repeats" : ""));
        collapseWarning.set(collapse(r));
        figures.setAll(sweepRun ? figureRows(r.method(), List.of(r.repeats().get(0))) : figureRows(r.method(),
                r.repeats()));
        distance.set(distance(r.method(), sweepRun ? List.of(r.repeats().get(0)) : r.repeats()));
        sisaRetrained.set(sisa(sweepRun ? List.of(r.repeats().get(0)) : r.repeats()));
        repeatsNote.set(!sweepRun && r.repeats().size() > 1 ? String.format(Locale.ROOT, "Mean +/- standard deviation "
                + "over %d repeats (seeds %d to %d); the folder keeps the models of repeat %d, the closest to the "
                + "mean.", r.repeats().size(), r.repeats().get(0).seed(),
                r.repeats().get(r.repeats().size() - 1).seed(), r.keptRepeat()) : "");
        hyperParameters.setAll(hyperParameters(r.hyperParameters()));
        showAudit(data.audit(), r.method());
        showEpsilons(data.epsilons());
        sweep.setAll(sweepRun ? r.repeats().stream().map(p -> new SweepPoint(100.0 * p.forgetSize() / r.trainSize(),
                p.gold().test(), p.method().test(), p.original().test())).toList() : List.of());
    }

    /** Runs the membership audit of the run on show in the background; its figures replace the shown ones. */
    public void runAudit() {
        ForgetRunData data = run.get();
        if (data == null || auditRunning.get()) {
            return;
        }
        auditRunning.set(true);
        auditProgress.set(-1);
        auditStatus.set("Auditing " + data.folder().getFileName() + "…");
        auditTask = BackgroundTask.of("Membership audit of " + data.folder().getFileName(), ctx ->
                auditBackend.audit(data.folder(), new ExperimentListener() {
                    @Override
                    public void log(String line) {
                        ctx.updateMessage(line);
                    }
                }, ctx.cancellationToken()));
        BackgroundTask<RunAudit.Result> task = auditTask;
        task.messageProperty().addListener((obs, old, m) -> {
            if (task == auditTask && m != null && !m.isEmpty()) {
                auditStatus.set(m);
            }
        });
        task.onSuccess(result -> {
                    if (task != auditTask) {
                        return;
                    }
                    finishAudit("Audit done; written to " + RunAudit.FILE + " in the run folder.");
                    run.set(data.withAudit(result));
                    showAudit(result, data.result().method());
                })
                .onCancelled(() -> {
                    if (task == auditTask) {
                        finishAudit("Audit cancelled.");
                    }
                })
                .onFailure(e -> {
                    if (task == auditTask) {
                        finishAudit("Audit failed: " + Errors.message(e));
                    }
                });
        executor.execute(task);
    }

    /** Stops the running audit within one batch. */
    public void cancelAudit() {
        if (auditTask != null) {
            auditTask.cancel();
        }
    }

    private void finishAudit(String status) {
        auditTask = null;
        auditRunning.set(false);
        auditProgress.set(0);
        auditStatus.set(status);
    }

    // ---- what is shown -----------------------------------------------------------------------------------

    private void clearAll() {
        heading.set("");
        collapseWarning.set("");
        figures.clear();
        distance.set("");
        sisaRetrained.set("");
        repeatsNote.set("");
        hyperParameters.clear();
        auditRows.clear();
        auditNote.set("");
        auditUninformative.set(false);
        auditStatus.set("");
        epsilonBins.clear();
        epsilonSummary.set("");
        sweep.clear();
        methodName.set("");
        sweepShown.set(false);
    }

    /** A sweep answers one random share per "repeat", all with the first seed; true repeats differ in seed. */
    static boolean isSweep(ForgetResult r) {
        return r.repeats().size() > 1 && r.repeats().stream().allMatch(p -> p.seed() == r.repeats().get(0).seed());
    }

    static String collapse(ForgetResult r) {
        List<String> out = new ArrayList<>();
        for (ForgetResult.Repeat p : r.repeats()) {
            String who = r.repeats().size() > 1 ? " (" + (isSweep(r) ? p.forgetSize() + " rows forgotten"
                    : "repeat " + p.repeat()) + ")" : "";
            if (p.method().collapse() != null && !r.method().equals(ForgetMethod.RETRAIN.id())) {
                out.add("The " + r.method() + " model" + who + " " + p.method().collapse() + ": it answers (almost) "
                        + "one class whatever the image, so it forgot everything, not just the request.");
            }
            if (p.gold().collapse() != null) {
                out.add("The gold model" + who + " " + p.gold().collapse() + ".");
            }
            if (p.original().collapse() != null) {
                out.add("The original model" + who + " " + p.original().collapse() + ".");
            }
        }
        return out.stream().distinct().collect(Collectors.joining(" "));
    }

    static List<FigureRow> figureRows(String method, List<ForgetResult.Repeat> reps) {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(row("original", reps, ForgetResult.Repeat::original));
        if (reps.get(0).sisaBefore() != null) {
            rows.add(row("sisa before the request", reps, ForgetResult.Repeat::sisaBefore));
        }
        boolean retrain = method.equals(ForgetMethod.RETRAIN.id());
        if (!retrain) {
            rows.add(row(method, reps, ForgetResult.Repeat::method));
        }
        rows.add(row(retrain ? "retrain = gold" : "gold (retrained)", reps, ForgetResult.Repeat::gold));
        return rows;
    }

    private static FigureRow row(String name, List<ForgetResult.Repeat> reps,
                                 java.util.function.Function<ForgetResult.Repeat, ForgetResult.ModelFigures> of) {
        return new FigureRow(name, stat(reps, p -> of.apply(p).test(), "%.4f"),
                stat(reps, p -> of.apply(p).forget(), "%.4f"), stat(reps, p -> of.apply(p).remaining(), "%.4f"),
                reps.size() == 1 ? seconds(of.apply(reps.get(0)).millis() / 1000.0)
                        : stat(reps, p -> of.apply(p).millis() / 1000.0, "%.1f s"));
    }

    /** "0.9374" for one repeat, "0.9374 ± 0.0050" (sample std) for several. */
    static String stat(List<ForgetResult.Repeat> reps, ToDoubleFunction<ForgetResult.Repeat> f, String format) {
        double mean = reps.stream().mapToDouble(f).average().orElse(Double.NaN);
        if (reps.size() < 2) {
            return String.format(Locale.ROOT, format, mean);
        }
        double ss = reps.stream().mapToDouble(p -> Math.pow(f.applyAsDouble(p) - mean, 2)).sum();
        double std = Math.sqrt(ss / (reps.size() - 1));
        return String.format(Locale.ROOT, format + " ± " + format, mean, std).replace(" s ±", " ±");
    }

    private static String seconds(double s) {
        return org.unlearnlab.engine.report.ForgetSideBySide.seconds(s);
    }

    private static String distance(String method, List<ForgetResult.Repeat> reps) {
        if (method.equals(ForgetMethod.RETRAIN.id())) {
            return "Retraining is the gold model: its distance to gold is zero by definition.";
        }
        return "Distance to gold: test prediction agreement " + stat(reps, p -> p.distance().testAgreement(), "%.4f")
                + ", forget-accuracy gap " + stat(reps, p -> p.distance().forgetGap(), "%.4f")
                + ", remaining-accuracy gap " + stat(reps, p -> p.distance().remainingGap(), "%.4f")
                + " (0 gap and agreement 1 = as if the rows had never been seen).";
    }

    static String sisa(List<ForgetResult.Repeat> reps) {
        List<String> out = new ArrayList<>();
        for (ForgetResult.Repeat p : reps) {
            List<SisaEnsemble.Retrained> list = p.sisaRetrained();
            if (list == null) {
                continue;
            }
            String what = list.isEmpty() ? "no shard (no forgotten row was in the ensemble)" : list.stream()
                    .map(t -> "shard " + t.shard() + " from slice " + t.fromSlice() + " (" + t.slices() + " slice"
                            + (t.slices() == 1 ? "" : "s") + ", " + t.rowsForgotten() + " rows forgotten)")
                    .collect(Collectors.joining("; "));
            out.add((reps.size() > 1 ? "Repeat " + p.repeat() + ": " : "") + "SISA retrained " + what + ".");
        }
        return String.join(" ", out);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every setting as "section.name = value", flattened from the result's model, training and forget sections. */
    static List<String> hyperParameters(ForgetResult.HyperParameters h) {
        List<String> out = new ArrayList<>();
        flatten("", JSON.valueToTree(h), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, List<String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.add(prefix + " = " + node.asText());
        }
    }

    private void showAudit(RunAudit.Result audit, String method) {
        auditRows.clear();
        if (sweepShown.get()) {
            auditNote.set("A sweep answers one request per share and keeps no forget set: audit a run of one request.");
            auditUninformative.set(false);
            return;
        }
        if (audit == null) {
            auditNote.set("Not audited yet: Run membership audit measures how well loss-, confidence- and MIA-NN "
                    + "attacks tell the forgotten rows from unseen test images, for each model beside the gold one.");
            auditUninformative.set(false);
            return;
        }
        for (String attack : List.of("loss", "confidence", "mia-nn")) {
            for (RunAudit.ModelAudit m : audit.models()) {
                m.attacks().stream().filter(a -> a.attack().equals(attack)).findFirst().ifPresent(a ->
                        auditRows.add(new AuditRow(attack, m.model().equals("gold") && method.equals("retrain")
                                ? "gold (= retrain)" : m.model(), pair(a.forgetAuc(), a.forgetAccuracy()),
                                pair(a.remainingAuc(), a.remainingAccuracy()), pair(a.testAuc(), a.testAccuracy()))));
            }
        }
        auditUninformative.set(!audit.informative());
        auditNote.set((audit.informative() ? "Informative: " : "Uninformative: ")
                + audit.note().replaceFirst("^(un)?informative: ", "") + ". Gold model: " + audit.gold() + "; "
                + audit.forgetSize() + " forgotten rows.");
    }

    private static String pair(double auc, double acc) {
        return String.format(Locale.ROOT, "%.3f / %.3f", auc, acc);
    }

    private void showEpsilons(List<AmunEpsilons.Entry> entries) {
        epsilonBins.clear();
        if (entries.isEmpty()) {
            epsilonSummary.set("");
            return;
        }
        // AMUN's bounds are epsilonStart x growth^k: a few distinct values, one bar each.
        TreeMap<Double, Integer> counts = new TreeMap<>();
        int unflipped = 0;
        for (AmunEpsilons.Entry e : entries) {
            if (Double.isNaN(e.epsilon())) {
                unflipped++;
            } else {
                counts.merge(e.epsilon(), 1, Integer::sum);
            }
        }
        counts.forEach((eps, n) -> epsilonBins.add(new Bin(String.format(Locale.ROOT, "%.3g", eps), n)));
        if (unflipped > 0) {
            epsilonBins.add(new Bin("not flipped", unflipped));
        }
        double[] found = entries.stream().mapToDouble(AmunEpsilons.Entry::epsilon).filter(e -> !Double.isNaN(e))
                .sorted().toArray();
        epsilonSummary.set(found.length == 0
                ? String.format(Locale.ROOT, "None of the %d forgotten samples flipped within the largest bound.",
                entries.size())
                : String.format(Locale.ROOT, "%d of %d forgotten samples flipped; epsilon median %.3g, mean %.3g, "
                        + "largest %.3g (L-inf, pixels 0 to 1).", found.length, entries.size(),
                found[found.length / 2], java.util.Arrays.stream(found).average().orElse(Double.NaN),
                found[found.length - 1]));
    }

    // ---- properties --------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ForgetRunData> runProperty() { return run.getReadOnlyProperty(); }
    /** True while a forget run is on show. */
    public BooleanBinding showingProperty() { return showing; }
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    /** Empty unless a model collapsed; then what happened, in words. */
    public ReadOnlyStringProperty collapseWarningProperty() { return collapseWarning.getReadOnlyProperty(); }
    public ObservableList<FigureRow> figures() { return figures; }
    public ReadOnlyStringProperty distanceProperty() { return distance.getReadOnlyProperty(); }
    /** Empty unless the method is SISA. */
    public ReadOnlyStringProperty sisaRetrainedProperty() { return sisaRetrained.getReadOnlyProperty(); }
    public ReadOnlyStringProperty repeatsNoteProperty() { return repeatsNote.getReadOnlyProperty(); }
    public ObservableList<String> hyperParameters() { return hyperParameters; }
    public ObservableList<AuditRow> auditRows() { return auditRows; }
    public ReadOnlyStringProperty auditNoteProperty() { return auditNote.getReadOnlyProperty(); }
    /** True when the audit says the gold model itself sits near AUC 0.5. */
    public ReadOnlyBooleanProperty auditUninformativeProperty() { return auditUninformative.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty auditRunningProperty() { return auditRunning.getReadOnlyProperty(); }
    /** -1 (indeterminate) while the audit runs. */
    public ReadOnlyDoubleProperty auditProgressProperty() { return auditProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty auditStatusProperty() { return auditStatus.getReadOnlyProperty(); }
    /** True when a run is on show and no audit runs. */
    public BooleanBinding auditableProperty() { return auditable; }
    /** Empty unless the method is AMUN. */
    public ObservableList<Bin> epsilonBins() { return epsilonBins; }
    public ReadOnlyStringProperty epsilonSummaryProperty() { return epsilonSummary.getReadOnlyProperty(); }
    /** Empty unless the run is a {@code --fractions} sweep. */
    public ObservableList<SweepPoint> sweep() { return sweep; }
    public ReadOnlyStringProperty methodNameProperty() { return methodName.getReadOnlyProperty(); }
}
