package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.RankingSource;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.LoopState;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.RobustnessSummary;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runtime.NativeBackend;
import org.unlearnlab.engine.training.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * The paper's loop and its baselines: evaluate; then, until the threshold metric reaches the threshold or
 * the budget ends, select samples to remove ({@link SampleSelector}: by adversarial loss, at random, or none),
 * drop them from the training set, let the {@link UnlearningMethod} forget them, and evaluate again with the
 * whole {@link AttackSuite}. Iteration 0 is the model before unlearning.
 */
public final class UnlearningLoop {

    /**
     * Called with the current model and the loop's state once the model is trained (state iteration -1) and after
     * each finished iteration (0, 1, ...), so both can be saved and the loop continued from there ({@link #resume}).
     */
    @FunctionalInterface
    public interface Checkpoint {
        void save(Classifier model, LoopState state) throws java.io.IOException;
    }

    /**
     * What a resumed loop continues from: the saved state and what the finished iterations recorded.
     *
     * @param rows    the iteration rows 0..state.iteration() (none when state.iteration() is -1)
     * @param removed every sample removed by those iterations, in removal order
     */
    public record Continuation(LoopState state, List<IterationMetrics> rows, List<RemovedSample> removed) {
    }

    /**
     * @param thresholdReachedAt the first iteration whose threshold metric reached the threshold (the paper's
     *                           stopping rule), or -1; with {@code stopAtThreshold} off the loop runs on past it
     */
    public record Result(Classifier model, List<IterationMetrics> iterations, List<RemovedSample> removed,
                         int[] remaining, StopReason reason, int thresholdReachedAt) {
    }

    private final ExperimentConfig config;
    private final TensorData train;
    private final TensorData test;
    private final ExperimentListener listener;
    private final CancellationToken token;
    private final Checkpoint checkpoint;
    private Classifier model;

    public UnlearningLoop(ExperimentConfig config, TensorData train, TensorData test, ExperimentListener listener,
                          CancellationToken token, Checkpoint checkpoint) {
        this.config = config;
        this.train = train;
        this.test = test;
        this.listener = listener;
        this.token = token;
        this.checkpoint = checkpoint;
    }

    /** Runs the loop on {@code trained} (trained on the rows {@code active}); the model is updated in place or replaced. */
    public Result run(Classifier trained, int[] active) throws java.io.IOException {
        return run(trained, active, null);
    }

    /**
     * Continues a loop that an earlier process saved at a {@link Checkpoint}: {@code saved} is the model it saved
     * there (with its optimiser state), {@code active} the rows the loop started on. Ends with the figures the
     * uninterrupted loop would have; the result holds the earlier rows and removed samples too.
     *
     * @throws java.io.IOException when a saved random state cannot be read
     */
    public Result resume(Classifier saved, int[] active, Continuation from) throws java.io.IOException {
        return run(saved, active, from);
    }

