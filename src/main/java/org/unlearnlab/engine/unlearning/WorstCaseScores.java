package org.unlearnlab.engine.unlearning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How much an adversary expects the removal of each sample to hurt, for the study's "worst by logits" request,
 * which it names but does not define. Two readings, by what the adversary can see:
 *
 * <ul>
 * <li>output-aware: the logit margin m(z) = logit_y(z) - max_{k != y} logit_k(z) on the deployed model; the worst
 * samples have the <em>smallest</em> margin (misclassified ones first). Why the smallest and not the largest: the
 * approximate methods move the weights by the forgotten samples' loss gradients (Influence: theta + (1/n) H^-1 sum
 * grad L(z); Fisher's Newton step likewise), and the cross-entropy's gradient with respect to the logits is
 * p - onehot(y), whose length grows as the margin shrinks. A large-margin sample has a near-zero gradient, so
 * asking to forget it barely moves the model; the smallest margins ask for the largest steps.</li>
 * <li>parameter-aware: Koh and Liang's influence of removing z on the loss of probe images (held-out images the
 * adversary wants the model to get wrong): removing z moves theta by about (1/n) H^-1 grad L(z), which changes the
 * probe loss by about (1/n) grad L(z)^T H^-1 grad L_probe = (1/n) grad L(z)^T s. The vector s is estimated once by
 * {@link Lissa}; the products with every candidate's gradient are taken at once as the directional derivative of
 * each candidate's loss along s, (L(z; theta + r s) - L(z; theta - r s)) / 2r: two forward passes over the
 * candidates instead of one backward pass per candidate. The worst samples have the <em>largest</em> score.</li>
 * </ul>
 */
public final class WorstCaseScores {

    private WorstCaseScores() {
    }

    /** Rows of one data set that a request may name. */
    public record Candidates(TensorData data, int[] rows) {
    }

    /** Each sample's loss at the model's current parameters, in the order of the candidates it was made for. */
    public interface SampleLosses {
        double[] current();
    }

    /** logit_y - max_{k != y} logit_k of each row. */
    public static double[] logitMargins(float[][] logits, int[] labels) {
        double[] m = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            double other = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits[i].length; k++) {
                if (k != labels[i]) {
                    other = Math.max(other, logits[i][k]);
                }
            }
            m[i] = logits[i][labels[i]] - other;
        }
        return m;
    }

    /** The logit margin of every candidate, in order over the sets. */
    public static double[] logitMargins(Classifier model, List<Candidates> sets, CancellationToken token) {
        return perCandidate(model, sets, token, (logits, c, idx) -> {
            int[] labels = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = c.data().labels()[idx[i]];
            }
            return logitMargins(logits.toFloatMatrix(), labels);
        });
    }

    /** A figure of each row of a batch from the model's logits on it. */
    private interface BatchFigure {
        double[] of(INDArray logits, Candidates from, int[] rows);
    }

    /** {@code figure} of every candidate, batch by batch, in order over the sets. */
    private static double[] perCandidate(Classifier model, List<Candidates> sets, CancellationToken token,
                                         BatchFigure figure) {
        double[] out = new double[count(sets)];
        int at = 0;
        for (Candidates c : sets) {
            for (int from = 0; from < c.rows().length; from += Evaluator.BATCH) {
                token.throwIfCancelled();
                int[] idx = Arrays.copyOfRange(c.rows(), from, Math.min(c.rows().length, from + Evaluator.BATCH));
                double[] f = figure.of(model.logits(c.data().imagesAt(idx)), c, idx);
                System.arraycopy(f, 0, out, at, f.length);
                at += f.length;
            }
        }
        return out;
    }

    /**
     * grad L(z)^T H^-1 g for each candidate z, g being the probe loss's gradient: n times the rise of the probe loss
     * that removing z would cause, to first order. {@code risk} gives the Hessian (on {@code hessianRows}) and the
     * parameters that {@code losses} are evaluated at; it is left at its parameters on return.
     */
    public static double[] influenceOnProbe(EmpiricalRisk risk, double[] probeGradient, int[] hessianRows,
                                            ForgetSettings.Influence settings, Random random, SampleLosses losses,
                                            CancellationToken token) {
        double[] s = Lissa.inverseHessianVector(risk, probeGradient, hessianRows, settings.batchSize(),
                settings.damping(), settings.depth(), settings.scale(), random, token).value();
        return directionalDerivatives(risk, s, losses, risk.finiteDifferenceStep());
    }

    /** (L(theta + r s) - L(theta - r s)) / 2r per sample, with r relative to the lengths of theta and s. */
    static double[] directionalDerivatives(EmpiricalRisk risk, double[] s, SampleLosses losses, double step) {
        double[] theta = risk.parameters();
        double sNorm = EmpiricalRisk.norm(s);
        if (sNorm == 0) {
            return new double[losses.current().length];
        }
        double r = step * (1 + EmpiricalRisk.norm(theta)) / sNorm;
        double[] shifted = theta.clone();
        try {
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] = theta[i] + r * s[i];
            }
            risk.setParameters(shifted);
            double[] plus = losses.current();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] = theta[i] - r * s[i];
            }
            risk.setParameters(shifted);
            double[] minus = losses.current();
            double[] out = new double[plus.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (plus[i] - minus[i]) / (2 * r);
            }
            return out;
        } finally {
            risk.setParameters(theta);
        }
    }

    /**
     * The influence of each candidate's removal on the cross-entropy of {@code probe}, for a DL4J classifier; the
     * Hessian is that of the mean loss on {@code hessian}'s rows. The model's parameters are restored on return.
     */
    public static double[] influenceOnProbe(Classifier model, Candidates hessian, Candidates probe,
                                            List<Candidates> sets, ForgetSettings.Influence settings, long seed,
                                            CancellationToken token) {
        ClassifierRisk risk = new ClassifierRisk(model, hessian.data());
        double[] probeGradient = new ClassifierRisk(model, probe.data()).gradient(probe.rows());
        SampleLosses losses = () -> crossEntropies(model, sets, token);
        return influenceOnProbe(risk, probeGradient, hessian.rows(), settings, new Random(seed), losses, token);
    }

    private static double[] crossEntropies(Classifier model, List<Candidates> sets, CancellationToken token) {
        return perCandidate(model, sets, token, (logits, c, idx) -> {
            float[] l = LogitCrossEntropy.perExample(logits, c.data().labelsAt(idx)).toFloatVector();
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        });
    }

    /**
     * Positions of the {@code k} largest scores (or smallest, when {@code largest} is false), worst first; ties go
     * to the lower position, so that a request is reproducible.
     */
    public static int[] worst(double[] scores, int k, boolean largest) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> scores[i]);
        Arrays.sort(order, (largest ? byScore.reversed() : byScore).thenComparingInt(i -> i));
        return Arrays.stream(order).limit(Math.max(0, Math.min(k, scores.length))).mapToInt(Integer::intValue)
                .toArray();
    }

    private static int count(List<Candidates> sets) {
        return sets.stream().mapToInt(c -> c.rows().length).sum();
    }
}
