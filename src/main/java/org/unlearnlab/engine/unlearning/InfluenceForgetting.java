package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Influence-function removal (Koh and Liang), applied in sequential minibatches of the forgotten samples: for each
 * minibatch B, theta' = theta + (1/n) H^-1 sum_{z in B} grad L(z, theta), with n the size of the training set once B
 * is gone and H the Hessian of the mean loss on the remaining data, its inverse applied by {@link Lissa}. To first
 * order this is the Newton step that removing B asks for: at an optimum the gradients of all samples sum to zero,
 * so the remaining samples' mean gradient is -(1/n) sum_{z in B} grad L(z, theta).
 */
public final class InfluenceForgetting implements ApproximateForgetting {
    private final TensorData train;
    private final ForgetSettings.Influence settings;
    private final long seed;
    private final ExperimentListener listener;
    private final CancellationToken token;
    private Map<String, Object> lastResult = Map.of();

    public InfluenceForgetting(TensorData train, ForgetSettings.Influence settings, long seed,
                               ExperimentListener listener, CancellationToken token) {
        this.train = train;
        this.settings = settings;
        this.seed = seed;
        this.listener = listener;
        this.token = token;
    }

    @Override
    public String id() {
        return ForgetMethod.INFLUENCE.id();
    }

    @Override
    public Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration) {
        long start = System.nanoTime();
        int[] forget = forgotten.stream().mapToInt(RemovedSample::datasetIndex).toArray();
        Removal r = remove(new ClassifierRisk(model, train), remaining, forget, settings,
                new Random(seed * 1_000_003L + iteration), token,
                (done, total) -> listener.log(String.format(Locale.ROOT, "influence: removed %d of %d samples",
                        done, total)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("updates", r.updates());
        result.put("clippedUpdates", r.clipped());
        result.put("divergedUpdates", r.diverged());
        result.put("lissaGrowth", r.growth());
        result.put("parameterShift", r.shift());
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        lastResult = result;
        if (r.diverged() > 0) {
            listener.log(String.format(Locale.ROOT, "influence: LiSSA diverged in %d of %d updates (its estimate grew "
                    + "to %.3g times the gradient): forget.influence.scale (%g) is below half the loss's largest "
                    + "curvature, so each update is a %s, not an inverse-Hessian step", r.diverged(), r.updates(),
                    r.growth(), settings.scale(), settings.maxNorm() > 0
                            ? "step of length maxNorm along the sharpest direction" : "runaway step"));
        }
        return model;
    }

    /**
     * What one removal did.
     *
     * @param clipped  updates cut to maxNorm
     * @param diverged updates whose LiSSA recursion diverged (see {@link Lissa.Estimate#diverged})
     * @param growth   the largest LiSSA iterate over its gradient's length
     * @param shift    |theta' - theta|
     */
    public record Removal(int updates, int clipped, int diverged, double growth, double shift) {
    }

    /** Progress after each sequential update. */
    @FunctionalInterface
    public interface Progress {
        void removed(int done, int total);
    }

    /**
     * Removes {@code forget} from the model behind {@code risk}, updating its parameters in place.
     *
     * @param remaining the rows that stay; LiSSA draws its Hessian minibatches from them
     */
    public static Removal remove(EmpiricalRisk risk, int[] remaining, int[] forget, ForgetSettings.Influence s,
                                 Random random, CancellationToken token, Progress progress) {
        double[] start = risk.parameters();
        int step = Math.max(1, s.removalBatch());
        int updates = 0;
        int clipped = 0;
        int diverged = 0;
        double growth = 1;
        for (int from = 0; from < forget.length; from += step) {
            token.throwIfCancelled();
            int[] batch = Arrays.copyOfRange(forget, from, Math.min(forget.length, from + step));
            double[] theta = risk.parameters();
            double[] g = risk.gradient(batch);
            long n = remaining.length + (forget.length - from - batch.length);
            for (int i = 0; i < g.length; i++) {
                g[i] *= (double) batch.length / n;
            }
            Lissa.Estimate estimate = Lissa.inverseHessianVector(risk, g, remaining, s.batchSize(), s.damping(),
                    s.depth(), s.scale(), random, token);
            double[] delta = estimate.value();
            growth = Math.max(growth, estimate.growth());
            diverged += estimate.diverged() ? 1 : 0;
            double length = EmpiricalRisk.norm(delta);
            double factor = 1;
            if (s.maxNorm() > 0 && length > s.maxNorm()) {
                factor = s.maxNorm() / length;
                clipped++;
            }
            for (int i = 0; i < theta.length; i++) {
                theta[i] += factor * delta[i];
            }
            risk.setParameters(theta);
            updates++;
            progress.removed(from + batch.length, forget.length);
        }
        double[] end = risk.parameters();
        for (int i = 0; i < end.length; i++) {
            end[i] -= start[i];
        }
        return new Removal(updates, clipped, diverged, growth, EmpiricalRisk.norm(end));
    }

    @Override
    public Map<String, Object> settings() {
        return ApproximateForgetting.settingsOf(settings, seed);
    }

    @Override
    public Map<String, Object> lastResult() {
        return lastResult;
    }
}
