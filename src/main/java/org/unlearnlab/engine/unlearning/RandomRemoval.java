package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Baseline: remove k samples chosen at random (seeded). If loss-ranked removal is no better than this
 * with the same budget, the ranking is not what made the model robust. The removed samples are still
 * attacked once, so the gallery shows their adversarial loss and prediction like the paper's.
 */
public final class RandomRemoval implements SampleSelector {
    private final Supplier<Classifier> model;
    private final TensorData train;
    private final AdversarialAttack attack;
    private final Random random;
    private final CancellationToken token;

    /** @param random draws the removed samples; the caller owns it, so a resumed run can hand back the saved stream */
    public RandomRemoval(Supplier<Classifier> model, TensorData train, AdversarialAttack attack, Random random,
                         CancellationToken token) {
        this.model = model;
        this.train = train;
        this.attack = attack;
        this.random = random;
        this.token = token;
    }

    @Override
    public List<RemovedSample> select(int[] active, int k, int iteration) {
        int[] chosen = sample(active, k, random);
        Arrays.sort(chosen);
        AdversarialScores scores = AdversarialScores.of(model.get(), train, chosen, attack, token);
        List<RemovedSample> removed = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            removed.add(scores.removed(i, train.labels()[chosen[i]], iteration));
        }
        return removed;
    }

    /** {@code n} distinct elements of {@code from} chosen by a partial Fisher-Yates shuffle (all when n is 0 or too large). */
    static int[] sample(int[] from, int n, Random random) {
        if (n <= 0 || n >= from.length) {
            return from.clone();
        }
        int[] a = from.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, n);
    }
}
