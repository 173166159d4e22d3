package org.unlearnlab.engine.experiment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.eval.CollapseCheck;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.experiment.ForgetResult.GoldDistance;
import org.unlearnlab.engine.experiment.ForgetResult.ModelFigures;
import org.unlearnlab.engine.experiment.ForgetResult.Repeat;
import org.unlearnlab.engine.experiment.ForgetResult.Stat;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.Retraining;
import org.unlearnlab.engine.unlearning.SisaEnsemble;
import org.unlearnlab.engine.unlearning.UnlearningMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.ToDoubleFunction;

/**
 * Answers a config's forget request: trains the original model on the (config-limited) training set, resolves
 * the request, answers it with the config's method and, always, with the gold model (retrained from scratch on
 * the remaining rows with the same epochs and seed; for the retrain method the gold model is the answer), then
 * measures all of them on the test set, the forgotten rows and the remaining rows. {@code forget.repeats} repeats
 * it with seeds seed, seed + 1, ... (the model's initialisation, the sample order and the request's draw).
 *
 * <p>A run folder gets forget-result.json, {@code models/repeat-N/} (original.zip, gold.zip, and method.zip or
 * sisa/shard-K.zip), and for the repeat closest to the mean: model.zip (the method's model; for SISA, shard 1's
 * model stands in, the ensemble is in models/) and removed.csv (the forgotten rows, with the original model's
 * prediction and loss for each, iteration 1). Call from the engine thread.
 */
public final class ForgetExperiment {
    /** The folder of a run folder that holds each repeat's models. */
    public static final String MODELS = "models";

    private final ExperimentConfig config;
    private DatasetSplit data;
    private RequestGuard guard;

    public ForgetExperiment(ExperimentConfig config) {
        if (config.forget() == null) {
            throw new IllegalArgumentException("the config has no forget section");
        }
        this.config = config;
    }

    /** Use this (already loaded) data instead of loading {@code config.data()}; limits still apply. */
    public ForgetExperiment withData(DatasetSplit split) {
        this.data = split;
        return this;
    }

    /**
     * Runs every repeat, records it in {@code run} (if not null) and returns the result; null when cancelled.
     *
     * @throws IOException when the data cannot be loaded or the run cannot be written (the run is marked failed)
     * @throws org.unlearnlab.engine.experiment.ForgetRequestException when the request names rows that do not exist
     */
    public ForgetResult run(RunFolder run, ExperimentListener listener, CancellationToken token) throws IOException {
        ExperimentListener events = run == null ? listener : new ExperimentRunner.RunRecorder(run, listener);
        return recorded(run, () -> answerAll(run, events, token));
    }

    /** Every repeat, without recording the run's end: {@link #run} and the healing run that follows one. */
    ForgetResult answerAll(RunFolder run, ExperimentListener events, CancellationToken token) throws IOException {
        long start = System.nanoTime();
        TrainingData d = load(run, events);
        ForgetSettings f = config.forget();
        List<Repeat> repeats = new ArrayList<>();
        List<ForgetSet> sets = new ArrayList<>();
        long[] seeds = seeds(config.training().seed(), f.repeats());
        for (int r = 1; r <= f.repeats(); r++) {
            long seed = seeds[r - 1];
            events.log("repeat " + r + " of " + f.repeats() + " (seed " + seed + ")");
            Prepared p = prepare(d, seed, events, token);
            repeats.add(answer(d, p, f.request(), r, seed, run, events, token, sets));
        }
        ForgetResult result = summarise(d, repeats, (System.nanoTime() - start) / 1_000_000);
        if (run != null) {
            keep(run, d, result, sets.get(result.keptRepeat() - 1));
        }
        return result;
    }

