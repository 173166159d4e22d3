package org.unlearnlab.engine.attack;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;
import org.unlearnlab.engine.runtime.NativeFloats;

/** Gradient of a loss with respect to the input pixels, in evaluation mode (no dropout). */
public final class InputGradient {
    /**
     * Entries smaller than this share of their image's largest entry are taken as zero: float32 cannot resolve
     * them from the rounding of the sums that made them. oneDNN picks its convolution algorithm per CPU, and on
     * an AVX-512 machine it leaves such noise where the exact gradient is 0 (measured: an untrained paper-cnn,
     * batch 128, 8,718 of 100,352 pixels at up to 1.1e-8 against a largest entry of 0.028, all of them exactly 0
     * without oneDNN). sign() of that noise would move pixels FGSM must leave alone and make the fast and the
     * plain path disagree on 9% of FGSM's directions.
     */
    static final double RESOLUTION = 1e-6;

    private InputGradient() {
    }

    /** d loss / d images, shape of {@code images}; entries below {@link #RESOLUTION} of their row are zero. */
    public static INDArray of(Classifier model, FgsmVariant loss, INDArray images, INDArray oneHot) {
        MultiLayerNetwork view = model.attackView(loss);
        INDArray g = NativeBackend.onAllCores(() -> view.calculateGradients(images, oneHot, null, null).getSecond());
        return flushBelowResolution(g);
    }

    /**
     * d(direction . logits)/d images for a per-row direction [n, 10] on the logits, shape of {@code images}.
     *
     * <p>Unlike {@link #of}, entries below {@link #RESOLUTION} are kept: Carlini-Wagner adds this to the gradient
     * of its distance term 2(x' - x), which pulls every pixel back to its clean value, so a pixel pushed only by
     * float noise of about 1e-8 settles within about c x 1e-8 of where it was, far below anything visible or
     * measurable in the L2 figures. FGSM has no such pull: sign() turns the same noise into a full eps step.
     */
    public static INDArray ofLogitDirection(Classifier model, INDArray images, INDArray direction) {
        MultiLayerNetwork view = model.logitDirectionView();
        return NativeBackend.onAllCores(() -> view.calculateGradients(images, direction, null, null).getSecond());
    }

    /**
     * A copy of {@code gradient} with every entry below {@link #RESOLUTION} of its row's largest set to 0. Done on a
     * Java array: the same rule as a chain of ND4J ops (abs, max, compare, mask) made FGSM on 10,000 images about
     * 2 s slower, eight array allocations per batch.
     */
    static INDArray flushBelowResolution(INDArray gradient) {
        INDArray out = gradient.castTo(DataType.FLOAT).dup('c');
        int n = (int) out.size(0);
        int width = (int) (out.length() / Math.max(1, n));
        float[] a = NativeFloats.copy(out, new float[(int) out.length()]);
        for (int row = 0; row < n; row++) {
            int from = row * width;
            float largest = 0;
            for (int i = from; i < from + width; i++) {
                largest = Math.max(largest, Math.abs(a[i]));
            }
            double threshold = largest * RESOLUTION;
            for (int i = from; i < from + width; i++) {
                if (!(Math.abs(a[i]) > threshold)) {
                    a[i] = 0f;
                }
            }
        }
        NativeFloats.of(out).put(a, 0, a.length);
        return out;
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
