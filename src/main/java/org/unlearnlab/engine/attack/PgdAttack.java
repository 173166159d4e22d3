package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;

/**
 * Projected Gradient Descent in the L-infinity ball (Madry et al.): repeated signed steps on the logits'
 * cross-entropy, each projected back into [x - eps, x + eps] and [0, 1], optionally from a random start.
 * It is the check on FGSM: a defence whose PGD accuracy exceeds its FGSM accuracy is masking gradients.
 */
public final class PgdAttack implements AdversarialAttack {
    private final double epsilon;
    private final int steps;
    private final double stepSize;
    private final boolean randomStart;
    private final Random random;

    public PgdAttack(double epsilon, int steps, double stepSize, boolean randomStart, long seed) {
        this.epsilon = epsilon;
        this.steps = steps;
        this.stepSize = stepSize;
        this.randomStart = randomStart;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    @Override
    public String id() {
        return "pgd";
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    @Override
    public AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot) {
        INDArray lower = images.sub(epsilon);
        INDArray upper = images.add(epsilon);
        INDArray x = images.dup();
        if (randomStart && epsilon > 0) {
            INDArray noise = Nd4j.rand(random, images.shape()).castTo(DataType.FLOAT).muli(2 * epsilon).subi(epsilon);
            x = InputGradient.clip01(x.addi(noise));
        }
        boolean[] zeroAtStart = null;
        for (int s = 0; s < steps; s++) {
            INDArray g = InputGradient.of(model, FgsmVariant.STABLE, x, oneHot);
            if (zeroAtStart == null) {
                zeroAtStart = InputGradient.zeroRows(g);
            }
            x.addi(Transforms.sign(g, false).muli(stepSize));
            Transforms.max(x, lower, false);
            Transforms.min(x, upper, false);
            InputGradient.clip01(x);
        }
        return new AttackBatch(x, zeroAtStart == null ? new boolean[(int) images.size(0)] : zeroAtStart);
    }
}
