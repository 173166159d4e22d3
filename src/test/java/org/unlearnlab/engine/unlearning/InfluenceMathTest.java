package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.Trainer;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LiSSA and the influence update on L2-regularised softmax regression, where everything is known exactly. */
class InfluenceMathTest {
    private static final int N = 300;
    private final SoftmaxRegression model = SoftmaxRegression.synthetic(N, 4, 3, 0.05, 11);
    private final int[] all = Trainer.range(N);

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double[] randomVector(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @Test
    void finiteDifferenceHessianVectorProductsMatchTheExactHessian() {
        model.fit(all);
        double[] v = randomVector(model.parameters().length, 1);
        double[] exact = new double[v.length];
        double[][] h = model.hessian(all);
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                exact[i] += h[i][j] * v[j];
            }
        }
        assertTrue(distance(model.hessianVector(all, v), exact) < 1e-5 * EmpiricalRisk.norm(exact));
    }

    @Test
    void lissaAgreesWithAnExactSolve() {
        model.fit(all);
        double[] v = randomVector(model.parameters().length, 2);
        double[] exact = SoftmaxRegression.solve(model.hessian(all), v);
        // Full-batch Hessian-vector products: the recursion is deterministic and converges geometrically.
        double[] full = Lissa.inverseHessianVector(model, v, all, 0, 0, 3000, 10, new Random(3),
                CancellationToken.none()).value();
        assertTrue(distance(full, exact) < 1e-4 * EmpiricalRisk.norm(exact),
                () -> "full batch: " + distance(full, exact) + " vs |x| " + EmpiricalRisk.norm(exact));
        // Minibatches of 60: a stochastic estimate, still within 15% of the exact solution.
        double[] mini = Lissa.inverseHessianVector(model, v, all, 60, 0, 3000, 10, new Random(4),
                CancellationToken.none()).value();
        assertTrue(distance(mini, exact) < 0.15 * EmpiricalRisk.norm(exact),
                () -> "minibatches: " + distance(mini, exact) + " vs |x| " + EmpiricalRisk.norm(exact));
    }

    @Test
    void dampingSolvesTheShiftedSystem() {
        model.fit(all);
        double[] v = randomVector(model.parameters().length, 5);
        double[][] shifted = model.hessian(all);
        for (int i = 0; i < shifted.length; i++) {
            shifted[i][i] += 10 * 0.01;
        }
        double[] exact = SoftmaxRegression.solve(shifted, v);
        double[] est = Lissa.inverseHessianVector(model, v, all, 0, 0.01, 2000, 10, new Random(3),
                CancellationToken.none()).value();
        assertTrue(distance(est, exact) < 1e-4 * EmpiricalRisk.norm(exact));
    }

    @Test
    void aScaleBelowTheCurvatureIsReportedAsDivergedAndAnOverflowNamesTheSetting() {
        model.fit(all);
        double[] v = randomVector(model.parameters().length, 6);
        assertFalse(Lissa.inverseHessianVector(model, v, all, 0, 0, 100, 10, new Random(1),
                CancellationToken.none()).diverged());
        Lissa.Estimate short_ = Lissa.inverseHessianVector(model, v, all, 0, 0, 20, 0.01, new Random(1),
                CancellationToken.none());
        assertTrue(short_.diverged(), () -> "growth " + short_.growth());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lissa.inverseHessianVector(
                model, v, all, 0, 0, 5000, 0.01, new Random(1), CancellationToken.none()));
        assertTrue(e.getMessage().contains("forget.influence.scale"), e.getMessage());
    }

    @Test
    void theInfluenceUpdateMovesMostOfTheWayToTheRetrainedParameters() {
        double[] original = model.fit(all);
        int[] forget = new Random(7).ints(0, N).distinct().limit(30).sorted().toArray();
        boolean[] gone = new boolean[N];
        for (int i : forget) {
            gone[i] = true;
        }
        int[] remaining = Arrays.stream(all).filter(i -> !gone[i]).toArray();
        double[] retrained = model.fit(remaining);
        model.setParameters(original);
        InfluenceForgetting.Removal r = InfluenceForgetting.remove(model, remaining, forget,
                new ForgetSettings.Influence(0, 2000, 10, 0, 10, 0), new Random(8), CancellationToken.none(),
                (done, total) -> { });
        assertEquals(3, r.updates(), "30 samples in removal batches of 10");
        double before = distance(original, retrained);
        double after = distance(model.parameters(), retrained);
        assertTrue(before > 1e-3, "removing 10% must move the optimum: " + before);
        assertTrue(after < 0.3 * before, () -> "closed only " + (1 - after / before) + " of the distance");
    }

    @Test
    void maxNormLimitsEachUpdate() {
        double[] original = model.fit(all);
        int[] forget = {0, 1, 2, 3, 4, 5};
        int[] remaining = Arrays.copyOfRange(all, 6, N);
        InfluenceForgetting.Removal r = InfluenceForgetting.remove(model, remaining, forget,
                new ForgetSettings.Influence(0, 500, 10, 0, 3, 1e-4), new Random(8), CancellationToken.none(),
                (done, total) -> { });
        assertEquals(2, r.clipped());
        assertTrue(distance(model.parameters(), original) <= 2e-4 + 1e-12);
    }
}
