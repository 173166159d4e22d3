package org.unlearnlab.engine.attack;

/**
 * One attacked image, in plain arrays for user interfaces.
 *
 * @param index  dataset index, or -1 for a drawn digit
 * @param zeroGradient the input gradient was exactly zero, so the attack could not move this image
 */
public record AdversarialDigit(int index, int label, float[] clean, float[] adversarial, float[] cleanProbabilities,
                               float[] adversarialProbabilities, boolean zeroGradient) {

    public int cleanPrediction() {
        return argMax(cleanProbabilities);
    }

    public int adversarialPrediction() {
        return argMax(adversarialProbabilities);
    }

    /** The attack changed the prediction. */
    public boolean flipped() {
        return cleanPrediction() != adversarialPrediction();
    }

    /** ||adversarial - clean||_2, the distance C&amp;W minimises (pixels in [0, 1]). */
    public double l2Distance() {
        double sum = 0;
        for (int i = 0; i < clean.length; i++) {
            double d = adversarial[i] - clean[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** The largest |adversarial - clean| of any pixel: eps for an L-infinity attack, C&amp;W's own scale otherwise. */
    public double largestChange() {
        double max = 0;
        for (int i = 0; i < clean.length; i++) {
            max = Math.max(max, Math.abs(adversarial[i] - clean[i]));
        }
        return max;
    }

    /** adversarial - clean, in [-eps, eps]. */
    public float[] perturbation() {
        float[] d = new float[clean.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = adversarial[i] - clean[i];
        }
        return d;
    }

    /** Index of the largest probability. */
    public static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
