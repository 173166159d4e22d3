package org.unlearnlab.engine.unlearning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.attack.PgdAttack;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * AMUN, Adversarial Machine UNlearning (Ebrahimpour-Boroojeny): for each forgotten sample, the adversarial example
 * nearest to it that the model labels differently, found by PGD within an L-infinity bound that grows until the
 * prediction leaves the label; then fine-tuning on the remaining data plus these examples, each with its adversarial
 * label. Learning that an image right next to the forgotten one belongs to another class lowers the model's
 * confidence on the forgotten sample itself, as a model that never saw it would be, while the remaining data keep
 * the rest of what it knows.
 */
public final class AmunForgetting implements ApproximateForgetting {
    private final TensorData train;
    private final ForgetSettings.Amun settings;
    private final Retraining retraining;
    private final long seed;
    private final ExperimentListener listener;
    private final CancellationToken token;
    private Map<String, Object> lastResult = Map.of();

    public AmunForgetting(TensorData train, ForgetSettings.Amun settings, Retraining retraining, long seed,
                          ExperimentListener listener, CancellationToken token) {
        this.train = train;
        this.settings = settings;
        this.retraining = retraining;
        this.seed = seed;
        this.listener = listener;
        this.token = token;
    }

    @Override
    public String id() {
        return ForgetMethod.AMUN.id();
    }

    /**
     * The adversarial examples of some samples.
     *
     * @param images     [n, pixels], one per sample (a sample whose label never flipped keeps its last try)
     * @param prediction the model's prediction of each example
     * @param epsilon    the first bound of the schedule whose PGD example left the label, or NaN if none did
     */
    public record Examples(INDArray images, int[] prediction, double[] epsilon) {
        /** Positions of the samples whose label flipped. */
        int[] flipped() {
            return java.util.stream.IntStream.range(0, epsilon.length).filter(i -> !Double.isNaN(epsilon[i])).toArray();
        }
    }

