package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.Trainer;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worst-case request's two scores on constructed cases. */
class WorstCaseScoresTest {

    @Test
    void theOutputAwareRequestTakesTheSmallestLogitMarginsMisclassifiedFirst() {
        float[][] logits = {
                {5, 1, 0},   // label 0, margin 4
                {0, 9, 1},   // label 1, margin 8
                {3, 2, 0},   // label 0, margin 1
                {4, 1, 0},   // label 1, margin -3: misclassified
                {0, 0, 7},   // label 2, margin 7
                {1, 1.5f, 0} // label 0, margin -0.5: misclassified
        };
        int[] labels = {0, 1, 0, 1, 2, 0};
        double[] m = WorstCaseScores.logitMargins(logits, labels);
        assertArrayEquals(new double[]{4, 8, 1, -3, 7, -0.5}, m, 1e-6);
        assertArrayEquals(new int[]{3, 5, 2}, WorstCaseScores.worst(m, 3, false));
        assertArrayEquals(new int[]{1, 4}, WorstCaseScores.worst(m, 2, true));
    }

    @Test
    void tiesGoToTheLowerPositionAndTheBudgetIsCapped() {
        double[] s = {2, 1, 2, 1};
        assertArrayEquals(new int[]{1, 3, 0}, WorstCaseScores.worst(s, 3, false));
        assertArrayEquals(new int[]{0, 2, 1, 3}, WorstCaseScores.worst(s, 10, true));
    }

    @Test
    void onLenetTheTwoForwardPassesGiveEachSamplesGradientAlongTheDirection() {
        Classifier model = SmallMnist.trainedLenet();
        TensorData train = TensorData.of(SmallMnist.split(3000, 500).train());
        ClassifierRisk risk = new ClassifierRisk(model, train);
        double[] before = risk.parameters();
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        // The direction an adversary would use: the loss gradient of other images (here rows 100 to 163).
        double[] s = risk.gradient(Arrays.stream(Trainer.range(64)).map(i -> i + 100).toArray());
        double[] fd = WorstCaseScores.directionalDerivatives(risk, s, () -> {
            double[] out = new double[rows.length];
            float[] l = LogitCrossEntropy.perExample(model.logits(train.imagesAt(rows)), train.labelsAt(rows))
                    .toFloatVector();
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }, risk.finiteDifferenceStep());
        assertArrayEquals(before, risk.parameters(), "the parameters are restored");
        double largest = 0;
        double[] exact = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            double[] g = risk.gradient(new int[]{rows[k]});
            for (int i = 0; i < g.length; i++) {
                exact[k] += g[i] * s[i];
            }
            largest = Math.max(largest, Math.abs(exact[k]));
        }
        for (int k = 0; k < rows.length; k++) {
            assertEquals(exact[k], fd[k], 0.05 * largest, "row " + rows[k]);
        }
    }

    /** Three well-separated classes in 3 dimensions (centres 3 apart on the axes, noise 0.7). */
    private static SoftmaxRegression separated(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = (j == y[i] ? 3 : 0) + 0.7 * r.nextGaussian();
            }
        }
        return new SoftmaxRegression(x, y, 3, 0.05);
    }

    @Test
    void theParameterAwareScoresRankLikeAnExactInfluenceSolve() {
        int n = 240;
        SoftmaxRegression model = separated(n + 60, 5);
        // Five training samples with a wrong label: forgetting them helps the probe, so they must score lowest.
        int[] flipped = {3, 40, 77, 150, 201};
        for (int i : flipped) {
            model.y[i] = (model.y[i] + 1) % 3;
        }
        int[] train = Trainer.range(n);
        int[] probe = Arrays.stream(Trainer.range(n + 60)).filter(i -> i >= n).toArray();
        model.fit(train);
        double[] g = model.gradient(probe);
        ForgetSettings.Influence exactish = new ForgetSettings.Influence(0, 3000, 10, 0, 1, 0);
        double[] scores = WorstCaseScores.influenceOnProbe(model, g, train, exactish, new Random(1),
                () -> model.losses(train), CancellationToken.none());

        double[] s = SoftmaxRegression.solve(model.hessian(train), g);
        double[] exact = new double[n];
        for (int z = 0; z < n; z++) {
            double[] gz = model.gradient(new int[]{z});
            for (int k = 0; k < s.length; k++) {
                exact[z] += gz[k] * s[k];
            }
        }
        double scale = Arrays.stream(exact).map(Math::abs).max().orElse(1);
        for (int z = 0; z < n; z++) {
            assertEquals(exact[z], scores[z], 1e-3 * scale, "sample " + z);
        }
        assertArrayEquals(WorstCaseScores.worst(exact, 10, true), WorstCaseScores.worst(scores, 10, true));
        Set<Integer> lowest = Arrays.stream(WorstCaseScores.worst(scores, flipped.length, false)).boxed()
                .collect(Collectors.toSet());
        assertEquals(Arrays.stream(flipped).boxed().collect(Collectors.toSet()), lowest);
        assertTrue(Arrays.stream(flipped).allMatch(i -> scores[i] < 0));
    }
}
