package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.WorstCaseScores;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Resolves a forget request as its adversary (the study's threat model, {@link ForgetSettings.Adversary}) would
 * make it, then passes it through the {@link RequestGuard}: what the adversary may name (all the training set,
 * the samples it contributed, or a mix of members and non-members it cannot tell apart), how it picks within
 * that (a seeded draw, the class, the file, or the worst by its scores) and how many it may ask for.
 */
public final class AdversarialRequests {
    /** Keeps the selected or blind adversary's pool apart from the draws the same seed makes elsewhere. */
    private static final long POOL_SALT = 0x5EEDL;

    private AdversarialRequests() {
    }

    /**
     * A request as answered.
     *
     * @param set       the training rows to forget (the accepted samples)
     * @param variant   how the samples were chosen, in words
     * @param scoreName what each sample's score is, or null when there is none
     * @param checked   the guard's verdict on each requested sample, in request order
     */
    public record Resolved(ForgetSet set, String variant, String scoreName, RequestGuard.Checked checked) {

        /** The record a result keeps of the request. */
        public ForgetResult.Requested summary(ForgetSettings.Request q) {
            ForgetSettings.Adversary a = adversary(q);
            return new ForgetResult.Requested(q.kind().id(), a.system().id(), a.trainingSet().id(), variant,
                    scoreName, checked.verdicts().size(), checked.count(RequestGuard.Status.ACCEPTED),
                    checked.count(RequestGuard.Status.REFUSED_UNSEEN),
                    checked.count(RequestGuard.Status.REFUSED_DUPLICATE),
                    checked.verdicts().stream().filter(v -> v.message() != null).map(RequestGuard.Verdict::message)
                            .toList());
        }

        /** One row per requested sample: order, source, index, label, train_row, status, score. */
        public String csv() {
            StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
            List<RequestGuard.Verdict> vs = checked.verdicts();
            for (int i = 0; i < vs.size(); i++) {
                RequestGuard.Verdict v = vs.get(i);
                double s = v.sample().score();
                b.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%s,%s%n", i + 1, v.sample().source().id(),
                        v.sample().index(), v.label(), v.trainRow(), v.status().id(),
                        Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%.6g", s)));
            }
            return b.toString();
        }

        public void writeCsv(Path file) throws IOException {
            AtomicFiles.writeString(file, csv());
        }
    }

    /** requested.csv's header. */
    public static final String CSV_HEADER = "order,source,index,label,train_row,status,score";
    /** The file a run folder keeps the requested samples of its kept repeat in. */
    public static final String CSV = "requested.csv";

    static ForgetSettings.Adversary adversary(ForgetSettings.Request q) {
        return q.adversary() == null ? ForgetSettings.Adversary.defaults() : q.adversary();
    }

    /** True when the request can only be made with the model (a worst-case request by a model-aware adversary). */
    public static boolean needsModel(ForgetSettings.Request q) {
        return q.kind() == ForgetRequestKind.WORST_CASE && adversary(q).system() != SystemKnowledge.BLIND;
    }

    /**
     * @param model     the deployed model the adversary looks at (may be null when {@link #needsModel} is false)
     * @param influence LiSSA's settings for a parameter-aware adversary
     * @param seed      draws the pool, the random samples and the probe images
     * @throws ForgetRequestException naming the field, file or line when the request cannot be answered
     */
    public static Resolved resolve(ForgetSettings.Request q, TrainingData d, RequestGuard guard, Classifier model,
                                   ForgetSettings.Influence influence, long seed, CancellationToken token) {
        ForgetSettings.Adversary a = adversary(q);
        int n = d.train().size();
        int budget = budget(a, n);
        Pool pool = pool(a, n, d.test().size(), seed);
        List<RequestedSample> asked = new ArrayList<>();
        String variant;
        String scoreName = null;
        switch (q.kind()) {
            case INDICES -> {
                asked.addAll(ForgetRequests.entries(Path.of(q.indicesFile()), n, d.test().size()).stream()
                        .map(e -> new RequestedSample(e.source(), e.index(), Double.NaN)).toList());
                variant = asked.size() + " samples listed in " + Path.of(q.indicesFile()).getFileName();
            }
            case RUN, RANDOM_FRACTION, CLASS -> {
                if (a.trainingSet() == TrainingSetKnowledge.KNOWN || q.kind() == ForgetRequestKind.RUN) {
                    ForgetSet s = ForgetRequests.resolve(q, d.train().labels(), seed);
                    Arrays.stream(s.forget()).forEach(i -> asked.add(RequestedSample.train(i)));
                    variant = s.description();
                } else if (q.kind() == ForgetRequestKind.RANDOM_FRACTION) {
                    int count = (int) Math.max(1, Math.round(q.fraction() * n));
                    asked.addAll(draw(pool.all(), count, seed, "forget.request.fraction"));
                    variant = "a random " + count + " of the adversary's " + pool.describe();
                } else {
                    List<RequestedSample> members = pool.all().stream()
                            .filter(s -> label(d, s) == q.classLabel()).toList();
                    int count = q.count() == 0 ? members.size() : q.count();
                    asked.addAll(draw(members, count, seed, "forget.request.count"));
                    variant = count + " of class " + q.classLabel() + " from the adversary's " + pool.describe();
                }
            }
            case WORST_CASE -> {
                List<RequestedSample> all = pool.all();
                if (budget > all.size()) {
                    throw new ForgetRequestException("forget.request.adversary.budget: asks for " + budget
                            + " samples but the adversary can name only " + all.size() + " (" + pool.describe() + ")");
                }
                List<WorstCaseScores.Candidates> sets = List.of(new WorstCaseScores.Candidates(d.train(),
                        pool.train()), new WorstCaseScores.Candidates(d.test(), pool.test()));
                switch (a.system()) {
                    case BLIND -> {
                        // A blind adversary has nothing to rank by: its worst case is a random request.
                        asked.addAll(draw(all, budget, seed, "forget.request.adversary.budget"));
                        variant = "random " + budget + " of the adversary's " + pool.describe()
                                + " (a blind adversary cannot rank samples)";
                    }
                    case OUTPUT_AWARE -> {
                        double[] m = WorstCaseScores.logitMargins(model, sets, token);
                        asked.addAll(pick(all, m, WorstCaseScores.worst(m, budget, false)));
                        scoreName = "logit margin (logit of the label minus the largest other), smallest first";
                        variant = "the " + budget + " with the smallest logit margin among the adversary's "
                                + pool.describe() + " (output-aware)";
                    }
                    case PARAMETER_AWARE -> {
                        WorstCaseScores.Candidates probe = new WorstCaseScores.Candidates(d.test(),
                                firstOfShuffle(Trainer.range(d.test().size()), a.probe(), new Random(seed + 1)));
                        WorstCaseScores.Candidates hessian = a.trainingSet() == TrainingSetKnowledge.BLIND
                                ? probe : new WorstCaseScores.Candidates(d.train(), pool.train());
                        double[] s = WorstCaseScores.influenceOnProbe(model, hessian, probe, sets, influence, seed,
                                token);
                        asked.addAll(pick(all, s, WorstCaseScores.worst(s, budget, true)));
                        scoreName = "influence of removal on the loss of " + probe.rows().length
                                + " test images (grad L(z)^T H^-1 grad L_probe), largest first";
                        variant = "the " + budget + " whose removal raises the loss of " + probe.rows().length
                                + " test images most (influence, LiSSA) among the adversary's " + pool.describe()
                                + " (parameter-aware)";
                    }
                    default -> throw new IllegalStateException(a.system().id());
                }
            }
            default -> throw new IllegalStateException(q.kind().id());
        }
        if (budget > 0 && asked.size() > budget) {
            throw new ForgetRequestException("forget.request.adversary.budget: the request asks for " + asked.size()
                    + " samples, more than the adversary's budget of " + budget);
        }
        RequestGuard.Checked checked = guard.check(asked);
        int[] rows = checked.acceptedRows();
        if (rows.length == 0) {
            throw new ForgetRequestException("forget.request: the request guard refused all " + asked.size()
                    + " requested samples (" + checked.counts() + "), so there is nothing to forget");
        }
        if (rows.length == n) {
            throw new ForgetRequestException("forget.request: would forget all " + n
                    + " training samples, leaving nothing to train on");
        }
        String description = variant + "; guard: " + checked.counts();
        return new Resolved(ForgetSet.of(rows, n, description), variant, scoreName, checked);
    }

    /** The budget as a count: the smaller of its limits, 0 when it has none. */
    static int budget(ForgetSettings.Adversary a, int n) {
        int byFraction = a.budgetFraction() > 0 ? (int) Math.max(1, Math.round(a.budgetFraction() * n)) : 0;
        if (a.budget() > 0 && byFraction > 0) {
            return Math.min(a.budget(), byFraction);
        }
        return Math.max(a.budget(), byFraction);
    }

    /** The rows the adversary can name: training rows, and (for a training-set-blind one) test images. */
    record Pool(int[] train, int[] test, String words) {
        List<RequestedSample> all() {
            List<RequestedSample> out = new ArrayList<>(train.length + test.length);
            Arrays.stream(train).forEach(i -> out.add(RequestedSample.train(i)));
            Arrays.stream(test).forEach(i -> out.add(RequestedSample.test(i)));
            return out;
        }

        String describe() {
            return words;
        }
    }

    static Pool pool(ForgetSettings.Adversary a, int n, int testSize, long seed) {
        Random r = new Random(seed ^ POOL_SALT);
        return switch (a.trainingSet()) {
            case KNOWN -> new Pool(Trainer.range(n), new int[0], "training set (" + n + " samples, known)");
            case SELECTED -> {
                int[] p = sorted(firstOfShuffle(Trainer.range(n), Math.min(a.pool(), n), r));
                yield new Pool(p, new int[0], p.length + " contributed training samples (selected)");
            }
            case BLIND -> {
                int[] test = sorted(firstOfShuffle(Trainer.range(testSize), Math.min(a.pool() / 2, testSize), r));
                int[] train = sorted(firstOfShuffle(Trainer.range(n), Math.min(a.pool() - test.length, n), r));
                yield new Pool(train, test, (train.length + test.length) + " images, " + train.length
                        + " of them training samples it cannot tell from the others (blind)");
            }
        };
    }

    private static int label(TrainingData d, RequestedSample s) {
        TensorData from = s.source() == RequestedSample.Source.TEST ? d.test() : d.train();
        return from.labels()[s.index()];
    }

    private static List<RequestedSample> draw(List<RequestedSample> from, int count, long seed, String field) {
        if (count > from.size()) {
            throw new ForgetRequestException(field + ": asks for " + count + " samples but the adversary can name"
                    + " only " + from.size());
        }
        int[] order = ForgetRequests.shuffled(Trainer.range(from.size()), new Random(seed));
        List<RequestedSample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(from.get(order[i]));
        }
        return out;
    }

    private static List<RequestedSample> pick(List<RequestedSample> all, double[] scores, int[] positions) {
        List<RequestedSample> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            RequestedSample s = all.get(p);
            out.add(new RequestedSample(s.source(), s.index(), scores[p]));
        }
        return out;
    }

    private static int[] firstOfShuffle(int[] values, int limit, Random r) {
        return Arrays.copyOf(ForgetRequests.shuffled(values, r), Math.min(values.length, limit));
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
