package org.unlearnlab.engine.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.attack.AttackBatch;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.attack.CarliniWagnerL2Attack;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.RobustnessSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Arrays;

/**
 * Accuracy and cross-entropy of a model, clean or under attack, on the first {@code n} rows of a dataset.
 * Losses are the logits' cross-entropy (log-sum-exp), whichever loss an attack differentiated.
 */
public final class Evaluator {
    /** Inference and attack batch: large enough to amortise per-op overhead (500 and 1000 measured the same for FGSM on 10k). */
    public static final int BATCH = 1000;
    /**
     * C&amp;W's batch: its ~1,800 passes per batch make a batch of 1,000 a minute or more between progress and
     * cancellation checks; 250 keeps the passes large enough to use both cores.
     */
    static final int CW_BATCH = 250;

    private Evaluator() {
    }

    public static CleanSummary clean(Classifier model, TensorData data, int n, CancellationToken token) {
        int limit = limit(data, n);
        long correct = 0;
        double lossSum = 0;
        for (int from = 0; from < limit; from += BATCH) {
            token.throwIfCancelled();
            int to = Math.min(limit, from + BATCH);
            INDArray logits = model.logits(data.images(from, to));
            correct += correct(logits, data.labels(), from);
            lossSum += LogitCrossEntropy.perExample(logits, data.labels(from, to)).sumNumber().doubleValue();
        }
        return new CleanSummary(correct / (double) limit, lossSum / limit, limit);
    }

    public static AttackSummary attacked(Classifier model, TensorData data, int n, AdversarialAttack attack,
                                         CancellationToken token) {
        int limit = limit(data, n);
        long correct = 0;
        double lossSum = 0;
        int zero = 0;
        for (int from = 0; from < limit; from += BATCH) {
            token.throwIfCancelled();
            int to = Math.min(limit, from + BATCH);
            INDArray y = data.labels(from, to);
            AttackBatch adv = attack.perturb(model, data.images(from, to), y);
            INDArray logits = model.logits(adv.adversarial());
            correct += correct(logits, data.labels(), from);
            lossSum += LogitCrossEntropy.perExample(logits, y).sumNumber().doubleValue();
            zero += adv.zeroGradientCount();
        }
        return new AttackSummary(attack.id(), attack.epsilon(), correct / (double) limit, lossSum / limit, zero, limit);
    }

    /**
     * Carlini-Wagner L2 on the first {@code n} rows (0 = all): its success rate on the correctly classified ones
     * and how far it moved those it flipped.
     */
    public static CarliniWagnerSummary carliniWagner(Classifier model, TensorData data, int n,
                                                     CarliniWagnerL2Attack attack, CancellationToken token) {
        int limit = limit(data, n);
        int correct = 0;
        double[] flippedL2 = new double[limit];
        int flipped = 0;
        for (int from = 0; from < limit; from += CW_BATCH) {
            token.throwIfCancelled();
            int to = Math.min(limit, from + CW_BATCH);
            CarliniWagnerL2Attack.Result r = attack.run(model, data.images(from, to), data.labels(from, to), token);
            for (int i = 0; i < to - from; i++) {
                if (!r.misclassified()[i]) {
                    correct++;
                    if (r.success()[i]) {
                        flippedL2[flipped++] = r.l2()[i];
                    }
                }
            }
        }
        return CarliniWagnerSummary.of(limit, correct, Arrays.copyOf(flippedL2, flipped));
    }

    /**
     * The attack suite's figures on the first {@code n} rows (0 = all): clean accuracy, FGSM with the stable and
     * with the paper's loss, and PGD, all at the suite's epsilon.
     */
    public static RobustnessSummary robustness(Classifier model, TensorData data, int n, AttackSuite suite,
                                               CancellationToken token) {
        return new RobustnessSummary(clean(model, data, n, token),
                attacked(model, data, n, suite.fgsm(FgsmVariant.STABLE), token),
                attacked(model, data, n, suite.fgsm(FgsmVariant.PAPER), token),
                attacked(model, data, n, suite.pgd(), token));
    }

    static int limit(TensorData data, int n) {
        return n <= 0 ? data.size() : Math.min(n, data.size());
    }

    /** How many rows of {@code logits} have their arg-max equal to labels[offset + row]. */
    static long correct(INDArray logits, int[] labels, int offset) {
        long[] predicted = logits.argMax(1).toLongVector();
        long c = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[offset + i]) {
                c++;
            }
        }
        return c;
    }

    /** The index of the largest value (the first of equal ones): a model's predicted class from its probabilities. */
    public static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
