package org.unlearnlab.engine.experiment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.TwinMetric;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.experiment.ForgetResult.ModelFigures;
import org.unlearnlab.engine.experiment.HealingResult.SpareChoice;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.healing.HealedModel;
import org.unlearnlab.engine.healing.HealingTable;
import org.unlearnlab.engine.healing.ModelFeatures;
import org.unlearnlab.engine.healing.RandomSpares;
import org.unlearnlab.engine.healing.ShrinkageCovariance;
import org.unlearnlab.engine.healing.TwinDistances;
import org.unlearnlab.engine.healing.TwinPair;
import org.unlearnlab.engine.healing.Twins;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Healing after unlearning (the study's section 5.3): the last {@code healing.spareSize} rows of the (limited)
 * training set are held out as spares; the forget request is answered on the rest exactly as
 * {@link ForgetExperiment} does (original model, gold model, the method); then the method's model of the repeat
 * closest to the mean is fine-tuned, once for each fine-tune length and each data choice: the remaining rows
 * alone ("R"), the remaining rows plus as many random spares as forgotten rows ("R+S"), or plus each forgotten
 * row's twin under each metric ("R+T-metric"). Fine-tuning is {@link Trainer}'s, with the config's batch size,
 * Adam at its learning rate and the model's saved optimiser state, seeded by the kept repeat's seed.
 *
 * <p>Twin metrics compare raw pixels (784 values in [0,1]) or the ORIGINAL model's activations at
 * {@code healing.featureLayer}; the Mahalanobis metrics use the Ledoit-Wolf shrinkage covariance of the spare pool
 * ({@link ShrinkageCovariance}). The run folder gets everything a forget run writes plus {@link HealingResult#FILE},
 * {@link HealingResult#TABLE_CSV}, {@link HealingResult#TABLE_MARKDOWN} and {@link HealingResult#TWINS_CSV}; the
 * forgotten rows, the spares and the twins are rows of the same (limited) training set. Call from the engine thread.
 */
public final class HealingExperiment {
    private static final int FEATURE_BATCH = 500;

    private final ExperimentConfig config;
    private DatasetSplit data;

    public HealingExperiment(ExperimentConfig config) {
        if (config.forget() == null || config.healing() == null) {
            throw new IllegalArgumentException("a healing run needs a forget and a healing section");
        }
        this.config = config;
    }

    /** Use this (already loaded) data instead of loading {@code config.data()}; limits still apply. */
    public HealingExperiment withData(DatasetSplit split) {
        this.data = split;
        return this;
    }

    /**
     * Checks what only the data and the model can tell, before a run folder is made: that the spares leave rows to
     * train on, that the request names rows of the training set without the spares, and the feature layer.
     *
     * @throws ForgetRequestException naming the field, file or line
     * @throws IOException            when the data cannot be loaded
     */
    public ForgetSet check(DatasetSplit split) throws IOException {
        int n = TrainingData.split(config.data(), split).train().size();
        int spares = config.healing().spareSize();
        if (spares * 2 > n) {
            throw new ForgetRequestException("healing.spareSize must be at most half of the " + n
                    + " training images (is " + spares + ")");
        }
        if (config.healing().metrics().stream().anyMatch(HealingExperiment::isFeatureMetric)) {
            ExperimentConfig.Training t = config.training();
            try {
                ModelFeatures.layerIndex(Classifier.create(config.model().preset(), t.learningRate(), t.seed()),
                        config.healing().featureLayer());
            } catch (IllegalArgumentException e) {
                throw new ForgetRequestException(e.getMessage());
            }
        }
        return new ForgetExperiment(primaryConfig(n)).checkRequest(split);
    }

    /**
     * Runs the forget request and the healing, records them in {@code run} and returns the result; null when
     * cancelled.
     *
     * @throws IOException when the data cannot be loaded or the run cannot be written (the run is marked failed)
     */
    public HealingResult run(RunFolder run, ExperimentListener listener, CancellationToken token) throws IOException {
        ExperimentListener events = new ExperimentRunner.RunRecorder(run, listener);
        return ForgetExperiment.recorded(run, () -> heal(run, events, token));
    }

    private HealingResult heal(RunFolder run, ExperimentListener events, CancellationToken token) throws IOException {
        long start = System.nanoTime();
        HealingSettings h = config.healing();
        DatasetSplit limited = TrainingData.split(config.data(), data);
        int n = limited.train().size();
        int primary = n - h.spareSize();
        events.log("healing: the last " + h.spareSize() + " of " + n + " training rows are spares (rows " + primary
                + "-" + (n - 1) + "); the original, gold and unlearned models train on the first " + primary);
        ForgetResult forget = new ForgetExperiment(primaryConfig(n)).withData(limited).answerAll(run, events, token);
        ForgetResult.Repeat kept = forget.kept();
        TrainingData all = TrainingData.of(limited);
        int[] primaryLabels = Arrays.copyOf(all.train().labels(), primary);
        // The rows the kept repeat really forgot (removed.csv), not the request drawn again: a worst-case request
        // needs the model to be resolved, and a selected or blind adversary's guard decides which rows are taken.
        int[] forgotten = run.readRemoved().stream().mapToInt(RemovedSample::datasetIndex).toArray();
        ForgetSet set = ForgetSet.of(forgotten, primaryLabels.length, kept.request());
        Path folder = run.path().resolve(kept.folder());
        Classifier original = Classifier.load(folder.resolve("original.zip"), config.model().preset());
        Path unlearned = ForgetExperiment.methodModel(folder, config.forget().method());
        int[] spareRows = IntStream.range(primary, n).toArray();

        Map<String, int[]> added = new LinkedHashMap<>();
        Map<String, HealingStrategy> strategyOf = new LinkedHashMap<>();
        Map<String, TwinMetric> metricOf = new LinkedHashMap<>();
        List<SpareChoice> searches = new ArrayList<>();
        List<TwinPair> pairs = new ArrayList<>();
        boolean plus = h.data().contains(HealingData.REMAINING_PLUS_HEALING);
        if (h.data().contains(HealingData.REMAINING)) {
            added.put(HealedModel.configurationName(HealingData.REMAINING, null, null), new int[0]);
        }
        if (plus && h.strategies().contains(HealingStrategy.RANDOM_SPARES)) {
            long t0 = System.nanoTime();
            int[] random = RandomSpares.draw(spareRows, set.size(), kept.seed());
            String name = HealedModel.configurationName(HealingData.REMAINING_PLUS_HEALING,
                    HealingStrategy.RANDOM_SPARES, null);
            added.put(name, random);
            strategyOf.put(name, HealingStrategy.RANDOM_SPARES);
            searches.add(new SpareChoice(null, random.length, Double.NaN, null, millisSince(t0)));
            for (int i = 0; i < random.length; i++) {
                pairs.add(new TwinPair(set.forget()[i], random[i], Double.NaN, null));
            }
            events.log("random spares: " + random.length + " rows drawn with seed " + kept.seed());
        }
        if (plus && h.strategies().contains(HealingStrategy.TWINS)) {
            for (TwinMetric metric : h.metrics()) {
                token.throwIfCancelled();
                long t0 = System.nanoTime();
                Search found = twins(metric, all, original, set.forget(), spareRows);
                String name = HealedModel.configurationName(HealingData.REMAINING_PLUS_HEALING, HealingStrategy.TWINS,
                        metric);
                added.put(name, Twins.rows(found.pairs()));
                strategyOf.put(name, HealingStrategy.TWINS);
                metricOf.put(name, metric);
                pairs.addAll(found.pairs());
                double mean = found.pairs().stream().mapToDouble(TwinPair::distance).average().orElse(Double.NaN);
                searches.add(new SpareChoice(metric, found.pairs().size(), mean, found.intensity(), millisSince(t0)));
                events.log(String.format(Locale.ROOT, "twins by %s: %d pairs, mean distance %.4f%s, %d ms", metric,
                        found.pairs().size(), mean, found.intensity() == null ? ""
                                : String.format(Locale.ROOT, " (shrinkage intensity %.4f)", found.intensity()),
                        millisSince(t0)));
                if (found.pairs().size() < set.size()) {
                    events.log("twins by " + metric + ": the spares ran out; " + (set.size() - found.pairs().size())
                            + " forgotten rows have no twin");
                }
            }
        }
        writeTwins(run.path().resolve(HealingResult.TWINS_CSV), pairs, all.train().labels());

        List<HealedModel> models = new ArrayList<>();
        Trainer trainer = new Trainer(all.train(), all.test(), config.evaluation().iterationSubset(), events, token);
        for (int e : h.epochs()) {
            int epochs = HealingSettings.epochsFor(e, config.training().epochs());
            for (Map.Entry<String, int[]> choice : added.entrySet()) {
                String name = choice.getKey();
                int[] rows = concat(set.remaining(), choice.getValue());
                events.log("healing " + name + ": fine-tuning " + epochs + " epoch(s) on " + rows.length + " rows");
                Classifier model = Classifier.load(unlearned, config.model().preset());
                long t0 = System.nanoTime();
                trainer.train(model, rows, config.training().batchSize(), epochs, "healing " + name, 0,
                        new Random(kept.seed()), null);
                long millis = millisSince(t0);
                ModelFigures f = ForgetExperiment.figures(all, set, ForgetExperiment.predictor(model), millis, token);
                HealingData d = choice.getValue().length == 0 && strategyOf.get(name) == null
                        ? HealingData.REMAINING : HealingData.REMAINING_PLUS_HEALING;
                models.add(new HealedModel(name, d, strategyOf.get(name), metricOf.get(name), epochs,
                        choice.getValue().length, f.test(), f.forget(), f.remaining(), millis));
                events.log(String.format(Locale.ROOT, "healed %s, %d epoch(s): test %.4f, forget %.4f, remaining "
                        + "%.4f, %d ms", name, epochs, f.test(), f.forget(), f.remaining(), millis));
            }
        }
        HealingResult result = new HealingResult(config.name(), config.forget().method().id(), limited.source(),
                primary, h.spareSize(), all.test().size(), h, set.description(), set.size(), forget.keptRepeat(),
                kept.original(), kept.gold(), kept.method(), searches, models,
                HealingTable.extremes(models, kept.gold().test()), millisSince(start));
        result.write(run.path().resolve(HealingResult.FILE));
        AtomicFiles.writeString(run.path().resolve(HealingResult.TABLE_CSV), HealingReport.modelsCsv(result));
        AtomicFiles.writeString(run.path().resolve(HealingResult.TABLE_MARKDOWN), HealingReport.markdown(result));
        return result;
    }

    private record Search(List<TwinPair> pairs, Double intensity) {
    }

    private Search twins(TwinMetric metric, TrainingData all, Classifier original, int[] forgottenRows,
                         int[] spareRows) {
        double[][] f;
        double[][] s;
        if (isFeatureMetric(metric)) {
            int layer = ModelFeatures.layerIndex(original, config.healing().featureLayer());
            f = features(original, layer, all, forgottenRows);
            s = features(original, layer, all, spareRows);
        } else {
            f = pixels(all.split().train(), forgottenRows);
            s = pixels(all.split().train(), spareRows);
        }
        Double intensity = null;
        double[][] distances;
        switch (metric) {
            case L2 -> distances = TwinDistances.euclidean(f, s);
            case FEATURE_COSINE -> distances = TwinDistances.cosine(f, s);
            default -> {
                ShrinkageCovariance c = ShrinkageCovariance.ledoitWolf(s);
                intensity = c.intensity();
                distances = TwinDistances.mahalanobis(f, s, c);
            }
        }
        return new Search(Twins.greedy(forgottenRows, spareRows, distances, metric), intensity);
    }

    static boolean isFeatureMetric(TwinMetric m) {
        return m == TwinMetric.FEATURE_COSINE || m == TwinMetric.FEATURE_MAHALANOBIS;
    }

    private static double[][] features(Classifier model, int layer, TrainingData all, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int from = 0; from < rows.length; from += FEATURE_BATCH) {
            int to = Math.min(rows.length, from + FEATURE_BATCH);
            INDArray images = all.train().imagesAt(Arrays.copyOfRange(rows, from, to));
            double[][] part = ModelFeatures.of(model, layer, images);
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    private static double[][] pixels(ImageDataset images, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] p = images.image(rows[i]);
            out[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                out[i][j] = p[j];
            }
        }
        return out;
    }

    private static void writeTwins(Path file, List<TwinPair> pairs, int[] labels) throws IOException {
        StringBuilder b = new StringBuilder("forgotten_row,forgotten_label,spare_row,spare_label,distance,metric\n");
        for (TwinPair p : pairs) {
            b.append(p.forgottenRow()).append(',').append(labels[p.forgottenRow()]).append(',')
                    .append(p.twinRow()).append(',').append(labels[p.twinRow()]).append(',')
                    .append(Double.isNaN(p.distance()) ? "" : String.format(Locale.ROOT, "%.6f", p.distance()))
                    .append(',').append(p.metric() == null ? HealingStrategy.RANDOM_SPARES.id() : p.metric().id())
                    .append('\n');
        }
        AtomicFiles.writeString(file, b.toString());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The config the forget request is answered with: the training set without the spares. */
    private ExperimentConfig primaryConfig(int limitedTrainSize) {
        ExperimentConfig.Data d = config.data();
        return config.withData(new ExperimentConfig.Data(d.folder(), limitedTrainSize - config.healing().spareSize(),
                d.testLimit()));
    }
}
