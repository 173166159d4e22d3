package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Arrays;

/**
 * Carlini-Wagner L2 (Carlini &amp; Wagner, "Towards Evaluating the Robustness of Neural Networks", 2017),
 * untargeted: the smallest L2 change that makes the model answer anything but the true class.
 *
 * <p>Per image it minimises ||x' - x||_2^2 + c * max(Z_y - max_{i != y} Z_i, -kappa) over w, where
 * x' = (tanh(w) + 1) / 2 keeps every pixel in [0, 1] without clipping (the "tanh box") and Z are the logits.
 * Adam runs a fixed number of steps on w from w(x) for each c; a binary search over c, per image, raises c
 * (x10 until a first success, then bisecting) while no step succeeded and lowers it once one did. Of all the
 * successful x' seen, the one of smallest L2 is kept.
 *
 * <p>Defaults: 9 binary-search steps, initial c 1e-3, kappa 0 and Adam (beta 0.9 / 0.999, epsilon 1e-8) are
 * those of Carlini's own {@code nn_robust_attacks/l2_attack.py} and of advertorch's
 * {@code CarliniWagnerL2Attack}. Both run up to 10,000 Adam steps at learning rate 0.01 and stop early when the
 * objective stalls; here a fixed 100 steps at learning rate 0.1 keep the attack within seconds on a few hundred
 * MNIST digits (on 100 steps, 0.01 cannot move w far enough: a black MNIST pixel starts at w = -7.3, and it
 * takes w near -1 to show). There is no early abort: with 100 steps it saves little.
 *
 * <p>Images the model already misclassifies are returned unchanged (L2 0, counted as successes); images no c
 * flipped are returned unchanged as well, so accuracy counts them as robust, and flagged in {@link Result}.
 * {@link #epsilon()} is NaN: C&amp;W has no L-infinity budget, it reports a distance per image instead.
 */
public final class CarliniWagnerL2Attack implements AdversarialAttack {
    public static final int DEFAULT_BINARY_STEPS = 9;
    public static final int DEFAULT_ADAM_STEPS = 100;
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final double DEFAULT_KAPPA = 0;
    public static final double DEFAULT_INITIAL_C = 1e-3;

    /** Carlini's: (2x - 1) is shrunk by this before atanh, so that pixels of exactly 0 or 1 have a finite w. */
    private static final double BOX = 0.999999;
    /** "No upper bound on c yet" in the binary search, as in the reference implementation. */
    private static final double NO_UPPER = 1e10;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final int binarySteps;
    private final int adamSteps;
    private final double learningRate;
    private final double kappa;
    private final double initialC;

    public CarliniWagnerL2Attack(int binarySteps, int adamSteps, double learningRate, double kappa, double initialC) {
        if (binarySteps < 1 || adamSteps < 1 || !(learningRate > 0) || !(kappa >= 0) || !(initialC > 0)) {
            throw new IllegalArgumentException("C&W needs binary steps and Adam steps >= 1, a positive learning rate"
                    + " and initial c, and kappa >= 0");
        }
        this.binarySteps = binarySteps;
        this.adamSteps = adamSteps;
        this.learningRate = learningRate;
        this.kappa = kappa;
        this.initialC = initialC;
    }

    /** The defaults of the class comment. */
    public static CarliniWagnerL2Attack withDefaults() {
        return new CarliniWagnerL2Attack(DEFAULT_BINARY_STEPS, DEFAULT_ADAM_STEPS, DEFAULT_LEARNING_RATE,
                DEFAULT_KAPPA, DEFAULT_INITIAL_C);
    }

    /**
     * The attacked batch with what C&amp;W measures per image.
     *
     * @param adversarial  [n, ...] like the input, in [0, 1]
     * @param misclassified the model got the clean image wrong already; returned unchanged
     * @param success      the returned image is misclassified (always true where {@code misclassified} is)
     * @param l2           ||adversarial - clean||_2 per image; 0 where nothing was changed
     */
    public record Result(INDArray adversarial, boolean[] misclassified, boolean[] success, double[] l2) {

        /** No zero-gradient flags: C&amp;W optimises a margin on the logits, which has no saturated loss. */
        public AttackBatch asBatch() {
            return new AttackBatch(adversarial, new boolean[success.length]);
        }
    }

    @Override
    public String id() {
        return "cw";
    }

    /** NaN: C&amp;W minimises the L2 distance instead of staying within an L-infinity budget. */
    @Override
    public double epsilon() {
        return Double.NaN;
    }

    public int binarySteps() {
        return binarySteps;
    }

    public int adamSteps() {
        return adamSteps;
    }

    public double learningRate() {
        return learningRate;
    }

    public double kappa() {
        return kappa;
    }

    public double initialC() {
        return initialC;
    }