    /**
     * The sweep behind the accuracy-against-deleted-fraction chart: one original model (and one SISA ensemble when
     * the method is SISA), then for each fraction a random request of that share answered by the method and by the
     * gold model (the retrain method's answer). Only the first seed; {@code forget.repeats} is not used.
     *
     * @return one repeat per fraction, in order; null when cancelled
     */
    public List<Repeat> sweep(double[] fractions, RunFolder run, ExperimentListener listener, CancellationToken token)
            throws IOException {
        ExperimentListener events = run == null ? listener : new ExperimentRunner.RunRecorder(run, listener);
        List<Repeat> out = new ArrayList<>();
        ForgetResult r = recorded(run, () -> {
            long start = System.nanoTime();
            TrainingData d = load(run, events);
            long seed = config.training().seed();
            Prepared p = prepare(d, seed, events, token);
            for (int i = 0; i < fractions.length; i++) {
                ForgetSettings.Request q = ForgetSettings.Request.of(ForgetRequestKind.RANDOM_FRACTION,
                        fractions[i], 0, 0, null, null);
                events.log(String.format(java.util.Locale.ROOT, "fraction %.2f", fractions[i]));
                out.add(answer(d, p, q, i + 1, seed, run, events, token, new ArrayList<>()));
            }
            ForgetResult result = summarise(d, out, (System.nanoTime() - start) / 1_000_000);
            if (run != null) {
                result.write(run.path().resolve(ForgetResult.FILE));
            }
            return result;
        });
        return r == null ? null : out;
    }

    /**
     * Resolves the request (of the first seed) against {@code split} with the config's limits, so that a request
     * for rows that do not exist is refused before a run folder is made. A request that needs the trained model
     * (a worst-case request by an output- or parameter-aware adversary) is checked only as far as its pool and
     * budget go, and null is returned.
     *
     * @throws org.unlearnlab.engine.experiment.ForgetRequestException naming the field, file or line
     * @throws IOException when the data cannot be loaded
     */
    public ForgetSet checkRequest(DatasetSplit split) throws IOException {
        ForgetSettings.Request q = config.forget().request();
        DatasetSplit limited = TrainingData.split(config.data(), split);
        long seed = config.training().seed();
        if (AdversarialRequests.needsModel(q)) {
            ForgetSettings.Adversary a = AdversarialRequests.adversary(q);
            int n = limited.train().size();
            int budget = AdversarialRequests.budget(a, n);
            int nameable = AdversarialRequests.pool(a, n, limited.test().size(), seed).all().size();
            if (budget > nameable || budget >= n) {
                throw new ForgetRequestException("forget.request.adversary.budget: asks for " + budget
                        + " samples but the adversary can name only " + Math.min(nameable, n - 1));
            }
            return null;
        }
        TrainingData d = TrainingData.of(limited);
        return AdversarialRequests.resolve(q, d, guard(d), null, config.forget().influence(), seed,
                CancellationToken.none()).set();
    }

