package org.unlearnlab.engine.backdoor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.attack.InputGradient;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.model.Classifier;

/**
 * PGD for shared adversarial examples (SAU's maximisation step): one perturbation per image, in the L-infinity
 * ball of radius eps, that makes the model being purified (h) and the backdoored reference (h0) both change
 * their prediction, and to the same class. With p = softmax(h(x + d)), q = softmax(h0(x + d)), n images, it
 * descends
 * <pre>
 *   L(d) = beta1 * L_adv + beta2 * L_share
 *   L_adv   = -(sum over images h still classifies as on x of CE(p, y)
 *              + sum over images h0 still classifies as on x of CE(q, y)) / (2n)
 *   L_share = sum over images not yet shared of JS(p, q) / n
 * </pre>
 * with signed steps {@code d <- clip(d - stepSize * sign(dL/dd), -eps, eps)}, starting from d = +eps everywhere,
 * and stops early once every image is shared. As in the public code, x + d is not clipped to [0, 1]. Both
 * models are differentiated in evaluation mode; the gradients of the two losses are taken at the logits here
 * and chained to the pixels by each model's logit view.
 */
public final class SharedAdversarialAttack {
    private final double epsilon;
    private final int steps;
    private final double stepSize;
    private final double adversarialWeight;
    private final double sharedWeight;

    public SharedAdversarialAttack(double epsilon, int steps, double stepSize, double adversarialWeight,
                                   double sharedWeight) {
        this.epsilon = epsilon;
        this.steps = steps;
        this.stepSize = stepSize;
        this.adversarialWeight = adversarialWeight;
        this.sharedWeight = sharedWeight;
    }

    public static SharedAdversarialAttack of(BackdoorSettings.Sau s) {
        return new SharedAdversarialAttack(s.epsilon(), s.pgdSteps(), s.pgdStepSize(), s.attackAdversarialWeight(),
                s.attackSharedWeight());
    }

    /**
     * @param adversarial x + d
     * @param shared      how many of them both models now misclassify as the same class (against their clean
     *                    predictions)
     */
    public record Result(INDArray adversarial, int shared) {
    }

    public Result perturb(Classifier purified, Classifier reference, INDArray images, int[] labels) {
        int n = labels.length;
        int[] clean = LogitRows.argMax(LogitRows.softmax(purified.logits(images)));
        int[] cleanRef = LogitRows.argMax(LogitRows.softmax(reference.logits(images)));
        INDArray delta = Nd4j.valueArrayOf(images.shape(), epsilon, DataType.FLOAT);
        for (int s = 0; s < steps; s++) {
            INDArray x = images.add(delta);
            float[][] p = LogitRows.softmax(purified.logits(x));
            float[][] q = LogitRows.softmax(reference.logits(x));
            int[] pred = LogitRows.argMax(p);
            int[] predRef = LogitRows.argMax(q);
            float[][] gp = new float[n][p[0].length];
            float[][] gq = new float[n][p[0].length];
            int shared = 0;
            for (int i = 0; i < n; i++) {
                boolean fooled = pred[i] != clean[i];
                boolean fooledRef = predRef[i] != cleanRef[i];
                boolean isShared = fooled && fooledRef && pred[i] == predRef[i];
                if (!fooled) {
                    LogitRows.addCrossEntropy(gp[i], p[i], labels[i], -adversarialWeight / (2.0 * n));
                }
                if (!fooledRef) {
                    LogitRows.addCrossEntropy(gq[i], q[i], labels[i], -adversarialWeight / (2.0 * n));
                }
                if (isShared) {
                    shared++;
                } else {
                    LogitRows.addJensenShannon(gp[i], p[i], q[i], sharedWeight / n);
                    LogitRows.addJensenShannon(gq[i], q[i], p[i], sharedWeight / n);
                }
            }
            INDArray g = InputGradient.ofLogitDirection(purified, x, LogitRows.toArray(gp))
                    .addi(InputGradient.ofLogitDirection(reference, x, LogitRows.toArray(gq)));
            delta.subi(Transforms.sign(g, false).muli(stepSize));
            Transforms.max(delta, -epsilon, false);
            Transforms.min(delta, epsilon, false);
            if (shared == n) {
                break;
            }
        }
        INDArray adversarial = images.add(delta);
        int[] pred = LogitRows.argMax(LogitRows.softmax(purified.logits(adversarial)));
        int[] predRef = LogitRows.argMax(LogitRows.softmax(reference.logits(adversarial)));
        int shared = 0;
        for (int i = 0; i < n; i++) {
            if (pred[i] != clean[i] && predRef[i] != cleanRef[i] && pred[i] == predRef[i]) {
                shared++;
            }
        }
        return new Result(adversarial, shared);
    }
}
