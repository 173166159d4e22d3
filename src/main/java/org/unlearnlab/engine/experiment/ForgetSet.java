package org.unlearnlab.engine.experiment;

import java.util.Arrays;

/**
 * The training rows a forget request names, resolved against one training set.
 *
 * @param forget      the dataset indices to forget, ascending, no duplicates
 * @param remaining   every other training row, ascending
 * @param description what was asked, in words (e.g. "25 of class 7, drawn with seed 42")
 */
public record ForgetSet(int[] forget, int[] remaining, String description) {

    /** The split of {@code trainSize} rows into {@code forget} (any order, no duplicates) and the rest. */
    public static ForgetSet of(int[] forget, int trainSize, String description) {
        int[] sorted = forget.clone();
        Arrays.sort(sorted);
        boolean[] gone = new boolean[trainSize];
        for (int i : sorted) {
            gone[i] = true;
        }
        int[] rest = new int[trainSize - sorted.length];
        int k = 0;
        for (int i = 0; i < trainSize; i++) {
            if (!gone[i]) {
                rest[k++] = i;
            }
        }
        return new ForgetSet(sorted, rest, description);
    }

    public int size() {
        return forget.length;
    }
}
