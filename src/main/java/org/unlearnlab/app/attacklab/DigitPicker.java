package org.unlearnlab.app.attacklab;

import org.unlearnlab.engine.attack.DigitChoice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Chooses which test digits the lab shows: the engine's ranking, narrowed to one class when asked. */
public final class DigitPicker {
    /** How far down the engine's ranking to look for digits of the chosen class. */
    static final int RANKED_POOL = 5000;

    private DigitPicker() {
    }

    /**
     * @param digitClass null for every class
     * @return at most {@code count} test indices (fewer when the class has fewer matching digits)
     */
    public static int[] pick(AttackBackend backend, DigitChoice choice, Integer digitClass, int count, long seed) {
        if (digitClass == null) {
            return backend.rank(choice, count, seed);
        }
        if (choice == DigitChoice.RANDOM) {
            int[] labels = backend.testLabels();
            List<Integer> matching = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == digitClass) {
                    matching.add(i);
                }
            }
            int[] ids = matching.stream().mapToInt(Integer::intValue).toArray();
            Random r = new Random(seed);
            for (int i = ids.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
            return Arrays.copyOf(ids, Math.min(count, ids.length));
        }
        int[] labels = backend.testLabels();
        return Arrays.stream(backend.rank(choice, RANKED_POOL, seed))
                .filter(i -> labels[i] == digitClass)
                .limit(count)
                .toArray();
    }
}
