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
        result.put("parameterShift", r.shift());
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        lastResult = result;
        return model;
    }

    /** What one removal did: sequential updates, how many were cut to maxNorm, and |theta' - theta|. */
    public record Removal(int updates, int clipped, double shift) {
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
        for (int from = 0; from < forget.length; from += step) {
            token.throwIfCancelled();
            int[] batch = Arrays.copyOfRange(forget, from, Math.min(forget.length, from + step));
            double[] theta = risk.parameters();
            double[] g = risk.gradient(batch);
            long n = remaining.length + (forget.length - from - batch.length);
            for (int i = 0; i < g.length; i++) {
                g[i] *= (double) batch.length / n;
            }
            double[] delta = Lissa.inverseHessianVector(risk, g, remaining, s.batchSize(), s.damping(), s.depth(),
                    s.scale(), random, token);
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
        return new Removal(updates, clipped, EmpiricalRisk.norm(end));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("damping", settings.damping());
        m.put("depth", settings.depth());
        m.put("scale", settings.scale());
        m.put("batchSize", settings.batchSize());
        m.put("removalBatch", settings.removalBatch());
        m.put("maxNorm", settings.maxNorm());
        m.put("seed", seed);
        return m;
    }

    @Override
    public Map<String, Object> lastResult() {
        return lastResult;
    }
}
