package org.unlearnlab.app.attacklab;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.SweepPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * State of the attack lab: which test digits are shown and how they are attacked, their attacked versions,
 * the accuracy-vs-epsilon sweep, and the user's own drawing. All engine work goes through the one
 * {@link TaskExecutor}; a newer request cancels the older one of the same kind, so that dragging the slider
 * never leaves stale attacks queued on the engine thread, and a cancelled task never applies its result.
 */
public class AttackLabViewModel {
    public static final int DEFAULT_COUNT = 24;
    public static final double MAX_EPSILON = 0.5;
    public static final int DEFAULT_SWEEP_SUBSET = 500;
    /**
     * C&amp;W attacks at most this many of the chosen digits: it runs hundreds of model passes where FGSM runs one,
     * on the engine thread every other page waits for.
     */
    public static final int CW_MAX_DIGITS = 8;
    /** 0, 0.05, … 0.5: fine enough to see where accuracy collapses, 11 attacks of each kind. */
    public static final double[] SWEEP_EPSILONS = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};

    private final TaskExecutor executor;
    private final AttackBackend backend;
    private final Debouncer debouncer;

    private final ObjectProperty<DigitChoice> choice = new SimpleObjectProperty<>(this, "choice", DigitChoice.RANDOM);
    private final ObjectProperty<Integer> digitClass = new SimpleObjectProperty<>(this, "digitClass");
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", DEFAULT_COUNT);
    private final ObjectProperty<AttackKind> kind = new SimpleObjectProperty<>(this, "kind", AttackKind.FGSM_STABLE);
    private final DoubleProperty epsilon = new SimpleDoubleProperty(this, "epsilon", 0.1);
    private final ObjectProperty<ExperimentConfig.Attack> settings =
            new SimpleObjectProperty<>(this, "settings", ExperimentConfig.defaults().attack());

    private final ObservableList<AdversarialDigit> digits = FXCollections.observableArrayList();
    private final ObjectProperty<AdversarialDigit> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<String> classNames = FXCollections.observableArrayList(
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private final ReadOnlyObjectWrapper<Double> shownEpsilon = new ReadOnlyObjectWrapper<>(this, "shownEpsilon");
    private final ReadOnlyObjectWrapper<AttackKind> shownKind = new ReadOnlyObjectWrapper<>(this, "shownKind");
    private final ReadOnlyIntegerWrapper flipped = new ReadOnlyIntegerWrapper(this, "flipped");
    private final ReadOnlyIntegerWrapper zeroGradient = new ReadOnlyIntegerWrapper(this, "zeroGradient");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper epsilonApplies = new ReadOnlyBooleanWrapper(this, "epsilonApplies", true);

    private final ObservableList<SweepPoint> sweepPoints = FXCollections.observableArrayList();
    private final IntegerProperty sweepSubset = new SimpleIntegerProperty(this, "sweepSubset", DEFAULT_SWEEP_SUBSET);
    private final ReadOnlyDoubleWrapper sweepProgress = new ReadOnlyDoubleWrapper(this, "sweepProgress", 0);
    private final ReadOnlyBooleanWrapper sweepRunning = new ReadOnlyBooleanWrapper(this, "sweepRunning");
    private final ReadOnlyStringWrapper sweepStatus = new ReadOnlyStringWrapper(this, "sweepStatus",
            "Not computed yet: press Compute.");

    private final ReadOnlyObjectWrapper<float[]> drawProbabilities = new ReadOnlyObjectWrapper<>(this, "drawProbabilities");
    private final ObjectProperty<Integer> drawLabel = new SimpleObjectProperty<>(this, "drawLabel");
    private final ReadOnlyObjectWrapper<AdversarialDigit> drawAttack = new ReadOnlyObjectWrapper<>(this, "drawAttack");
    private final BooleanProperty centreDrawing = new SimpleBooleanProperty(this, "centreDrawing", true);
    private float[] drawing = new float[784];

    /** The digits picked; C&amp;W shows only the first of them (see {@link #forKind}). */
    private int[] chosen = new int[0];
    private long seed = 1;
    private BackgroundTask<?> attackTask;
    private BackgroundTask<?> sweepTask;
    private BackgroundTask<?> predictTask;
    private BackgroundTask<?> drawAttackTask;

    public AttackLabViewModel(TaskExecutor executor, AttackBackend backend, Debouncer debouncer) {
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
        this.debouncer = Objects.requireNonNull(debouncer);
        epsilon.addListener((obs, old, e) -> {
            if (kindUsesEpsilon()) {
                debouncer.request(this::reattack);
            }
        });
        kind.addListener((obs, old, k) -> {
            epsilonApplies.set(kindUsesEpsilon());
            debouncer.request(this::reattack);
        });
        settings.addListener((obs, old, s) -> debouncer.request(this::reattack));
        choice.addListener((obs, old, c) -> pickDigits());
        digitClass.addListener((obs, old, c) -> pickDigits());
        count.addListener((obs, old, c) -> pickDigits());
    }

    /**
     * Follows the app: the Experiment page's attack settings (its epsilon once, as the slider's start), a new
     * model (attacked again, its stale sweep cleared) and a newly loaded dataset (new digits); then shows the
     * first digits.
     *
     * @param dataset the test images the digits come from, or anything that changes with them
     */
    public void follow(ObservableValue<ExperimentConfig> config, ObservableValue<ModelInfo> model,
                       ObservableValue<?> dataset) {
        ExperimentConfig c = config.getValue();
        if (c != null) {
            settings.set(c.attack());
            epsilon.set(Math.min(MAX_EPSILON, c.attack().epsilon()));
        }
        config.addListener((obs, old, now) -> {
            if (now != null) {
                settings.set(now.attack());
            }
        });
        model.addListener((obs, old, m) -> {
            if (m != null) {
                modelChanged();
            }
        });
        dataset.addListener((obs, old, d) -> {
            if (d != null) {
                pickDigits();
            }
        });
        pickDigits();
    }

    // ---- digits ------------------------------------------------------------------------------------------

    /** Shows a fresh draw of digits with the current choice (a new random seed). */
    public void newDigits() {
        seed++;
        pickDigits();
    }

    /** Chooses digits by the current choice and seed, then attacks them. */
    public void pickDigits() {
        DigitChoice c = Objects.requireNonNullElse(choice.get(), DigitChoice.RANDOM);
        Integer cls = digitClass.get();
        int n = Math.max(1, count.get());
        long s = seed;
        AttackKind k = kind.get();
        double e = epsilon.get();
        ExperimentConfig.Attack st = settings.get();
        String what = c == DigitChoice.RANDOM ? "random" : c.toString().toLowerCase(Locale.ROOT);
        runAttack("Choosing " + n + " " + what + " digits" + (cls == null ? "" : " of class " + className(cls)) + "…",
                () -> {
                    int[] idx = DigitPicker.pick(backend, c, cls, n, s);
                    return new Attacked(idx, backend.attack(forKind(idx, k), k, e, st), backend.classNames(), k, e);
                });
    }

    /** Attacks the digits on screen again with the current attack and epsilon (the slider's live update). */
    public void reattack() {
        if (chosen.length == 0 && digits.isEmpty()) {
            pickDigits();
        } else {
            AttackKind k = kind.get();
            int[] idx = chosen.clone();
            int shown = forKind(idx, k).length;
            double e = epsilon.get();
            ExperimentConfig.Attack st = settings.get();
            runAttack(k.usesEpsilon()
                            ? String.format(Locale.ROOT, "Attacking %d digits with %s at ε = %.3f…", shown, k.label(), e)
                            : String.format(Locale.ROOT, "Attacking %d digits with %s…", shown, k.label()),
                    () -> new Attacked(idx, backend.attack(forKind(idx, k), k, e, st), backend.classNames(), k, e));
        }
        if (drawAttack.get() != null) {
            attackDrawing();
        }
    }

    /** C&amp;W takes the first {@link #CW_MAX_DIGITS} of the chosen digits; the other attacks take them all. */
    static int[] forKind(int[] idx, AttackKind k) {
        return k.usesEpsilon() || idx.length <= CW_MAX_DIGITS ? idx : java.util.Arrays.copyOf(idx, CW_MAX_DIGITS);
    }

    private boolean kindUsesEpsilon() {
        return kind.get() == null || kind.get().usesEpsilon();
    }

    private record Attacked(int[] indices, List<AdversarialDigit> digits, List<String> classNames, AttackKind kind,
                            double epsilon) {
    }

    private void runAttack(String message, java.util.concurrent.Callable<Attacked> work) {
        if (attackTask != null) {
            attackTask.cancel();
        }
        busy.set(true);
        status.set(message);
        BackgroundTask<Attacked> task = BackgroundTask.of("Attack lab", ctx -> work.call()).quick();
        attackTask = task;
        task.onSuccess(this::show)
                .onFailure(err -> {
                    if (attackTask == task) {
                        status.set("Could not attack: " + describe(err));
                    }
                })
                .onFinished(() -> {
                    if (attackTask == task) {
                        busy.set(false);
                        attackTask = null;
                    }
                });
        executor.execute(task);
    }

    private void show(Attacked a) {
        chosen = a.indices();
        if (!classNames.equals(a.classNames())) {
            classNames.setAll(a.classNames());
        }
        AdversarialDigit previous = selected.get();
        digits.setAll(a.digits());
        shownEpsilon.set(a.epsilon());
        shownKind.set(a.kind());
        int f = 0;
        int z = 0;
        for (AdversarialDigit d : a.digits()) {
            f += d.flipped() ? 1 : 0;
            z += d.zeroGradient() ? 1 : 0;
        }
        flipped.set(f);
        zeroGradient.set(z);
        AdversarialDigit again = null;
        if (previous != null) {
            for (AdversarialDigit d : a.digits()) {
                if (d.index() == previous.index()) {
                    again = d;
                }
            }
        }
        selected.set(again);
        if (a.digits().isEmpty()) {
            status.set("No test digit matches this choice" + (digitClass.get() == null ? "" : " in class "
                    + className(digitClass.get())) + ".");
        } else {
            status.set(a.kind().usesEpsilon()
                    ? String.format(Locale.ROOT, "%s at ε = %.3f: %d of %d predictions flipped%s.",
                    a.kind().label(), a.epsilon(), f, a.digits().size(),
                    z == 0 ? "" : "; " + z + " with a zero gradient (the attack could not move them)")
                    : carliniWagnerStatus(a.digits(), f, a.indices().length));
        }
    }

    /** C&amp;W has no ε: its status is how far it had to move the digits it flipped. */
    static String carliniWagnerStatus(List<AdversarialDigit> shown, int flippedCount, int chosenCount) {
        double[] d = shown.stream().filter(AdversarialDigit::flipped).mapToDouble(AdversarialDigit::l2Distance)
                .sorted().toArray();
        String median = d.length == 0 ? "" : String.format(Locale.ROOT, ", median L2 distance %.2f",
                d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2);
        String cap = chosenCount > shown.size()
                ? String.format(Locale.ROOT, " (the first %d of %d: C&W takes hundreds of model passes per digit)",
                shown.size(), chosenCount) : "";
        return String.format(Locale.ROOT, "C&W L2, no ε (it finds the smallest change it can)%s: %d of %d predictions "
                + "flipped%s.", cap, flippedCount, shown.size(), median);
    }

    // ---- sweep -------------------------------------------------------------------------------------------

    /** Computes accuracy against epsilon for all three attacks on the first {@link #sweepSubsetProperty()} test images. */
    public void runSweep() {
        cancelSweep();
        sweepPoints.clear();
        int subset = Math.max(1, sweepSubset.get());
        ExperimentConfig.Attack st = settings.get();
        double[] eps = SWEEP_EPSILONS.clone();
        sweepRunning.set(true);
        sweepProgress.set(0);
        sweepStatus.set("Attacking " + subset + " test images at " + eps.length + " values of ε…");
        BackgroundTask<List<SweepPoint>> task = BackgroundTask.of("Accuracy vs ε", ctx -> {
            List<SweepPoint> done = new ArrayList<>();
            return backend.sweep(subset, eps, st, p -> {
                done.add(p);
                int n = done.size();
                ctx.updateProgress(n, eps.length);
                executor.uiExecutor().execute(() -> {
                    if (sweepTask != null && !sweepTask.isCancelled()) {
                        sweepPoints.add(p);
                        sweepProgress.set(n / (double) eps.length);
                    }
                });
            }, ctx.cancellationToken());
        });
        sweepTask = task;
        task.onSuccess(points -> {
                    sweepPoints.setAll(points);
                    sweepProgress.set(1);
                    sweepStatus.set(String.format(Locale.ROOT, "%d test images, %d values of ε; PGD: %d steps.",
                            points.isEmpty() ? subset : points.get(0).evaluated(), points.size(), st.pgdSteps()));
                })
                .onFailure(err -> sweepStatus.set("Sweep failed: " + describe(err)))
                .onCancelled(() -> sweepStatus.set("Sweep cancelled."))
                .onFinished(() -> {
                    if (sweepTask == task) {
                        sweepRunning.set(false);
                        sweepTask = null;
                    }
                });
        executor.execute(task);
    }

    public void cancelSweep() {
        if (sweepTask != null) {
            sweepTask.cancel();
            sweepTask = null;
            sweepRunning.set(false);
        }
    }

    // ---- drawing -----------------------------------------------------------------------------------------

    /** The user's drawing changed: classify it (the newest drawing wins; older predictions are cancelled). */
    public void setDrawing(float[] pixels) {
        drawing = pixels.clone();
        drawAttack.set(null);
        if (predictTask != null) {
            predictTask.cancel();
        }
        if (DrawingPad.isBlank(drawing)) {
            drawProbabilities.set(null);
            return;
        }
        float[] input = modelInput();
        BackgroundTask<float[]> task = BackgroundTask.of("Classify drawing", ctx -> backend.probabilities(input)).quick();
        predictTask = task;
        task.onSuccess(drawProbabilities::set)
                .onFailure(err -> status.set("Could not classify the drawing: " + describe(err)));
        executor.execute(task);
    }

    /** Attacks the drawing, taking {@link #drawLabelProperty()} (or else the model's own answer) as the truth. */
    public void attackDrawing() {
        if (DrawingPad.isBlank(drawing)) {
            drawAttack.set(null);
            return;
        }
        if (drawAttackTask != null) {
            drawAttackTask.cancel();
        }
        float[] input = modelInput();
        Integer given = drawLabel.get();
        AttackKind k = kind.get();
        double e = epsilon.get();
        ExperimentConfig.Attack st = settings.get();
        BackgroundTask<AdversarialDigit> task = BackgroundTask.of("Attack drawing", ctx -> {
            int label = given != null ? given : argMax(backend.probabilities(input));
            return backend.attackImage(input, label, k, e, st);
        }).quick();
        drawAttackTask = task;
        task.onSuccess(drawAttack::set)
                .onFailure(err -> status.set("Could not attack the drawing: " + describe(err)));
        executor.execute(task);
    }

    /** What the model is shown for the drawing: centred like MNIST unless the user turned that off. */
    public float[] modelInput() {
        return centreDrawing.get() ? DrawingPad.centred(drawing) : drawing.clone();
    }

    // ---- model changes -----------------------------------------------------------------------------------

    /** The model changed: predictions of everything shown are stale. */
    public void modelChanged() {
        cancelSweep();
        sweepPoints.clear();
        sweepProgress.set(0);
        sweepStatus.set("The model changed: press Compute for its curve.");
        reattack();
        if (!DrawingPad.isBlank(drawing)) {
            setDrawing(drawing);
        }
    }

    static int argMax(float[] p) {
        return AdversarialDigit.argMax(p);
    }

    private String className(int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }

    static String describe(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- properties --------------------------------------------------------------------------------------

    public ObjectProperty<DigitChoice> choiceProperty() {
        return choice;
    }

    /** null: every class. */
    public ObjectProperty<Integer> digitClassProperty() {
        return digitClass;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public ObjectProperty<AttackKind> kindProperty() {
        return kind;
    }

    public DoubleProperty epsilonProperty() {
        return epsilon;
    }

    /** PGD steps, step size and start; the experiment config's, so the lab attacks like the loop does. */
    public ObjectProperty<ExperimentConfig.Attack> settingsProperty() {
        return settings;
    }

    public ObservableList<AdversarialDigit> digits() {
        return digits;
    }

    public ObjectProperty<AdversarialDigit> selectedProperty() {
        return selected;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    /** The epsilon the shown digits were attacked with (the slider may be ahead while an attack runs). */
    public ReadOnlyObjectProperty<Double> shownEpsilonProperty() {
        return shownEpsilon.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AttackKind> shownKindProperty() {
        return shownKind.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty flippedProperty() {
        return flipped.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty zeroGradientProperty() {
        return zeroGradient.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** False for C&amp;W, which has no ε: the slider does not apply to it. */
    public ReadOnlyBooleanProperty epsilonAppliesProperty() {
        return epsilonApplies.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<SweepPoint> sweepPoints() {
        return sweepPoints;
    }

    public IntegerProperty sweepSubsetProperty() {
        return sweepSubset;
    }

    public ReadOnlyDoubleProperty sweepProgressProperty() {
        return sweepProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sweepRunningProperty() {
        return sweepRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sweepStatusProperty() {
        return sweepStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<float[]> drawProbabilitiesProperty() {
        return drawProbabilities.getReadOnlyProperty();
    }

    /** The true label of the drawing as the user states it; null takes the model's clean prediction. */
    public ObjectProperty<Integer> drawLabelProperty() {
        return drawLabel;
    }

    public ReadOnlyObjectProperty<AdversarialDigit> drawAttackProperty() {
        return drawAttack.getReadOnlyProperty();
    }

    public BooleanProperty centreDrawingProperty() {
        return centreDrawing;
    }
}
