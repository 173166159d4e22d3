package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The paper's code taken literally (its Figs. 5 and 8): attack the test images, rank them by the cross-entropy
 * of their adversarial versions, and drop the training samples that sit at the indices of the k highest. The
 * training sample removed shares nothing with the test image that was ranked but its index, so this removes
 * arbitrary training samples; it exists so that a user can see that, next to ranking the training samples
 * themselves ({@link LossRankedRemoval}).
 *
 * <p>Test images whose index has no training sample left (already removed, or beyond the training set) are
 * skipped, so each iteration removes k samples as the other strategies do. The removed records carry the test
 * image's adversarial prediction and loss, since those are what ranked them, with the training sample's label.
 */
public final class PaperTestIndexRemoval implements SampleSelector {
    private final Supplier<Classifier> model;
    private final TensorData train;
    private final TensorData test;
    private final AdversarialAttack attack;
    private final CancellationToken token;

    public PaperTestIndexRemoval(Supplier<Classifier> model, TensorData train, TensorData test,
                                 AdversarialAttack attack, CancellationToken token) {
        this.model = model;
        this.train = train;
        this.test = test;
        this.attack = attack;
        this.token = token;
    }

    @Override
    public List<RemovedSample> select(int[] active, int k, int iteration) {
        boolean[] present = new boolean[train.size()];
        for (int i : active) {
            present[i] = true;
        }
        int[] candidates = java.util.stream.IntStream.range(0, Math.min(test.size(), train.size()))
                .filter(i -> present[i]).toArray();
        AdversarialScores scores = AdversarialScores.of(model.get(), test, candidates, attack, token);
        List<RemovedSample> removed = new ArrayList<>();
        for (int i : scores.highestLoss(k)) {
            removed.add(scores.removed(i, train.labels()[candidates[i]], iteration));
        }
        return removed;
    }
}
