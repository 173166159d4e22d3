package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;

/** Fast Gradient Sign Method: x_adv = clip(x + eps * sign(grad_x loss), 0, 1), one gradient per input. */
public final class FgsmAttack implements AdversarialAttack {
    private final double epsilon;
    private final FgsmVariant loss;

    public FgsmAttack(double epsilon, FgsmVariant loss) {
        this.epsilon = epsilon;
        this.loss = loss;
    }

    @Override
    public String id() {
        return "fgsm-" + loss.id();
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    public FgsmVariant loss() {
        return loss;
    }

    @Override
    public AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot) {
        INDArray g = InputGradient.of(model, loss, images, oneHot);
        return new AttackBatch(InputGradient.signStep(images, g, epsilon), InputGradient.zeroRows(g));
    }
}
