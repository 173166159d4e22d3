package org.unlearnlab.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules a config must satisfy before an experiment may start. {@link ConfigFiles} only checks that a file
 * has the right shape, so that the GUI can load a config with a bad value and point at it; this class says
 * which values are bad.
 */
public final class ConfigValidator {
    static final int MAX_NAME_LENGTH = 80;

    private ConfigValidator() {
    }

    /** Every problem, in the order of the fields in a config file; empty if the config can run. */
    public static List<ConfigProblem> problems(ExperimentConfig config) {
        return findings(config).stream().map(f -> new ConfigProblem(f.field(), f.message())).toList();
    }

    /**
     * @param sourceName the file (or other origin) named in the message
     * @throws ConfigException for the first problem, e.g. {@code x.json: attack.epsilon must be between 0 and 1 (is 1.5)}
     */
    public static void check(ExperimentConfig config, String sourceName) throws ConfigException {
        List<Finding> found = findings(config);
        if (!found.isEmpty()) {
            Finding f = found.get(0);
            String value = f.value() == null ? "" : " (is " + render(f.value()) + ")";
            throw new ConfigException(sourceName + ": " + f.field() + " " + f.message() + value, f.field());
        }
    }

    /** A problem plus the offending value, which the one-line message quotes and the GUI does not need. */
    private record Finding(String field, String message, Object value) {
    }

    private static List<Finding> findings(ExperimentConfig c) {
        Rules r = new Rules();
        name(r, c.name());

        ExperimentConfig.Data data = c.data();
        boolean trainLimitValid = false;
        if (r.present("data", data)) {
            if (data.folder() != null && data.folder().isBlank()) {
                r.add("data.folder", "must not be blank; leave it out for the bundled MNIST", data.folder());
            }
            trainLimitValid = limit(r, "data.trainLimit", data.trainLimit(), 100);
            limit(r, "data.testLimit", data.testLimit(), 10);
        }

        ExperimentConfig.Model model = c.model();
        if (r.present("model", model)) {
            r.present("model.preset", model.preset());
        }

        ExperimentConfig.Training t = c.training();
        if (r.present("training", t)) {
            r.between("training.epochs", t.epochs(), 1, 1000);
            r.between("training.batchSize", t.batchSize(), 1, 4096);
            r.aboveZeroAtMostOne("training.learningRate", t.learningRate());
            if (t.seed() < 1) {
                r.add("training.seed", "must be at least 1 (ND4J treats 0 as unseeded)", t.seed());
            }
        }

        ExperimentConfig.Attack a = c.attack();
        if (r.present("attack", a)) {
            if (r.finite("attack.epsilon", a.epsilon()) && (a.epsilon() < 0 || a.epsilon() > 1)) {
                r.add("attack.epsilon", "must be between 0 and 1", a.epsilon());
            }
            r.present("attack.fgsmVariant", a.fgsmVariant());
            r.between("attack.pgdSteps", a.pgdSteps(), 1, 1000);
            r.aboveZeroAtMostOne("attack.pgdStepSize", a.pgdStepSize());
        }

        ExperimentConfig.Unlearning u = c.unlearning();
        if (r.present("unlearning", u)) {
            r.present("unlearning.strategy", u.strategy());
            boolean kValid = r.atLeast("unlearning.samplesPerIteration", u.samplesPerIteration(), 1);
            boolean iterationsValid = r.between("unlearning.maxIterations", u.maxIterations(), 0, 10_000);
            r.aboveZeroAtMostOne("unlearning.threshold", u.threshold());
            r.present("unlearning.thresholdMetric", u.thresholdMetric());
            r.present("unlearning.retrain", u.retrain());
            r.between("unlearning.retrainEpochs", u.retrainEpochs(), 1, 1000);
            r.atLeast("unlearning.poolSize", u.poolSize(), 0);
            r.present("unlearning.rankingSource", u.rankingSource());
            // With trainLimit 0 the training set size is only known once the data is loaded; the engine checks then.
            // A forget run does not run the loop, so its budget cannot empty the training set.
            if (kValid && iterationsValid && trainLimitValid && data.trainLimit() > 0 && c.forget() == null) {
                long removable = (long) u.samplesPerIteration() * u.maxIterations();
                if (removable >= data.trainLimit()) {
                    r.add("unlearning.maxIterations", "would remove every training sample ("
                            + u.samplesPerIteration() + " x " + u.maxIterations() + " >= trainLimit "
                            + data.trainLimit() + ")", null);
                }
            }
        }

        ExperimentConfig.Evaluation e = c.evaluation();
        if (r.present("evaluation", e)) {
            r.atLeast("evaluation.iterationSubset", e.iterationSubset(), 0);
        }
        if (c.backdoor() != null) {
            backdoor(r, c.backdoor(), data);
        }
        if (c.forget() != null) {
            forget(r, c.forget(), trainLimitValid ? data.trainLimit() : 0);
            approximateForgetting(r, c.forget());
        }
        if (c.healing() != null) {
            healing(r, c.healing(), c.forget(), trainLimitValid ? data.trainLimit() : 0);
        }
        return r.found;
    }

