package org.unlearnlab.engine.eval;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accuracy against epsilon. For a model that is really robust, accuracy still falls toward chance (0.1)
 * as epsilon grows to 0.5; a curve that stays flat means the attack is not reaching the model.
 */
public final class EpsilonSweep {
    private EpsilonSweep() {
    }

    public static final double[] DEFAULT_EPSILONS = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5};

    /**
     * @param suite the attacks, each taken at every epsilon; PGD's step scales with epsilon
     *              ({@link AttackSuite#pgdScaledToEpsilon()})
     */
    public static List<SweepPoint> run(Classifier model, ImageDataset test, int subset, double[] epsilons,
                                       AttackSuite suite, Consumer<SweepPoint> onPoint, CancellationToken token) {
        TensorData t = TensorData.of(test.head(subset));
        List<SweepPoint> points = new ArrayList<>();
        for (double eps : epsilons) {
            token.throwIfCancelled();
            AttackSuite at = suite.atEpsilon(eps);
            AttackSummary stable = Evaluator.attacked(model, t, 0, at.fgsm(FgsmVariant.STABLE), token);
            AttackSummary paper = Evaluator.attacked(model, t, 0, at.fgsm(FgsmVariant.PAPER), token);
            AttackSummary pgd = Evaluator.attacked(model, t, 0, at.pgdScaledToEpsilon(), token);
            SweepPoint p = new SweepPoint(eps, stable.accuracy(), paper.accuracy(), pgd.accuracy(),
                    stable.zeroGradientShare(), paper.zeroGradientShare(), t.size());
            points.add(p);
            onPoint.accept(p);
        }
        return points;
    }
}