    private Result run(Classifier trained, int[] active, Continuation from) throws java.io.IOException {
        this.model = trained;
        ExperimentConfig.Unlearning u = config.unlearning();
        long seed = config.training().seed();
        AttackSuite attacks = AttackSuite.of(config);
        AdversarialAttack rankingAttack = attacks.fgsm(config.attack().fgsmVariant());
        LoopState saved = from == null ? null : from.state();
        Random selectorRandom = saved == null || saved.selectorRandom() == null
                ? new Random(seed) : LoopState.decode(saved.selectorRandom());
        Random shuffle = saved == null ? new Random(seed * 31 + 7) : LoopState.decode(saved.shuffleRandom());
        SampleSelector selector = switch (u.strategy()) {
            case LOSS_RANKED -> u.rankingSource() == RankingSource.PAPER_TEST_INDICES
                    ? new PaperTestIndexRemoval(() -> model, train, test, rankingAttack, token)
                    : new LossRankedRemoval(() -> model, train, rankingAttack, u.poolSize(), selectorRandom, token);
            case RANDOM -> new RandomRemoval(() -> model, train, rankingAttack, selectorRandom, token);
            case ADVERSARIAL_TRAINING, EXTRA_EPOCHS -> SampleSelector.NONE;
        };
        boolean selectorDraws = selector != SampleSelector.NONE;
        AdversarialAttack trainingAttack = u.strategy() == UnlearningStrategy.ADVERSARIAL_TRAINING
                ? attacks.fgsm(FgsmVariant.STABLE) : null;
        UnlearningMethod method = UnlearningMethod.forConfig(config, new Retraining(
                new Trainer(train, test, config.evaluation().iterationSubset(), listener, token),
                config.training().batchSize(), shuffle, trainingAttack));
        Random selectorState = selector == SampleSelector.NONE ? null : selectorRandom;

        List<IterationMetrics> rows = new ArrayList<>(from == null ? List.of() : from.rows());
        List<RemovedSample> removedAll = new ArrayList<>(from == null ? List.of() : from.removed());
        boolean[] removedMask = new boolean[train.size()];
        for (RemovedSample r : removedAll) {
            removedMask[r.datasetIndex()] = true;
        }
        int[] current = withoutRemoved(active, removedMask);
        int done = saved == null ? -1 : saved.iteration();
        StopReason reason = StopReason.BUDGET_EXHAUSTED;
        int reachedAt = -1;
        try {
            if (saved == null) {
                save(-1, shuffle, selectorState);
            } else {
                // Building a DL4J configuration reseeds ND4J's generator (NeuralNetConfiguration.Builder.seed), and
                // the first process built the attack views long before this point: build them here, before the
                // generator is put back, or the first view built later would reseed it and change every dropout
                // mask after it.
                for (FgsmVariant v : FgsmVariant.values()) {
                    model.attackView(v);
                }
                NativeBackend.restoreRandomState(saved.nd4jRootState(), saved.nd4jNodeState());
            }
            IterationMetrics row;
            if (done < 0) {
                long t0 = System.nanoTime();
                row = evaluate(0, current.length, 0, config.evaluation().iterationSubset(), t0, false);
                rows.add(row);
                listener.iterationFinished(row);
                save(0, shuffle, selectorState);
                done = 0;
            } else {
                row = rows.get(rows.size() - 1);
                // A resumed run knows from its earlier rows whether the rule was met already.
                reachedAt = rows.stream().filter(r -> !r.finalFullTest() && reaches(r))
                        .mapToInt(IterationMetrics::iteration).findFirst().orElse(-1);
            }
            for (int it = done + 1; it <= u.maxIterations(); it++) {
                if (reachedAt < 0 && reaches(row)) {
                    reachedAt = row.iteration();
                    logThreshold(reachedAt);
                }
                if (u.stopAtThreshold() && reaches(row)) {
                    reason = StopReason.THRESHOLD_REACHED;
                    break;
                }
                if (current.length - u.samplesPerIteration() < config.training().batchSize()) {
                    reason = StopReason.NO_SAMPLES_LEFT;
                    break;
                }
                long start = System.nanoTime();
                List<RemovedSample> removed = selector.select(current, u.samplesPerIteration(), it);
                for (RemovedSample r : removed) {
                    removedMask[r.datasetIndex()] = true;
                }
                current = withoutRemoved(current, removedMask);
                removedAll.addAll(removed);
                if (!removed.isEmpty()) {
                    listener.samplesRemoved(it, removed);
                    listener.log("iteration " + it + ": removed " + removed.size() + " samples, "
                            + current.length + " left");
                }
                model = method.forget(model, current, removed, it);
                row = evaluate(it, current.length, removedAll.size(), config.evaluation().iterationSubset(), start, false);
                NativeBackend.releaseUnreachableBuffers();
                rows.add(row);
                listener.iterationFinished(row);
                save(it, shuffle, selectorState);
                if (it == u.maxIterations() && reaches(row)) {
                    if (reachedAt < 0) {
                        reachedAt = it;
                        logThreshold(reachedAt);
                    }
                    if (u.stopAtThreshold()) {
                        reason = StopReason.THRESHOLD_REACHED;
                    }
                }
            }
            int subset = config.evaluation().iterationSubset();
            if (config.evaluation().finalFullTest() && subset > 0 && subset < test.size()) {
                listener.log("final evaluation on all " + test.size() + " test images");
                IterationMetrics fin = evaluate(rows.get(rows.size() - 1).iteration(), current.length,
                        removedAll.size(), 0, System.nanoTime(), true);
                rows.add(fin);
                listener.iterationFinished(fin);
            }
        } catch (CancellationException e) {
            reason = StopReason.CANCELLED;
        }
        return new Result(model, rows, removedAll, current, reason, reachedAt);
    }

    private boolean reaches(IterationMetrics row) {
        return row.metric(config.unlearning().thresholdMetric()) >= config.unlearning().threshold();
    }

    private void logThreshold(int iteration) {
        ExperimentConfig.Unlearning u = config.unlearning();
        listener.log(String.format(java.util.Locale.ROOT, "stopping rule met at iteration %d: %s >= %.2f%s",
                iteration, u.thresholdMetric().id(), u.threshold(),
                u.stopAtThreshold() ? "" : " (the run goes on to its budget)"));
    }

    /** Hands the model and every random stream's state, as they are after {@code iteration}, to the checkpoint. */
    private void save(int iteration, Random shuffle, Random selector) throws java.io.IOException {
        long[] nd4j = NativeBackend.randomState();
        checkpoint.save(model, new LoopState(iteration, LoopState.encode(shuffle),
                selector == null ? null : LoopState.encode(selector), nd4j[0], nd4j[1]));
    }

    private IterationMetrics evaluate(int iteration, int trainSize, int removedTotal, int subset, long startNanos,
                                      boolean finalFullTest) {
        RobustnessSummary r = Evaluator.robustness(model, test, subset, AttackSuite.of(config), token);
        return new IterationMetrics(iteration, trainSize, removedTotal, r.clean(), r.fgsmStable(), r.fgsmPaper(),
                r.pgd(), r.clean().evaluated(), (System.nanoTime() - startNanos) / 1_000_000, finalFullTest);
    }

    private static int[] withoutRemoved(int[] active, boolean[] removed) {
        return java.util.Arrays.stream(active).filter(i -> !removed[i]).toArray();
    }
}
