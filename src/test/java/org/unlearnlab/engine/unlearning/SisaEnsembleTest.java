package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SISA's sharding, its vote and tie-break, and what a request retrains. */
class SisaEnsembleTest {
    private static final TrainingData DATA = TrainingData.of(SmallMnist.split(300, 50));

    @Test
    void theSplitCoversEveryRowOnceInNearlyEqualParts() {
        int[][][] s = SisaEnsemble.split(Trainer.range(103), 3, 5, 7);
        Set<Integer> seen = new HashSet<>();
        for (int[][] shard : s) {
            int size = Arrays.stream(shard).mapToInt(a -> a.length).sum();
            assertTrue(size == 34 || size == 35, "shard size " + size);
            for (int[] slice : shard) {
                assertTrue(slice.length == 6 || slice.length == 7, "slice size " + slice.length);
                for (int i : slice) {
                    assertTrue(seen.add(i), "row " + i + " twice");
                }
            }
        }
        assertEquals(103, seen.size());
        assertArrayEquals(s[1][2], SisaEnsemble.split(Trainer.range(103), 3, 5, 7)[1][2], "seeded");
    }

    @Test
    void theMajorityWins() {
        float[][] p = {
                {0.1f, 0.6f, 0.3f},
                {0.1f, 0.5f, 0.4f},
                {0.0f, 0.1f, 0.9f}};
        assertEquals(1, SisaEnsemble.vote(p), "two votes for class 1 beat one very confident vote for class 2");
    }

    @Test
    void aTieGoesToTheHighestSummedProbability() {
        float[][] p = {
                {0.6f, 0.4f, 0.0f},
                {0.3f, 0.7f, 0.0f}};
        // One vote each; summed probability 0.9 for class 0, 1.1 for class 1.
        assertEquals(1, SisaEnsemble.vote(p));
        float[][] threeWay = {
                {0.5f, 0.2f, 0.3f},
                {0.1f, 0.5f, 0.4f},
                {0.0f, 0.45f, 0.55f}};
        // One vote each; sums 0.6, 1.15, 1.25: class 2 although it is no shard's most confident answer.
        assertEquals(2, SisaEnsemble.vote(threeWay));
        float[][] exact = {
                {0.5f, 0.5f},
                {0.5f, 0.5f}};
        assertEquals(0, SisaEnsemble.vote(exact), "a tie in votes and sums goes to the lowest class");
    }

    @Test
    void aRequestInOneShardLeavesTheOtherShardsBitIdentical() {
        SisaEnsemble.Setup setup = new SisaEnsemble.Setup(ModelPreset.LENET5, 1e-3, 11, 32, 1, 3, 5);
        SisaEnsemble before = SisaEnsemble.train(setup, DATA.train(), Trainer.range(300), ExperimentListener.NONE,
                CancellationToken.none());
        int[][][] split = SisaEnsemble.split(Trainer.range(300), 3, 5, 11);
        int victim = split[1][3][0];
        INDArray[] weights = new INDArray[3];
        for (int s = 0; s < 3; s++) {
            weights[s] = before.shard(s).network().params().dup();
        }
        SisaEnsemble.Forgetting f = before.forget(new int[]{victim}, ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(List.of(new SisaEnsemble.Retrained(2, 4, 2, 1)), f.retrained(),
                "shard 2 from its slice 4 (of 5): slices 4 and 5");
        SisaEnsemble after = f.ensemble();
        assertEquals(299, after.size());
        assertEquals(300, before.size(), "the ensemble answering the request is a new one");
        for (int s : new int[]{0, 2}) {
            assertSame(before.shard(s), after.shard(s));
            assertEquals(weights[s], after.shard(s).network().params(), "shard " + (s + 1) + " untouched");
        }
        assertNotSame(before.shard(1), after.shard(1));
        assertFalse(weights[1].equals(after.shard(1).network().params()), "shard 2 retrained");
        assertEquals(weights[1], before.shard(1).network().params(), "the old ensemble is unchanged");
    }

    @Test
    void retrainingFromACheckpointRepeatsTheSameStepsExactly() {
        SisaEnsemble.Setup setup = new SisaEnsemble.Setup(ModelPreset.LENET5, 1e-3, 5, 32, 1, 2, 3);
        SisaEnsemble e = SisaEnsemble.train(setup, DATA.train(), Trainer.range(200), ExperimentListener.NONE,
                CancellationToken.none());
        // A row the ensemble never held touches no shard: nothing is retrained.
        SisaEnsemble.Forgetting none = e.forget(new int[]{250}, ExperimentListener.NONE, CancellationToken.none());
        assertEquals(List.of(), none.retrained());
        // Training anew with the same setup gives the same weights: the restored state is the whole state.
        SisaEnsemble again = SisaEnsemble.train(setup, DATA.train(), Trainer.range(200), ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(e.shard(0).network().params(), again.shard(0).network().params());
    }
}
