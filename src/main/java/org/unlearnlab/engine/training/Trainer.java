package org.unlearnlab.engine.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.Random;

/**
 * Mini-batch training over a subset of a {@link TensorData}, reporting every batch and every epoch and
 * stopping within one batch when cancelled.
 */
public final class Trainer {
    private final TensorData train;
    private final TensorData eval;
    private final int evalSize;
    private final ExperimentListener listener;
    private final CancellationToken token;

    /**
     * @param eval     test data for the clean accuracy reported after each epoch
     * @param evalSize how many test rows to use for that (0 = all)
     */
    public Trainer(TensorData train, TensorData eval, int evalSize, ExperimentListener listener,
                   CancellationToken token) {
        this.train = train;
        this.eval = eval;
        this.evalSize = evalSize;
        this.listener = listener;
        this.token = token;
    }

    /** Where this trainer reports; methods that train in their own way report to the same place. */
    public ExperimentListener listener() {
        return listener;
    }

    /** The token this trainer stops on; methods that train in their own way stop on the same. */
    public CancellationToken token() {
        return token;
    }

    /**
     * Trains {@code epochs} epochs on the rows {@code active} (in an order shuffled by {@code shuffle}).
     *
     * @param adversarial when not null, each batch is trained half clean, half on this attack's versions of
     *                    the same images (FGSM adversarial training)
     * @return mean batch loss of the last epoch
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public double train(Classifier model, int[] active, int batchSize, int epochs, String phase, int iteration,
                        Random shuffle, AdversarialAttack adversarial) {
        int[] order = active.clone();
        int batches = (order.length + batchSize - 1) / batchSize;
        long start = System.nanoTime();
        long samples = 0;
        double lastEpochLoss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long epochStart = System.nanoTime();
            shuffleInPlace(order, shuffle);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                token.throwIfCancelled();
                int from = b * batchSize;
                int to = Math.min(order.length, from + batchSize);
                double loss = fitBatch(model, java.util.Arrays.copyOfRange(order, from, to), adversarial);
                lossSum += loss;
                samples += to - from;
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                double rate = samples / Math.max(1e-9, elapsed / 1000.0);
                long remaining = (long) epochs * order.length - samples;
                listener.trainingProgress(new TrainingProgress(phase, epoch, epochs, b + 1, batches, loss, rate,
                        elapsed, (long) (remaining / Math.max(rate, 1e-9) * 1000)));
            }
            lastEpochLoss = lossSum / Math.max(1, batches);
            CleanSummary clean = Evaluator.clean(model, eval, evalSize, token);
            listener.epochFinished(new EpochMetrics(phase, iteration, epoch, lastEpochLoss, clean.accuracy(),
                    clean.meanLoss(), order.length, (System.nanoTime() - epochStart) / 1_000_000));
        }
        return lastEpochLoss;
    }

    /** One optimiser step on the training rows {@code idx}; returns the batch loss. */
    public double fitBatch(Classifier model, int[] idx, AdversarialAttack adversarial) {
        INDArray x = train.imagesAt(idx);
        INDArray y = train.labelsAt(idx);
        if (adversarial != null) {
            // Half clean, half adversarial: the mean over the doubled batch is 0.5 CE(x) + 0.5 CE(x_adv).
            INDArray xAdv = adversarial.perturb(model, x, y).adversarial();
            x = Nd4j.concat(0, x, xAdv);
            y = Nd4j.concat(0, y, y);
        }
        return model.fit(x, y);
    }

    private static void shuffleInPlace(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