    /** The healing section: it follows a forget request answered by one model; its lists name what is run. */
    private static void healing(Rules r, HealingSettings h, ForgetSettings f, int trainLimit) {
        if (f == null) {
            r.add("healing", "needs a forget section (healing fine-tunes the model that answered a request)", null);
        } else if (f.method() == ForgetMethod.SISA) {
            r.add("healing", "cannot follow forget.method sisa (an ensemble, not one model to fine-tune)", null);
        }
        if (r.atLeast("healing.spareSize", h.spareSize(), 1) && trainLimit > 0 && h.spareSize() >= trainLimit / 2) {
            r.add("healing.spareSize", "must be below half of data.trainLimit (" + trainLimit + ")", h.spareSize());
        }
        boolean strategies = r.present("healing.strategies", h.strategies())
                && noNulls(r, "healing.strategies", h.strategies());
        boolean metrics = r.present("healing.metrics", h.metrics()) && noNulls(r, "healing.metrics", h.metrics());
        if (strategies && metrics && h.strategies().contains(HealingStrategy.TWINS) && h.metrics().isEmpty()) {
            r.add("healing.metrics", "must name at least one metric for the twins strategy", null);
        }
        r.atLeast("healing.featureLayer", h.featureLayer(), HealingSettings.LAST_HIDDEN);
        if (list(r, "healing.data", h.data()) && strategies && h.strategies().isEmpty()
                && h.data().contains(HealingData.REMAINING_PLUS_HEALING)) {
            r.add("healing.strategies", "must name a strategy for " + HealingData.REMAINING_PLUS_HEALING, null);
        }
        if (list(r, "healing.epochs", h.epochs())) {
            for (int i = 0; i < h.epochs().size(); i++) {
                r.between("healing.epochs[" + i + "]", h.epochs().get(i), 0, 1000);
            }
        }
    }

    /** A list that must be set, must not be empty, and holds no missing element (the empty list is reported). */
    private static boolean list(Rules r, String field, List<?> values) {
        if (!r.present(field, values) || !noNulls(r, field, values)) {
            return false;
        }
        if (values.isEmpty()) {
            r.add(field, "must not be empty", null);
        }
        return true;
    }

