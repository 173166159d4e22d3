package org.unlearnlab.engine.backdoor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitGradientStep;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Shared Adversarial Unlearning (SAU, Wei et al., NeurIPS 2023): purifies a backdoored model h0 with a small clean
 * set. The purified model h starts as a copy of h0 and, for each batch (x, y) of the clean set, is stepped once
 * by Adam on
 * <pre>
 *   L = lmd1 * mean CE(h(x), y)
 *     + lmd2 * mean CE(h(x'), y)
 *     + lmd3 * (1/n) * sum over potential poisons i of -log(1 - p_i[k_i])
 * </pre>
 * where x' = x + d are the shared adversarial examples of {@link SharedAdversarialAttack} against h and h0,
 * p_i = softmax(h(x'_i)), k_i = h0's prediction on x'_i, and a potential poison is an x'_i that h0 classifies
 * neither as y_i nor as it classifies x_i. The last term pushes h's prediction on such an example away from the
 * class h0 gives it, so that the two models no longer share it (p_i[k_i] below 0.001 counts as done, as the
 * public code's clamp). Defaults: lmd1 = 1, lmd2 = 0, lmd3 = 1 (the public code's). Both models are run in
 * evaluation mode throughout, as the public code does by default.
 *
 * <p>The same class runs the fine-tuning baseline ({@link Mode#FINE_TUNE}): only the lmd1 term, no examples
 * generated, the same clean set, batches, optimiser and number of steps.
 */
public final class SharedAdversarialUnlearning {
    public enum Mode {
        SAU("sau"), FINE_TUNE("fine-tune");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One pass over the clean set.
     *
     * @param epoch         1-based pass
     * @param steps         optimiser steps so far
     * @param meanLoss      mean of L over the pass's batches
     * @param shared        shared adversarial examples found in the pass
     * @param potentialPoisons examples the last term applied to
     * @param metrics       the purified model's figures after the pass
     * @param millis        time since the purification began, evaluations included
     */
    public record Epoch(int epoch, int steps, double meanLoss, int shared, int potentialPoisons,
                       BackdoorMetrics metrics, long millis) {
    }

    /** A shared adversarial example as found, for display. */
    public record SharedExample(float[] clean, float[] adversarial, int label, int referencePrediction,
                                int purifiedPrediction) {
    }

    public interface Observer {
        void epochFinished(Epoch epoch);
    }

    public record Result(Classifier model, List<Epoch> epochs, List<SharedExample> examples, long millis) {
    }

    /** At most this many shared examples are kept for display. */
    static final int EXAMPLES = 8;

    private final BackdoorSettings.Sau settings;
    private final Mode mode;

    public SharedAdversarialUnlearning(BackdoorSettings.Sau settings, Mode mode) {
        this.settings = settings;
        this.mode = mode;
    }

    /**
     * @param backdoored h0; left unchanged
     * @param clean      the clean set
     * @param evaluation measured after every pass on its first {@code evalLimit} test images (0 = all)
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public Result run(Classifier backdoored, TensorData clean, BackdoorEvaluation evaluation, int evalLimit, long seed,
                      Observer observer, CancellationToken token) {
        long start = System.nanoTime();
        Classifier purified = backdoored.copy();
        LogitGradientStep optimiser = new LogitGradientStep(purified, settings.learningRate());
        SharedAdversarialAttack attack = SharedAdversarialAttack.of(settings);
        Random shuffle = new Random(seed);
        int[] order = org.unlearnlab.engine.training.Trainer.range(clean.size());
        List<Epoch> epochs = new ArrayList<>();
        List<SharedExample> examples = new ArrayList<>();
        int steps = 0;
        for (int e = 1; e <= settings.epochs(); e++) {
            shuffle(order, shuffle);
            double lossSum = 0;
            int batches = 0;
            int shared = 0;
            int potential = 0;
            boolean lastEpoch = e == settings.epochs();
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                token.throwIfCancelled();
                int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + settings.batchSize()));
                int[] labels = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    labels[i] = clean.labels()[idx[i]];
                }
                BatchStep b = step(purified, backdoored, optimiser, attack, clean.imagesAt(idx), labels,
                        lastEpoch && examples.size() < EXAMPLES ? examples : null);
                lossSum += b.loss;
                shared += b.shared;
                potential += b.potential;
                batches++;
                steps++;
            }
            BackdoorMetrics m = evaluation.evaluate(purified, evalLimit, token);
            Epoch row = new Epoch(e, steps, lossSum / batches, shared, potential, m,
                    (System.nanoTime() - start) / 1_000_000);
            epochs.add(row);
            observer.epochFinished(row);
        }
        return new Result(purified, epochs, examples, (System.nanoTime() - start) / 1_000_000);
    }

    private record BatchStep(double loss, int shared, int potential) {
    }

    private BatchStep step(Classifier h, Classifier h0, LogitGradientStep optimiser, SharedAdversarialAttack attack,
                           INDArray x, int[] y, List<SharedExample> keep) {
        int n = y.length;
        float[][] p = LogitRows.softmax(h.logits(x));
        float[][] gClean = new float[n][p[0].length];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            LogitRows.addCrossEntropy(gClean[i], p[i], y[i], settings.cleanWeight() / n);
            loss += settings.cleanWeight() * LogitRows.crossEntropy(p[i], y[i]) / n;
        }
        if (mode == Mode.FINE_TUNE) {
            optimiser.step(x, LogitRows.toArray(gClean));
            return new BatchStep(loss, 0, 0);
        }
        SharedAdversarialAttack.Result adv = attack.perturb(h, h0, x, y);
        INDArray xAdv = adv.adversarial();
        float[][] pAdv = LogitRows.softmax(h.logits(xAdv));
        int[] refClean = LogitRows.argMax(LogitRows.softmax(h0.logits(x)));
        int[] refAdv = LogitRows.argMax(LogitRows.softmax(h0.logits(xAdv)));
        float[][] gAdv = new float[n][p[0].length];
        int potential = 0;
        for (int i = 0; i < n; i++) {
            if (settings.adversarialWeight() > 0) {
                LogitRows.addCrossEntropy(gAdv[i], pAdv[i], y[i], settings.adversarialWeight() / n);
                loss += settings.adversarialWeight() * LogitRows.crossEntropy(pAdv[i], y[i]) / n;
            }
            if (refAdv[i] != y[i] && refAdv[i] != refClean[i]) {
                potential++;
                LogitRows.addAwayFrom(gAdv[i], pAdv[i], refAdv[i], settings.sharedWeight() / n);
                loss += settings.sharedWeight() * -Math.log(1e-6 + Math.min(1 - pAdv[i][refAdv[i]], 0.999)) / n;
            }
        }
        if (keep != null) {
            int[] hAdv = LogitRows.argMax(pAdv);
            float[][] cleanRows = x.reshape(n, x.length() / n).toFloatMatrix();
            float[][] advRows = xAdv.reshape(n, xAdv.length() / n).toFloatMatrix();
            for (int i = 0; i < n && keep.size() < EXAMPLES; i++) {
                if (refAdv[i] != refClean[i] && hAdv[i] == refAdv[i]) {
                    keep.add(new SharedExample(cleanRows[i], advRows[i], y[i], refAdv[i], hAdv[i]));
                }
            }
        }
        float[][] g = Arrays.copyOf(gClean, 2 * n);
        System.arraycopy(gAdv, 0, g, n, n);
        optimiser.step(Nd4j.concat(0, x, xAdv), LogitRows.toArray(g));
        return new BatchStep(loss, adv.shared(), potential);
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
