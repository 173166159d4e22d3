package org.unlearnlab.engine.healing;

import org.unlearnlab.engine.config.TwinMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairs forgotten samples with spares: each forgotten sample in turn, in the order given (ascending training row
 * in a healing run), takes its nearest spare not taken yet; a tie goes to the spare listed first. A spare is used
 * at most once. When there are more forgotten samples than spares, the last ones get no twin (the list is
 * shorter than the request; the healing run logs how many).
 */
public final class Twins {
    private Twins() {
    }

    /**
     * @param distances [forgotten][spare], as {@link TwinDistances} gives them
     * @return one pair per forgotten sample that found a free spare, in the forgotten samples' order
     */
    public static List<TwinPair> greedy(int[] forgottenRows, int[] spareRows, double[][] distances,
                                        TwinMetric metric) {
        boolean[] used = new boolean[spareRows.length];
        List<TwinPair> out = new ArrayList<>();
        for (int i = 0; i < forgottenRows.length && out.size() < spareRows.length; i++) {
            int best = -1;
            for (int j = 0; j < spareRows.length; j++) {
                if (!used[j] && (best < 0 || distances[i][j] < distances[i][best])) {
                    best = j;
                }
            }
            used[best] = true;
            out.add(new TwinPair(forgottenRows[i], spareRows[best], distances[i][best], metric));
        }
        return out;
    }

    /** The twins' rows, in the pairs' order. */
    public static int[] rows(List<TwinPair> pairs) {
        return pairs.stream().mapToInt(TwinPair::twinRow).toArray();
    }
}
