package org.unlearnlab.engine.backdoor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Arrays;

/** Clean accuracy, attack success rate and robust accuracy of a model on a test set and its triggered copy. */
public final class BackdoorEvaluation {
    private final TensorData test;
    private final TriggeredTestSet triggered;

    public BackdoorEvaluation(TensorData test, TriggeredTestSet triggered) {
        this.test = test;
        this.triggered = triggered;
    }

    public TriggeredTestSet triggered() {
        return triggered;
    }

    /**
     * @param limit the first {@code limit} clean test images and the triggered ones among them (0 = all)
     */
    public BackdoorMetrics evaluate(Classifier model, int limit, CancellationToken token) {
        CleanSummary clean = Evaluator.clean(model, test, limit, token);
        int rows = triggeredRows(limit);
        long[] predictions = predictions(model, triggered.images(), rows, token);
        BackdoorMetrics.TriggeredCounts c = BackdoorMetrics.countTriggered(predictions,
                Arrays.copyOf(triggered.images().labels(), rows), triggered.target());
        return new BackdoorMetrics(clean.accuracy(), c.attackSuccessRate(), c.robustAccuracy(), clean.evaluated(),
                c.counted());
    }

    /** Arg-max predictions of the first {@code rows} images. */
    public static long[] predictions(Classifier model, TensorData data, int rows, CancellationToken token) {
        long[] out = new long[rows];
        for (int from = 0; from < rows; from += Evaluator.BATCH) {
            token.throwIfCancelled();
            int to = Math.min(rows, from + Evaluator.BATCH);
            INDArray logits = model.logits(data.images(from, to));
            System.arraycopy(logits.argMax(1).toLongVector(), 0, out, from, to - from);
        }
        return out;
    }

    /** How many triggered images come from the first {@code limit} test images. */
    private int triggeredRows(int limit) {
        if (limit <= 0 || limit >= test.size()) {
            return triggered.size();
        }
        int rows = 0;
        while (rows < triggered.size() && triggered.testIndices()[rows] < limit) {
            rows++;
        }
        return rows;
    }
}
