package org.unlearnlab.engine.audit;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher for positives, computed as the Mann-Whitney U
 * statistic: the share of (positive, negative) pairs in which the positive scores higher, a tie counting half.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** @return in [0, 1]; 0.5 when the two score distributions are the same; NaN when either side is empty */
    public static double of(double[] positives, double[] negatives) {
        int np = positives.length;
        int nn = negatives.length;
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        double[] all = new double[np + nn];
        boolean[] positive = new boolean[np + nn];
        Integer[] order = new Integer[np + nn];
        for (int i = 0; i < np; i++) {
            all[i] = positives[i];
            positive[i] = true;
        }
        System.arraycopy(negatives, 0, all, np, nn);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        // Ranks 1..n, tied scores sharing the mean of their ranks.
        double positiveRankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += rank;
                }
            }
            i = j + 1;
        }
        double u = positiveRankSum - np * (np + 1) / 2.0;
        return u / ((double) np * nn);
    }
}