    private static boolean noNulls(Rules r, String field, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (!r.present(field + "[" + i + "]", values.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The forget section: what the request needs for its kind; SISA's shape. */
    private static void forget(Rules r, ForgetSettings f, int trainLimit) {
        r.present("forget.method", f.method());
        r.between("forget.repeats", f.repeats(), 1, 100);
        ForgetSettings.Request q = f.request();
        if (r.present("forget.request", q) && r.present("forget.request.kind", q.kind())) {
            switch (q.kind()) {
                case RANDOM_FRACTION -> {
                    if (r.finite("forget.request.fraction", q.fraction())
                            && (q.fraction() <= 0 || q.fraction() >= 1)) {
                        r.add("forget.request.fraction", "must be greater than 0 and less than 1", q.fraction());
                    }
                }
                case CLASS -> {
                    r.between("forget.request.classLabel", q.classLabel(), 0, 9);
                    if (r.atLeast("forget.request.count", q.count(), 0) && trainLimit > 0 && q.count() >= trainLimit) {
                        r.add("forget.request.count", "must be less than data.trainLimit (" + trainLimit + ")",
                                q.count());
                    }
                }
                case INDICES -> blankPath(r, "forget.request.indicesFile", q.indicesFile(), "a file of indices");
                case RUN -> blankPath(r, "forget.request.runFolder", q.runFolder(), "a run folder");
                case WORST_CASE -> {
                    ForgetSettings.Adversary a = q.adversary();
                    if (a != null && a.budget() == 0 && a.budgetFraction() == 0) {
                        r.add("forget.request.adversary.budget", "must be set (or budgetFraction) for a worst-case"
                                + " request: it asks for exactly its budget", null);
                    }
                }
            }
            adversary(r, q, trainLimit);
        }
        ForgetSettings.Sisa s = f.sisa();
        if (r.present("forget.sisa", s)) {
            boolean shards = r.between("forget.sisa.shards", s.shards(), 1, 64);
            boolean slices = r.between("forget.sisa.slices", s.slices(), 1, 64);
            if (shards && slices && trainLimit > 0 && (long) s.shards() * s.slices() > trainLimit) {
                r.add("forget.sisa.slices", "would leave an empty slice: shards x slices (" + s.shards() + " x "
                        + s.slices() + ") is more than data.trainLimit (" + trainLimit + ")", null);
            }
        }
    }

    /** The threat model: a budget that can be met, and knowledge that means something for the kind. */
    private static void adversary(Rules r, ForgetSettings.Request q, int trainLimit) {
        ForgetSettings.Adversary a = q.adversary();
        if (!r.present("forget.request.adversary", a)) {
            return;
        }
        if (r.atLeast("forget.request.adversary.budget", a.budget(), 0) && trainLimit > 0
                && a.budget() >= trainLimit) {
            r.add("forget.request.adversary.budget", "must be less than data.trainLimit (" + trainLimit + ")",
                    a.budget());
        }
        if (r.finite("forget.request.adversary.budgetFraction", a.budgetFraction())
                && (a.budgetFraction() < 0 || a.budgetFraction() >= 1)) {
            r.add("forget.request.adversary.budgetFraction", "must be at least 0 and less than 1 (0 = no limit)",
                    a.budgetFraction());
        }
        boolean system = r.present("forget.request.adversary.system", a.system());
        boolean trainingSet = r.present("forget.request.adversary.trainingSet", a.trainingSet());
        boolean fromFile = q.kind() == ForgetRequestKind.INDICES || q.kind() == ForgetRequestKind.RUN;
        if (trainingSet && fromFile && a.trainingSet() != TrainingSetKnowledge.KNOWN) {
            r.add("forget.request.adversary.trainingSet", "must be known for a request read from a file or run"
                    + " (the file says what is asked; test images in it are refused by the request guard)",
                    a.trainingSet().id());
        }
        if (system && fromFile && a.system() != SystemKnowledge.BLIND) {
            r.add("forget.request.adversary.system", "must be blind for a request read from a file or run (only"
                    + " a worst-case request uses the model)", a.system().id());
        }
        if (trainingSet && a.trainingSet() != TrainingSetKnowledge.KNOWN) {
            if (r.atLeast("forget.request.adversary.pool", a.pool(), 1) && trainLimit > 0
                    && a.pool() > trainLimit) {
                r.add("forget.request.adversary.pool", "must be at most data.trainLimit (" + trainLimit + ")",
                        a.pool());
            }
        }
        if (system && a.system() == SystemKnowledge.PARAMETER_AWARE) {
            r.atLeast("forget.request.adversary.probe", a.probe(), 1);
        }
    }

    private static void blankPath(Rules r, String field, String value, String what) {
        if (value == null || value.isBlank()) {
            r.add(field, "must name " + what + " for this request kind", null);
        }
    }

    /** The settings of the approximate forgetting methods (fisher, influence, amun). */
    private static void approximateForgetting(Rules r, ForgetSettings f) {
        ForgetSettings.Fisher fi = f.fisher();
        if (r.present("forget.fisher", fi)) {
            r.notNegative("forget.fisher.alpha", fi.alpha());
            r.aboveZero("forget.fisher.damping", fi.damping(), "the Fisher diagonal is inverted");
            r.atLeast("forget.fisher.samples", fi.samples(), 0);
            r.between("forget.fisher.batchSize", fi.batchSize(), 1, 4096);
            r.notNegative("forget.fisher.clip", fi.clip());
            r.notNegative("forget.fisher.maxStepNorm", fi.maxStepNorm());
        }
        ForgetSettings.Influence in = f.influence();
        if (r.present("forget.influence", in)) {
            if (r.finite("forget.influence.damping", in.damping()) && (in.damping() < 0 || in.damping() >= 1)) {
                r.add("forget.influence.damping", "must be at least 0 and below 1", in.damping());
            }
            r.between("forget.influence.depth", in.depth(), 1, 1_000_000);
            r.aboveZero("forget.influence.scale", in.scale(), "LiSSA divides the Hessian by it");
            r.between("forget.influence.batchSize", in.batchSize(), 1, 65_536);
            r.atLeast("forget.influence.removalBatch", in.removalBatch(), 1);
            r.notNegative("forget.influence.maxNorm", in.maxNorm());
        }
        ForgetSettings.Amun a = f.amun();
        if (r.present("forget.amun", a)) {
            boolean startValid = r.finite("forget.amun.epsilonStart", a.epsilonStart());
            if (startValid && (a.epsilonStart() <= 0 || a.epsilonStart() > 1)) {
                r.add("forget.amun.epsilonStart", "must be greater than 0 and at most 1", a.epsilonStart());
                startValid = false;
            }
            if (r.finite("forget.amun.epsilonGrowth", a.epsilonGrowth()) && a.epsilonGrowth() <= 1) {
                r.add("forget.amun.epsilonGrowth", "must be greater than 1 (the bound grows until the label flips)",
                        a.epsilonGrowth());
            }
            if (r.finite("forget.amun.epsilonMax", a.epsilonMax()) && (a.epsilonMax() > 1
                    || (startValid && a.epsilonMax() < a.epsilonStart()))) {
                r.add("forget.amun.epsilonMax", "must be at least epsilonStart and at most 1", a.epsilonMax());
            }
            r.between("forget.amun.pgdSteps", a.pgdSteps(), 1, 1000);
            r.between("forget.amun.epochs", a.epochs(), 1, 1000);
        }
    }

    private static void name(Rules r, String name) {
        if (name == null || name.isBlank()) {
            r.add("name", "must not be blank", null);
        } else if (name.length() > MAX_NAME_LENGTH) {
            r.add("name", "must be at most " + MAX_NAME_LENGTH + " characters", name.length() + " characters");
        } else if (!name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_'
                || ch == '.' || ch == ' ')) {
            // The name becomes part of a run folder's name.
            r.add("name", "may contain only letters, digits, spaces, '-', '_' and '.'", name);
        }
    }

    private static void backdoor(Rules r, BackdoorSettings b, ExperimentConfig.Data data) {
        BackdoorSettings.Trigger t = b.trigger();
        if (r.present("backdoor.trigger", t) && r.between("backdoor.trigger.size", t.size(), 1, 14)) {
            r.between("backdoor.trigger.row", t.row(), 0, 28 - t.size());
            r.between("backdoor.trigger.col", t.col(), 0, 28 - t.size());
            if (r.finite("backdoor.trigger.value", t.value()) && (t.value() < 0 || t.value() > 1)) {
                r.add("backdoor.trigger.value", "must be between 0 and 1", t.value());
            }
        }
        r.between("backdoor.target", b.target(), 0, 9);
        if (r.finite("backdoor.rate", b.rate()) && (b.rate() <= 0 || b.rate() >= 0.9)) {
            r.add("backdoor.rate", "must be greater than 0 and below 0.9 (share of the training set poisoned)",
                    b.rate());
        }
        BackdoorSettings.Sau s = b.sau();
        if (r.present("backdoor.sau", s)) {
            if (r.atLeast("backdoor.sau.cleanSize", s.cleanSize(), 10) && data != null && data.trainLimit() > 0
                    && s.cleanSize() >= data.trainLimit() / 2) {
                r.add("backdoor.sau.cleanSize", "must be below half of data.trainLimit (" + data.trainLimit() + ")",
                        s.cleanSize());
            }
            r.between("backdoor.sau.epochs", s.epochs(), 1, 10_000);
            r.between("backdoor.sau.batchSize", s.batchSize(), 1, 4096);
            r.aboveZeroAtMostOne("backdoor.sau.learningRate", s.learningRate());
            r.aboveZeroAtMostOne("backdoor.sau.epsilon", s.epsilon());
            r.between("backdoor.sau.pgdSteps", s.pgdSteps(), 1, 1000);
            r.aboveZeroAtMostOne("backdoor.sau.pgdStepSize", s.pgdStepSize());
            weight(r, "backdoor.sau.attackAdversarialWeight", s.attackAdversarialWeight());
            weight(r, "backdoor.sau.attackSharedWeight", s.attackSharedWeight());
            weight(r, "backdoor.sau.cleanWeight", s.cleanWeight());
            weight(r, "backdoor.sau.adversarialWeight", s.adversarialWeight());
            weight(r, "backdoor.sau.sharedWeight", s.sharedWeight());
        }
        r.present("backdoor.baselines", b.baselines());
    }

    private static void weight(Rules r, String field, double value) {
        if (r.finite(field, value) && (value < 0 || value > 100)) {
            r.add(field, "must be between 0 and 100", value);
        }
    }

    private static boolean limit(Rules r, String field, int value, int minimum) {
        if (value < 0) {
            r.add(field, "must not be negative", value);
            return false;
        } else if (value > 0 && value < minimum) {
            r.add(field, "must be 0 (all) or at least " + minimum, value);
            return false;
        }
        return true;
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return "\"" + ConfigException.oneLine(s, 60) + "\"";
        }
        return String.valueOf(value);
    }

    private static final class Rules {
        final List<Finding> found = new ArrayList<>();

        void add(String field, String message, Object value) {
            found.add(new Finding(field, message, value));
        }

        boolean present(String field, Object value) {
            if (value == null) {
                add(field, "must be set", null);
                return false;
            }
            return true;
        }

        boolean between(String field, long value, long min, long max) {
            if (value < min || value > max) {
                add(field, "must be between " + min + " and " + max, value);
                return false;
            }
            return true;
        }

        boolean atLeast(String field, long value, long min) {
            if (value < min) {
                add(field, min == 0 ? "must not be negative" : "must be at least " + min, value);
                return false;
            }
            return true;
        }

        boolean finite(String field, double value) {
            if (!Double.isFinite(value)) {
                add(field, "must be a finite number", value);
                return false;
            }
            return true;
        }

        void notNegative(String field, double value) {
            if (finite(field, value) && value < 0) {
                add(field, "must not be negative", value);
            }
        }

        void aboveZero(String field, double value, String why) {
            if (finite(field, value) && value <= 0) {
                add(field, "must be greater than 0 (" + why + ")", value);
            }
        }

        void aboveZeroAtMostOne(String field, double value) {
            if (finite(field, value) && (value <= 0 || value > 1)) {
                add(field, "must be greater than 0 and at most 1", value);
            }
        }
    }
}
