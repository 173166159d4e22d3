package org.unlearnlab.engine.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attacks' scores, the fitted threshold and the audit on constructed probabilities. */
class MembershipAuditTest {

    /** n samples of label = i mod 3 whose probability of the label is drawn around {@code labelProbability}. */
    private static MembershipAudit.Samples samples(int n, double labelProbability, Random r) {
        int[] labels = new int[n];
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            double py = Math.min(0.99, Math.max(0.01, labelProbability + 0.05 * r.nextGaussian()));
            p[i] = new float[3];
            p[i][labels[i]] = (float) py;
            // The class after the label is its neighbour: it takes most of the rest.
            p[i][(labels[i] + 1) % 3] = (float) ((1 - py) * 0.8);
            p[i][(labels[i] + 2) % 3] = (float) ((1 - py) * 0.2);
        }
        return new MembershipAudit.Samples(labels, p);
    }

    @Test
    void scoresFollowTheirDefinitions() {
        MembershipAudit.Samples s = new MembershipAudit.Samples(new int[]{0}, new float[][]{{0.5f, 0.3f, 0.2f}});
        int[][] neighbours = {{1, 2}, {0, 2}, {0, 1}};
        assertEquals(Math.log(0.5), MembershipAudit.scores(MembershipAttack.LOSS, s, neighbours)[0], 1e-6);
        assertEquals(0.5, MembershipAudit.scores(MembershipAttack.CONFIDENCE, s, neighbours)[0], 1e-6);
        assertEquals(Math.log(0.5) - Math.log(0.5), MembershipAudit.scores(MembershipAttack.MIA_NN, s, neighbours)[0],
                1e-6);
    }

    @Test
    void neighboursAreTheClassesHeldOutImagesAreConfusedWith() {
        MembershipAudit.Samples s = samples(300, 0.6, new Random(2));
        assertArrayEquals(new int[]{1, 2}, MembershipAudit.neighbours(s)[0]);
        assertArrayEquals(new int[]{2, 0}, MembershipAudit.neighbours(s)[1]);
    }

    @Test
    void theThresholdSeparatesSeparableScores() {
        double t = MembershipAudit.fitThreshold(new double[]{5, 6, 7}, new double[]{1, 2, 3});
        assertTrue(t > 3 && t <= 5, "threshold " + t);
        assertEquals(1.0, MembershipAudit.accuracy(new double[]{5, 6, 7}, new double[]{1, 2, 3}, t));
    }

    @Test
    void membersThatStandOutAreFoundAndTestImagesAreNot() {
        Random r = new Random(3);
        MembershipAudit.Samples members = samples(1000, 0.9, r);
        MembershipAudit.Samples forgotten = samples(200, 0.9, r);
        MembershipAudit.Samples test = samples(1500, 0.6, r);
        List<MembershipAudit.AttackFigures> figures = MembershipAudit.run(forgotten, members, test, 1);
        assertEquals(3, figures.size());
        for (MembershipAudit.AttackFigures f : figures) {
            assertTrue(f.remainingAuc() > 0.95, f.toString());
            assertTrue(f.forgetAuc() > 0.95, "remembered forget rows look like members: " + f);
            assertTrue(f.forgetAccuracy() > 0.9, f.toString());
            assertEquals(0.5, f.testAuc(), 0.07, "test images against test images: " + f);
        }
        // Forgotten rows that look like unseen images are not found.
        MembershipAudit.Samples forgottenWell = samples(200, 0.6, r);
        for (MembershipAudit.AttackFigures f : MembershipAudit.run(forgottenWell, members, test, 1)) {
            assertEquals(0.5, f.forgetAuc(), 0.08, f.toString());
        }
    }
}
