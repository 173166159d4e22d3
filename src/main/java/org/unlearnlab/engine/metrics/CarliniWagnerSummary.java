package org.unlearnlab.engine.metrics;

import java.util.Arrays;

/**
 * What Carlini-Wagner L2 found on one set of inputs. C&amp;W has no budget: it reports how far it had to move
 * each image, so its figures are a success rate and distances rather than an accuracy at some epsilon.
 *
 * @param evaluated   how many inputs were attacked
 * @param correct     of those, how many the model classified correctly before the attack (the ones attacked)
 * @param flipped     of the correct ones, how many C&amp;W turned into a misclassification
 * @param successRate flipped / correct (0 when nothing was correct)
 * @param medianL2    median L2 distance (pixels in [0, 1]) from a flipped image to its adversarial version;
 *                    NaN when nothing flipped
 * @param meanL2      mean of the same distances; NaN when nothing flipped
 * @param accuracy    share of all inputs still classified correctly after the attack
 */
public record CarliniWagnerSummary(int evaluated, int correct, int flipped, double successRate, double medianL2,
                                   double meanL2, double accuracy) {

    /** @param flippedL2 the L2 distance of every flipped input, in any order */
    public static CarliniWagnerSummary of(int evaluated, int correct, double[] flippedL2) {
        double[] d = flippedL2.clone();
        Arrays.sort(d);
        int f = d.length;
        double median = f == 0 ? Double.NaN : f % 2 == 1 ? d[f / 2] : (d[f / 2 - 1] + d[f / 2]) / 2;
        double mean = f == 0 ? Double.NaN : Arrays.stream(d).sum() / f;
        return new CarliniWagnerSummary(evaluated, correct, f, correct == 0 ? 0 : f / (double) correct, median, mean,
                evaluated == 0 ? 0 : (correct - f) / (double) evaluated);
    }
}
