package org.unlearnlab.engine.attack;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;

/** Gradient of a loss with respect to the input pixels, in evaluation mode (no dropout). */
public final class InputGradient {
    private InputGradient() {
    }

    /** d loss / d images, shape of {@code images}. */
    public static INDArray of(Classifier model, FgsmVariant loss, INDArray images, INDArray oneHot) {
        MultiLayerNetwork view = model.attackView(loss);
        return NativeBackend.onAllCores(() -> view.calculateGradients(images, oneHot, null, null).getSecond());
    }

    /** Per input: is every entry of its gradient exactly zero? */
    public static boolean[] zeroRows(INDArray gradient) {
        long n = gradient.size(0);
        INDArray maxAbs = Transforms.abs(gradient.reshape(n, gradient.length() / n), true).max(1);
        float[] m = maxAbs.toFloatVector();
        boolean[] zero = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            zero[i] = m[i] == 0f;
        }
        return zero;
    }

    /** clip(x + step * sign(g), 0, 1), in a new array. */
    static INDArray signStep(INDArray images, INDArray gradient, double step) {
        INDArray out = Transforms.sign(gradient, true).muli(step).addi(images);
        return clip01(out);
    }

    static INDArray clip01(INDArray a) {
        Transforms.max(a, 0.0, false);
        return Transforms.min(a, 1.0, false);
    }
}
