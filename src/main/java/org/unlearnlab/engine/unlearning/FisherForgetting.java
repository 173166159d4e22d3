package org.unlearnlab.engine.unlearning;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Fisher forgetting (Golatkar, Achille and Soatto): the diagonal F of the empirical Fisher information on the
 * remaining data stands in for the Hessian, so a Newton step -(F + damping)^-1 g on the remaining data's mean
 * gradient g moves towards the model trained without the forgotten samples, and Gaussian noise with variance
 * alpha / (F + damping) per parameter drowns what the step leaves of them: much noise where the remaining data do
 * not constrain a weight, little where they do. The noise-only form is what the method reduces to for deep
 * networks, whose training leaves g near zero.
 */
public final class FisherForgetting implements ApproximateForgetting {
    private final TensorData train;
    private final ForgetSettings.Fisher settings;
    private final long seed;
    private final ExperimentListener listener;
    private final CancellationToken token;
    private Map<String, Object> lastResult = Map.of();

    public FisherForgetting(TensorData train, ForgetSettings.Fisher settings, long seed, ExperimentListener listener,
                            CancellationToken token) {
        this.train = train;
        this.settings = settings;
        this.seed = seed;
        this.listener = listener;
        this.token = token;
    }

    @Override
    public String id() {
        return ForgetMethod.FISHER.id();
    }

    @Override
    public Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration) {
        long start = System.nanoTime();
        Random random = new Random(seed * 1_000_003L + iteration);
        int[] rows = RandomRemoval.sample(remaining, settings.samples(), random);
        Arrays.sort(rows);
        Statistics stats = statistics(new ClassifierRisk(model, train), rows, settings.batchSize(), token);
        double[] theta = model.network().params().toDoubleVector();
        double stepLength = 0;
        if (!settings.noiseOnly()) {
            double[] step = newtonStep(stats.fisher(), stats.meanGradient(), settings.damping(),
                    settings.maxStepNorm());
            stepLength = EmpiricalRisk.norm(step);
            for (int i = 0; i < theta.length; i++) {
                theta[i] += step[i];
            }
        }
        double[] std = noiseStd(stats.fisher(), settings.alpha(), settings.damping(), settings.clip());
        double noiseSquares = 0;
        for (int i = 0; i < theta.length; i++) {
            double n = std[i] * random.nextGaussian();
            theta[i] += n;
            noiseSquares += n * n;
        }
        new ClassifierRisk(model, train).setParameters(theta);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fisherSamples", rows.length);
        result.put("newtonStepLength", stepLength);
        result.put("noiseLength", Math.sqrt(noiseSquares));
        result.put("meanNoiseStd", Arrays.stream(std).average().orElse(0));
        result.put("largestNoiseStd", Arrays.stream(std).max().orElse(0));
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        lastResult = result;
        listener.log(String.format(Locale.ROOT, "fisher: Fisher diagonal from %d samples, Newton step %.4g, "
                + "noise %.4g (Euclidean lengths)", rows.length, stepLength, Math.sqrt(noiseSquares)));
        return model;
    }

    /** The diagonal empirical Fisher and the mean gradient over the rows. */
    record Statistics(double[] fisher, double[] meanGradient) {
    }

    /**
     * F = mean of the squared per-sample gradients and g = their mean. With {@code batchSize} b > 1 each batch's mean
     * gradient stands for its b samples: b times its square estimates their squares' sum without bias when the
     * samples' gradients have zero mean, which is where the Fisher stands in for the Hessian.
     */
    static Statistics statistics(ClassifierRisk risk, int[] rows, int batchSize, CancellationToken token) {
        int b = Math.max(1, batchSize);
        INDArray squares = null;
        INDArray sum = null;
        for (int from = 0; from < rows.length; from += b) {
            token.throwIfCancelled();
            int[] idx = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + b));
            INDArray g = risk.gradientSum(idx).castTo(DataType.DOUBLE);
            // (sum over the batch)^2 / size = size * (batch mean)^2; exactly the sample's square for size 1
            INDArray sq = g.mul(g).divi(idx.length);
            squares = squares == null ? sq : squares.addi(sq);
            sum = sum == null ? g : sum.addi(g);
        }
        int n = Math.max(1, rows.length);
        return new Statistics(squares.divi(n).toDoubleVector(), sum.divi(n).toDoubleVector());
    }

    /** -(F + damping)^-1 g, shortened to {@code maxLength} when longer (0 = no limit). */
    static double[] newtonStep(double[] fisher, double[] gradient, double damping, double maxLength) {
        double[] step = new double[fisher.length];
        for (int i = 0; i < step.length; i++) {
            step[i] = -gradient[i] / (fisher[i] + damping);
        }
        double length = EmpiricalRisk.norm(step);
        if (maxLength > 0 && length > maxLength) {
            for (int i = 0; i < step.length; i++) {
                step[i] *= maxLength / length;
            }
        }
        return step;
    }

    /** Per parameter sqrt(alpha / (F + damping)), at most {@code clip} (0 = no clip). */
    static double[] noiseStd(double[] fisher, double alpha, double damping, double clip) {
        double[] std = new double[fisher.length];
        for (int i = 0; i < std.length; i++) {
            double s = alpha == 0 ? 0 : Math.sqrt(alpha / (fisher[i] + damping));
            std[i] = clip > 0 ? Math.min(clip, s) : s;
        }
        return std;
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
