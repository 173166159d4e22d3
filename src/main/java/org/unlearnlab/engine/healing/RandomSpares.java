package org.unlearnlab.engine.healing;

import java.util.Arrays;
import java.util.Random;

/** The random-spares strategy: as many spares as forgotten samples (or all of them, if fewer), seeded. */
public final class RandomSpares {
    private RandomSpares() {
    }

    /** {@code count} distinct rows of {@code spareRows}, ascending; the same seed gives the same rows. */
    public static int[] draw(int[] spareRows, int count, long seed) {
        int[] pool = spareRows.clone();
        Random random = new Random(seed);
        int k = Math.min(count, pool.length);
        // A partial Fisher-Yates shuffle: the first k places are a uniform draw without replacement.
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = Arrays.copyOf(pool, k);
        Arrays.sort(out);
        return out;
    }
}
