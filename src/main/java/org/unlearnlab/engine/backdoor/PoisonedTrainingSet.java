package org.unlearnlab.engine.backdoor;

import org.unlearnlab.engine.data.ImageDataset;

import java.util.Arrays;
import java.util.Random;

/**
 * A training set of which a share was stamped with a trigger and relabelled to the target class (BadNets).
 * The poisoned images are drawn, seeded, among the images whose label is not the target: a target image
 * relabelled to the target would carry no poison.
 *
 * @param data     the whole training set, poisoned images stamped and relabelled in place of the originals
 * @param poisoned indices (into {@code data}) of the poisoned images, ascending
 * @param original the training set as it was before poisoning
 */
public record PoisonedTrainingSet(ImageDataset data, int[] poisoned, ImageDataset original) {

    /**
     * @param rate share of the whole training set to poison; rounded to whole images, at most every non-target
     *             image
     */
    public static PoisonedTrainingSet poison(ImageDataset train, BadNetsTrigger trigger, int target, double rate,
                                             long seed) {
        int[] candidates = indicesWhere(train, i -> train.label(i) != target);
        int count = (int) Math.min(candidates.length, Math.round(rate * train.size()));
        int[] chosen = Arrays.copyOf(shuffled(candidates, new Random(seed)), count);
        Arrays.sort(chosen);
        return new PoisonedTrainingSet(trigger.stampedCopy(train, chosen, target), chosen, train);
    }

    public boolean isPoisoned(int index) {
        return Arrays.binarySearch(poisoned, index) >= 0;
    }

    /**
     * {@code count} indices of unpoisoned training images, seeded: the small clean set a defender holds. Drawn
     * from the training data itself, so the purification sees no image the model was not trained on.
     */
    public int[] cleanSubset(int count, long seed) {
        int[] clean = indicesWhere(data, i -> !isPoisoned(i));
        if (count > clean.length) {
            throw new IllegalArgumentException("asked for " + count + " clean images, the training set has "
                    + clean.length);
        }
        int[] chosen = Arrays.copyOf(shuffled(clean, new Random(seed ^ 0x5A0L)), count);
        Arrays.sort(chosen);
        return chosen;
    }

    private interface IndexTest {
        boolean test(int index);
    }

    private static int[] indicesWhere(ImageDataset d, IndexTest t) {
        int[] out = new int[d.size()];
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            if (t.test(i)) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int[] shuffled(int[] a, Random r) {
        int[] out = a.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
