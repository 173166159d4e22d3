package org.unlearnlab.engine.unlearning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Arrays;
import java.util.Comparator;

/** Attacks a set of training samples and scores each adversarial version: cross-entropy and prediction. */
final class AdversarialScores {
    final int[] indices;
    final float[] loss;
    final int[] prediction;

    private AdversarialScores(int[] indices, float[] loss, int[] prediction) {
        this.indices = indices;
        this.loss = loss;
        this.prediction = prediction;
    }

    static AdversarialScores of(Classifier model, TensorData train, int[] indices, AdversarialAttack attack,
                                CancellationToken token) {
        float[] loss = new float[indices.length];
        int[] prediction = new int[indices.length];
        for (int from = 0; from < indices.length; from += Evaluator.BATCH) {
            token.throwIfCancelled();
            int to = Math.min(indices.length, from + Evaluator.BATCH);
            int[] idx = Arrays.copyOfRange(indices, from, to);
            INDArray y = train.labelsAt(idx);
            INDArray logits = model.logits(attack.perturb(model, train.imagesAt(idx), y).adversarial());
            System.arraycopy(LogitCrossEntropy.perExample(logits, y).toFloatVector(), 0, loss, from, to - from);
            long[] p = logits.argMax(1).toLongVector();
            for (int i = 0; i < p.length; i++) {
                prediction[from + i] = (int) p[i];
            }
        }
        return new AdversarialScores(indices, loss, prediction);
    }

    /** Positions of the {@code k} highest losses, highest first; ties go to the lower dataset index (reproducible). */
    int[] highestLoss(int k) {
        Integer[] order = new Integer[indices.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -loss[i]).thenComparingInt(i -> indices[i]));
        return Arrays.stream(order).limit(Math.max(0, k)).mapToInt(Integer::intValue).toArray();
    }

    RemovedSample removed(int position, int label, int iteration) {
        return new RemovedSample(indices[position], label, prediction[position], loss[position], iteration);
    }
}
