package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The paper's step: attack a pool of training samples, rank them by the cross-entropy of their adversarial
 * versions, and remove the base samples of the k highest. Ties are broken by dataset index, so a run is
 * reproducible.
 */
public final class LossRankedRemoval implements SampleSelector {
    private final Supplier<Classifier> model;
    private final TensorData train;
    private final AdversarialAttack attack;
    private final int poolSize;
    private final Random poolRandom;
    private final CancellationToken token;

    /**
     * @param poolSize   attack a random subset of this size each iteration (0 = every active sample)
     * @param poolRandom draws the pools; the caller owns it, so a resumed run can hand back the stream it saved
     */
    public LossRankedRemoval(Supplier<Classifier> model, TensorData train, AdversarialAttack attack, int poolSize,
                             Random poolRandom, CancellationToken token) {
        this.model = model;
        this.train = train;
        this.attack = attack;
        this.poolSize = poolSize;
        this.poolRandom = poolRandom;
        this.token = token;
    }

    @Override
    public List<RemovedSample> select(int[] active, int k, int iteration) {
        int[] pool = RandomRemoval.sample(active, poolSize, poolRandom);
        AdversarialScores scores = AdversarialScores.of(model.get(), train, pool, attack, token);
        List<RemovedSample> removed = new ArrayList<>();
        for (int i : scores.highestLoss(k)) {
            removed.add(scores.removed(i, train.labels()[pool[i]], iteration));
        }
        return removed;
    }
}