    /**
     * The seeds of {@code repeats} repeats: base, base + 1, ... Each seeds the model's initialisation, the sample
     * order and the request's draw, so that the repeats differ in all three.
     */
    public static long[] seeds(long base, int repeats) {
        long[] s = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            s[i] = base + i;
        }
        return s;
    }

    private RequestGuard guard(TrainingData d) {
        if (guard == null) {
            guard = new RequestGuard(d.train().source(), d.test().source());
        }
        return guard;
    }

    private TrainingData load(RunFolder run, ExperimentListener events) throws IOException {
        TrainingData d = TrainingData.of(config.data(), data);
        if (run != null) {
            run.updateSummary(run.summary().withDatasetSource(d.split().source()));
        }
        events.log("data: " + d.describe());
        return d;
    }

    /** What every request of one seed starts from. */
    private record Prepared(Classifier original, long originalMillis, SisaEnsemble sisa, long sisaMillis) {
    }

    private Prepared prepare(TrainingData d, long seed, ExperimentListener events, CancellationToken token) {
        ExperimentConfig seeded = withSeed(seed);
        long t0 = System.nanoTime();
        Classifier original = ModelTraining.trainFresh(seeded, d, ModelTraining.INITIAL, events, token);
        long originalMillis = (System.nanoTime() - t0) / 1_000_000;
        SisaEnsemble sisa = null;
        long sisaMillis = 0;
        if (config.forget().method() == ForgetMethod.SISA) {
            ForgetSettings.Sisa s = config.forget().sisa();
            events.log("training SISA: " + s.shards() + " shards of " + s.slices() + " slices");
            long t1 = System.nanoTime();
            sisa = SisaEnsemble.train(sisaSetup(seed), d.train(), Trainer.range(d.train().size()), events, token);
            sisaMillis = (System.nanoTime() - t1) / 1_000_000;
        }
        return new Prepared(original, originalMillis, sisa, sisaMillis);
    }

    SisaEnsemble.Setup sisaSetup(long seed) {
        ExperimentConfig.Training t = config.training();
        ForgetSettings.Sisa s = config.forget().sisa();
        return new SisaEnsemble.Setup(config.model().preset(), t.learningRate(), seed, t.batchSize(), t.epochs(),
                s.shards(), s.slices());
    }

    private Repeat answer(TrainingData d, Prepared p, ForgetSettings.Request request, int number, long seed,
                          RunFolder run, ExperimentListener events, CancellationToken token, List<ForgetSet> sets)
            throws IOException {
        AdversarialRequests.Resolved resolved = AdversarialRequests.resolve(request, d, guard(d), p.original(),
                config.forget().influence(), seed, token);
        ForgetSet set = resolved.set();
        sets.add(set);
        events.log("forget request: " + set.description() + "; " + set.remaining().length + " rows remain");
        resolved.checked().verdicts().stream().filter(v -> v.message() != null)
                .forEach(v -> events.log("request guard " + v.message()));
        String folder = MODELS + "/repeat-" + number;
        Path dir = run == null ? Files.createTempDirectory("unlearnlab-forget") : run.path().resolve(folder);
        Files.createDirectories(dir);
        if (run != null) {
            resolved.writeCsv(dir.resolve(AdversarialRequests.CSV));
        }
        Path originalZip = dir.resolve("original.zip");
        p.original().save(originalZip);
        ModelFigures original = figures(d, set, predictor(p.original()), p.originalMillis(), token);

        ExperimentConfig seeded = withSeed(seed);
        Trainer trainer = new Trainer(d.train(), d.test(), config.evaluation().iterationSubset(), events, token);
        Retraining retraining = new Retraining(trainer, config.training().batchSize(), new Random(seed), null);
        events.log("gold model: retraining from scratch on the " + set.remaining().length + " remaining rows");
        long tg = System.nanoTime();
        ExperimentConfig goldConfig = seeded.withForget(withMethod(config.forget(), ForgetMethod.RETRAIN));
        Classifier gold = UnlearningMethod.forForget(goldConfig, d.train(), retraining)
                .forget(null, set.remaining(), List.of(), number);
        long goldMillis = (System.nanoTime() - tg) / 1_000_000;
        gold.save(dir.resolve("gold.zip"));
        Predictor goldPredictor = predictor(gold);
        ModelFigures goldFigures = figures(d, set, goldPredictor, goldMillis, token);

        ForgetMethod method = config.forget().method();
        ModelFigures sisaBefore = null;
        List<SisaEnsemble.Retrained> retrained = null;
        ModelFigures methodFigures;
        Predictor methodPredictor;
        switch (method) {
            case RETRAIN -> {
                methodFigures = goldFigures;
                methodPredictor = goldPredictor;
            }
            case SISA -> {
                sisaBefore = figures(d, set, p.sisa()::predict, p.sisaMillis(), token);
                events.log("SISA: forgetting " + set.size() + " rows");
                SisaEnsemble.Forgetting fg = p.sisa().forget(set.forget(), events, token);
                fg.ensemble().save(dir.resolve("sisa"));
                retrained = fg.retrained();
                methodPredictor = fg.ensemble()::predict;
                methodFigures = figures(d, set, methodPredictor, fg.millis(), token);
            }
            default -> {
                // The method may change the model it is given: it gets a copy, the original stays for the next request.
                Classifier copy = Classifier.load(originalZip, config.model().preset());
                UnlearningMethod m = UnlearningMethod.forForget(seeded, d.train(), retraining);
                events.log(method.id() + ": forgetting " + set.size() + " rows");
                long tm = System.nanoTime();
                Classifier answered = m.forget(copy, set.remaining(), forgotten(d, set, p.original()), number);
                long methodMillis = (System.nanoTime() - tm) / 1_000_000;
                if (m instanceof org.unlearnlab.engine.unlearning.ApproximateForgetting a) {
                    events.log(method.id() + ": " + a.lastResult().entrySet().stream()
                            .filter(e -> !(e.getValue() instanceof double[]))
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")));
                }
                answered.save(dir.resolve("method.zip"));
                methodPredictor = predictor(answered);
                methodFigures = figures(d, set, methodPredictor, methodMillis, token);
            }
        }
        GoldDistance distance = new GoldDistance(agreement(d.test(), methodPredictor, goldPredictor, token),
                Math.abs(methodFigures.forget() - goldFigures.forget()),
                Math.abs(methodFigures.remaining() - goldFigures.remaining()));
        if (methodFigures.collapse() != null) {
            events.log(method.id() + ": " + methodFigures.collapse());
        }
        if (run == null) {
            deleteTree(dir);
        }
        return new Repeat(number, seed, set.description(), set.size(), set.remaining().length, original, sisaBefore,
                methodFigures, goldFigures, distance, retrained, run == null ? null : folder,
                resolved.summary(request));
    }

    /** The forgotten rows as the methods take them: label, and the original model's prediction and loss. */
    private static List<RemovedSample> forgotten(TrainingData d, ForgetSet set, Classifier original) {
        List<RemovedSample> out = new ArrayList<>(set.size());
        int[] labels = d.train().labels();
        for (int from = 0; from < set.size(); from += Evaluator.BATCH) {
            int[] idx = java.util.Arrays.copyOfRange(set.forget(), from, Math.min(set.size(), from + Evaluator.BATCH));
            float[][] p = original.probabilities(d.train().imagesAt(idx)).toFloatMatrix();
            for (int i = 0; i < idx.length; i++) {
                int y = labels[idx[i]];
                out.add(new RemovedSample(idx[i], y, Evaluator.argmax(p[i]), -Math.log(Math.max(p[i][y], 1e-12)), 1));
            }
        }
        return out;
    }

    /** Predicted classes of images [n, 1, 28, 28]. */
    interface Predictor {
        int[] predict(INDArray images);
    }

    /** The most probable class of each image. */
    static Predictor predictor(Classifier model) {
        return images -> argmax(model.probabilities(images));
    }

    static ModelFigures figures(TrainingData d, ForgetSet set, Predictor model, long millis,
                                        CancellationToken token) {
        int[] testPredictions = predict(d.test(), Trainer.range(d.test().size()), model, token);
        double test = accuracy(testPredictions, d.test().labels(), Trainer.range(d.test().size()));
        double forget = accuracy(predict(d.train(), set.forget(), model, token), d.train().labels(), set.forget());
        double remaining = accuracy(predict(d.train(), set.remaining(), model, token), d.train().labels(),
                set.remaining());
        return new ModelFigures(test, forget, remaining, millis,
                CollapseCheck.describe(testPredictions, d.test().source().numClasses(), test));
    }

    private static int[] predict(TensorData data, int[] rows, Predictor model, CancellationToken token) {
        int[] out = new int[rows.length];
        for (int from = 0; from < rows.length; from += Evaluator.BATCH) {
            token.throwIfCancelled();
            int to = Math.min(rows.length, from + Evaluator.BATCH);
            int[] p = model.predict(data.imagesAt(java.util.Arrays.copyOfRange(rows, from, to)));
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    private static double accuracy(int[] predictions, int[] labels, int[] rows) {
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            if (predictions[i] == labels[rows[i]]) {
                correct++;
            }
        }
        return rows.length == 0 ? Double.NaN : correct / (double) rows.length;
    }

    private static double agreement(TensorData test, Predictor a, Predictor b, CancellationToken token) {
        int[] rows = Trainer.range(test.size());
        int[] pa = predict(test, rows, a, token);
        int[] pb = predict(test, rows, b, token);
        int same = 0;
        for (int i = 0; i < pa.length; i++) {
            if (pa[i] == pb[i]) {
                same++;
            }
        }
        return same / (double) pa.length;
    }

    static int[] argmax(INDArray probabilities) {
        float[][] p = probabilities.toFloatMatrix();
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Evaluator.argmax(p[i]);
        }
        return out;
    }

    private ForgetResult summarise(TrainingData d, List<Repeat> repeats, long millis) {
        Map<String, ToDoubleFunction<Repeat>> figures = new LinkedHashMap<>();
        figures.put("original.test", r -> r.original().test());
        figures.put("method.test", r -> r.method().test());
        figures.put("method.forget", r -> r.method().forget());
        figures.put("method.remaining", r -> r.method().remaining());
        figures.put("method.seconds", r -> r.method().millis() / 1000.0);
        figures.put("gold.test", r -> r.gold().test());
        figures.put("gold.forget", r -> r.gold().forget());
        figures.put("gold.remaining", r -> r.gold().remaining());
        figures.put("gold.seconds", r -> r.gold().millis() / 1000.0);
        figures.put("distance.testAgreement", r -> r.distance().testAgreement());
        Map<String, Stat> summary = new LinkedHashMap<>();
        figures.forEach((name, f) -> summary.put(name, stat(repeats, f)));
        double mean = summary.get("method.test").mean();
        int kept = 1;
        for (Repeat r : repeats) {
            if (Math.abs(r.method().test() - mean) < Math.abs(repeats.get(kept - 1).method().test() - mean)) {
                kept = r.repeat();
            }
        }
        return new ForgetResult(config.name(), config.forget().method().id(), d.split().source(), d.train().size(),
                d.test().size(), new ForgetResult.HyperParameters(config.model(), config.training(), config.forget()),
                List.copyOf(repeats), summary, kept, millis);
    }

    static Stat stat(List<Repeat> repeats, ToDoubleFunction<Repeat> f) {
        double mean = repeats.stream().mapToDouble(f).average().orElse(Double.NaN);
        double ss = repeats.stream().mapToDouble(r -> Math.pow(f.applyAsDouble(r) - mean, 2)).sum();
        return new Stat(mean, repeats.size() < 2 ? 0 : Math.sqrt(ss / (repeats.size() - 1)));
    }

    /** The kept repeat's method model as model.zip, its forgotten rows as removed.csv, and the result file. */
    private void keep(RunFolder run, TrainingData d, ForgetResult result, ForgetSet set) throws IOException {
        Repeat kept = result.kept();
        Path dir = run.path().resolve(kept.folder());
        Path model = methodModel(dir, config.forget().method());
        run.writeModel(tmp -> Files.copy(model, tmp, StandardCopyOption.REPLACE_EXISTING));
        Files.copy(dir.resolve(AdversarialRequests.CSV), run.path().resolve(AdversarialRequests.CSV),
                StandardCopyOption.REPLACE_EXISTING);
        Classifier original = Classifier.load(dir.resolve("original.zip"), config.model().preset());
        run.appendRemoved(forgotten(d, set, original));
        result.write(run.path().resolve(ForgetResult.FILE));
    }

    /** The method's model in a repeat's folder (for SISA, shard 1's model stands in for the ensemble). */
    static Path methodModel(Path repeatFolder, ForgetMethod method) {
        return switch (method) {
            case RETRAIN -> repeatFolder.resolve("gold.zip");
            case SISA -> repeatFolder.resolve("sisa").resolve("shard-1.zip");
            default -> repeatFolder.resolve("method.zip");
        };
    }

    private static ForgetSettings withMethod(ForgetSettings f, ForgetMethod m) {
        return new ForgetSettings(m, f.request(), f.repeats(), f.sisa(), f.fisher(), f.influence(), f.amun());
    }

    private ExperimentConfig withSeed(long seed) {
        ExperimentConfig.Training t = config.training();
        return config.withTraining(new ExperimentConfig.Training(t.epochs(), t.batchSize(), t.learningRate(), seed));
    }

    /** Runs {@code body} and records its end: complete, cancelled (returns null), or failed (rethrown). */
    static <T> T recorded(RunFolder run, ExperimentRunner.Work<T> body) throws IOException {
        return ExperimentRunner.failureRecorded(run, () -> {
            try {
                T r = body.run();
                if (run != null) {
                    run.finish(RunStatus.COMPLETE, null);
                }
                return r;
            } catch (CancellationException e) {
                if (run != null) {
                    run.finish(RunStatus.CANCELLED, "cancelled");
                }
                return null;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