    @Override
    public AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot) {
        return run(model, images, oneHot, CancellationToken.none()).asBatch();
    }

    /**
     * Attacks every image of the batch; see the class comment.
     *
     * @param token checked at every Adam step: a batch of C&amp;W takes long enough for a user to give up on it
     */
    public Result run(Classifier model, INDArray images, INDArray oneHot, CancellationToken token) {
        int n = (int) images.size(0);
        int[] labels = argMax(oneHot.toFloatMatrix());
        int[] predicted = argMax(model.logits(images).toFloatMatrix());
        boolean[] misclassified = new boolean[n];
        int[] attacked = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            misclassified[i] = predicted[i] != labels[i];
            if (!misclassified[i]) {
                attacked[k++] = i;
            }
        }
        attacked = Arrays.copyOf(attacked, k);
        INDArray out = images.dup();
        boolean[] success = misclassified.clone();
        double[] l2 = new double[n];
        if (k == 0) {
            return new Result(out, misclassified, success, l2);
        }
        long pixels = images.length() / n;
        INDArray clean = images.reshape('c', n, pixels).castTo(DataType.FLOAT).getRows(attacked);
        int[] y = new int[k];
        for (int j = 0; j < k; j++) {
            y[j] = labels[attacked[j]];
        }
        Search s = search(model, clean, y, shapeOf(images, k), token);
        INDArray outRows = out.reshape('c', n, pixels);
        for (int j = 0; j < k; j++) {
            if (s.bestL2[j] < Double.POSITIVE_INFINITY) {
                success[attacked[j]] = true;
                l2[attacked[j]] = s.bestL2[j];
                outRows.putRow(attacked[j], s.best.getRow(j));
            }
        }
        return new Result(outRows.reshape('c', images.shape()).castTo(images.dataType()), misclassified, success, l2);
    }

    private record Search(INDArray best, double[] bestL2) {
    }

    /** The binary search over c for k correctly classified images, as rows [k, pixels]. */
    private Search search(Classifier model, INDArray clean, int[] y, long[] imageShape, CancellationToken token) {
        int k = y.length;
        double[] c = new double[k];
        double[] lower = new double[k];
        double[] upper = new double[k];
        Arrays.fill(c, initialC);
        Arrays.fill(upper, NO_UPPER);
        INDArray best = clean.dup();
        double[] bestL2 = new double[k];
        Arrays.fill(bestL2, Double.POSITIVE_INFINITY);
        INDArray w0 = Transforms.atanh(clean.mul(2).subi(1).muli(BOX), false);
        for (int round = 0; round < binarySteps; round++) {
            boolean[] found = new boolean[k];
            // Each c starts from the clean image again, as in the reference: a run at a too-large c would
            // otherwise leave the next, smaller c far from x.
            INDArray w = w0.dup();
            INDArray m = Nd4j.zeros(DataType.FLOAT, w.shape());
            INDArray v = Nd4j.zeros(DataType.FLOAT, w.shape());
            for (int step = 1; step <= adamSteps; step++) {
                token.throwIfCancelled();
                INDArray adv = Transforms.tanh(w, true).addi(1).muli(0.5);
                INDArray advImages = adv.reshape('c', imageShape);
                float[][] z = model.logits(advImages).toFloatMatrix();
                INDArray delta = adv.sub(clean);
                double[] dist = delta.mul(delta).sum(1).toDoubleVector();
                float[][] direction = new float[k][z[0].length];
                float[] improved = new float[k];
                for (int j = 0; j < k; j++) {
                    int other = strongestOther(z[j], y[j]);
                    double margin = z[j][y[j]] - z[j][other];
                    if (margin + kappa < 0 && dist[j] < bestL2[j]) {
                        bestL2[j] = dist[j];
                        improved[j] = 1;
                    }
                    found[j] |= margin + kappa < 0;
                    if (margin > -kappa) {
                        // d/dZ of c * (Z_y - Z_other); beyond -kappa the hinge is flat and only distance counts.
                        direction[j][y[j]] = (float) c[j];
                        direction[j][other] = (float) -c[j];
                    }
                }
                INDArray keep = Nd4j.create(improved, new long[]{k, 1}, 'c');
                best.addi(adv.sub(best).muliColumnVector(keep));
                INDArray margin = InputGradient.ofLogitDirection(model, advImages, Nd4j.create(direction))
                        .reshape('c', k, adv.size(1));
                // d objective / d x', then through dx'/dw = (1 - tanh^2 w) / 2 = 2 x' (1 - x').
                INDArray g = delta.muli(2).addi(margin).muli(adv.rsub(1).muli(adv).muli(2));
                adam(w, g, m, v, step);
            }
            for (int j = 0; j < k; j++) {
                if (found[j]) {
                    upper[j] = Math.min(upper[j], c[j]);
                    c[j] = (lower[j] + upper[j]) / 2;
                } else {
                    lower[j] = Math.max(lower[j], c[j]);
                    c[j] = upper[j] < NO_UPPER ? (lower[j] + upper[j]) / 2 : c[j] * 10;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            bestL2[j] = Math.sqrt(bestL2[j]);
        }
        return new Search(best, bestL2);
    }

    /** One Adam step on w, in place, with bias correction. */
    private void adam(INDArray w, INDArray g, INDArray m, INDArray v, int step) {
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        double rate = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        w.subi(m.div(Transforms.sqrt(v, true).addi(ADAM_EPSILON)).muli(rate));
    }

    private static int strongestOther(float[] z, int label) {
        int best = label == 0 ? 1 : 0;
        for (int i = 0; i < z.length; i++) {
            if (i != label && z[i] > z[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] argMax(float[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = AdversarialDigit.argMax(rows[i]);
        }
        return out;
    }

    private static long[] shapeOf(INDArray images, int rows) {
        long[] shape = images.shape().clone();
        shape[0] = rows;
        return shape;
    }
}