    /** The bounds tried in order: epsilonStart * epsilonGrowth^k while at most epsilonMax. */
    static double[] schedule(ForgetSettings.Amun s) {
        List<Double> out = new ArrayList<>();
        for (double e = s.epsilonStart(); e <= s.epsilonMax() * (1 + 1e-12) && out.size() < 1000;
             e *= s.epsilonGrowth()) {
            out.add(e);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * For each sample, the adversarial example at the first bound of the schedule that flips its label.
     *
     * @param images [n, 1, rows, cols]
     * @param oneHot [n, classes], the labels the examples must leave
     */
    public static Examples adversarialExamples(Classifier model, INDArray images, INDArray oneHot,
                                               ForgetSettings.Amun s, long seed, CancellationToken token) {
        int n = (int) images.size(0);
        long[] shape = images.shape();
        INDArray flat = images.dup('c').reshape('c', n, images.length() / Math.max(1, n));
        INDArray out = flat.dup('c');
        long[] label = oneHot.argMax(1).toLongVector();
        int[] prediction = new int[n];
        double[] epsilon = new double[n];
        Arrays.fill(epsilon, Double.NaN);
        int[] open = java.util.stream.IntStream.range(0, n).toArray();
        for (double eps : schedule(s)) {
            if (open.length == 0) {
                break;
            }
            PgdAttack pgd = new PgdAttack(eps, s.pgdSteps(), 2.5 * eps / s.pgdSteps(), false, seed);
            List<Integer> still = new ArrayList<>();
            for (int from = 0; from < open.length; from += Evaluator.BATCH) {
                token.throwIfCancelled();
                int[] idx = Arrays.copyOfRange(open, from, Math.min(open.length, from + Evaluator.BATCH));
                INDArray x = Nd4j.pullRows(flat, 1, idx).reshape('c', idx.length, shape[1], shape[2], shape[3]);
                INDArray adv = pgd.perturb(model, x, Nd4j.pullRows(oneHot, 1, idx)).adversarial();
                long[] p = model.logits(adv).argMax(1).toLongVector();
                INDArray advRows = adv.dup('c').reshape('c', idx.length, flat.size(1));
                for (int i = 0; i < idx.length; i++) {
                    out.putRow(idx[i], advRows.getRow(i));
                    prediction[idx[i]] = (int) p[i];
                    if (p[i] != label[idx[i]]) {
                        epsilon[idx[i]] = eps;
                    } else {
                        still.add(idx[i]);
                    }
                }
            }
            open = still.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Examples(out, prediction, epsilon);
    }

    @Override
    public Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration) {
        long start = System.nanoTime();
        int[] forget = forgotten.stream().mapToInt(RemovedSample::datasetIndex).toArray();
        Examples ex = forget.length == 0 ? new Examples(null, new int[0], new double[0])
                : adversarialExamples(model, train.imagesAt(forget), train.labelsAt(forget), settings, seed, token);
        int[] flipped = ex.flipped();
        long searchNanos = System.nanoTime() - start;
        listener.log(String.format(Locale.ROOT, "amun: %d of %d forgotten samples flipped within epsilon %.3g",
                flipped.length, forget.length, settings.epsilonMax()));
        INDArray advImages = flipped.length == 0 ? null : Nd4j.pullRows(ex.images(), 1, flipped);
        int[] advLabels = new int[flipped.length];
        for (int i = 0; i < flipped.length; i++) {
            advLabels[i] = ex.prediction()[flipped[i]];
        }
        INDArray advOneHot = flipped.length == 0 ? null : TensorData.oneHot(advLabels, train.source().numClasses());
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            fineTuneEpoch(model, remaining, advImages, advOneHot, retraining.shuffle());
            listener.log(String.format(Locale.ROOT, "amun: fine-tuning epoch %d of %d done", epoch, settings.epochs()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("forgotten", forget.length);
        result.put("adversarialExamples", flipped.length);
        result.put("unflipped", forget.length - flipped.length);
        double[] found = Arrays.stream(ex.epsilon()).filter(e -> !Double.isNaN(e)).toArray();
        result.put("meanEpsilon", Arrays.stream(found).average().orElse(Double.NaN));
        result.put("largestEpsilon", Arrays.stream(found).max().orElse(Double.NaN));
        result.put("epsilons", ex.epsilon());
        result.put("searchSeconds", searchNanos / 1e9);
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        lastResult = result;
        return model;
    }

    /** One pass over the remaining rows and the adversarial examples, shuffled together, in training batches. */
    private void fineTuneEpoch(Classifier model, int[] remaining, INDArray advImages, INDArray advOneHot,
                               Random shuffle) {
        int advCount = advImages == null ? 0 : (int) advImages.size(0);
        // Positions >= remaining.length stand for adversarial example (position - remaining.length).
        int[] order = java.util.stream.IntStream.range(0, remaining.length + advCount).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int batch = retraining.batchSize();
        for (int from = 0; from < order.length; from += batch) {
            token.throwIfCancelled();
            int[] part = Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
            int[] rows = Arrays.stream(part).filter(p -> p < remaining.length).map(p -> remaining[p]).toArray();
            int[] adv = Arrays.stream(part).filter(p -> p >= remaining.length).map(p -> p - remaining.length)
                    .toArray();
            INDArray x = rows.length == 0 ? null : train.imagesAt(rows);
            INDArray y = rows.length == 0 ? null : train.labelsAt(rows);
            if (adv.length > 0) {
                INDArray ax = TensorData.asImages(Nd4j.pullRows(advImages, 1, adv), train.source());
                INDArray ay = Nd4j.pullRows(advOneHot, 1, adv);
                x = x == null ? ax : Nd4j.concat(0, x, ax);
                y = y == null ? ay : Nd4j.concat(0, y, ay);
            }
            model.fit(x, y);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = ApproximateForgetting.settingsOf(settings, seed);
        m.put("batchSize", retraining.batchSize());
        return m;
    }

    @Override
    public Map<String, Object> lastResult() {
        return lastResult;
    }
}
