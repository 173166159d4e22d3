package org.unlearnlab.engine.unlearning;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.util.Arrays;

/**
 * A classifier's cross-entropy on its training rows as an {@link EmpiricalRisk}: the parameters are the network's
 * flat parameter array, the gradients those of its dropout-free logit view (which shares that array), so the
 * objective is the one the deployed model is evaluated with.
 */
final class ClassifierRisk implements EmpiricalRisk {
    /** Rows per forward/backward pass: bounds the activations held at once. */
    static final int CHUNK = 512;

    private final Classifier model;
    private final TensorData train;

    ClassifierRisk(Classifier model, TensorData train) {
        this.model = model;
        this.train = train;
    }

    @Override
    public double[] parameters() {
        return model.network().params().toDoubleVector();
    }

    @Override
    public void setParameters(double[] theta) {
        model.network().params().assign(Nd4j.createFromArray(theta).castTo(DataType.FLOAT));
    }

    @Override
    public double[] gradient(int[] rows) {
        return gradientSum(rows).castTo(DataType.DOUBLE).divi(Math.max(1, rows.length)).toDoubleVector();
    }

    /**
     * Sum over {@code rows} of the per-sample gradients, as a new float array: DL4J's backward pass yields the sum
     * over the batch (its updater divides by the batch size, not the loss).
     */
    INDArray gradientSum(int[] rows) {
        MultiLayerNetwork view = model.attackView(FgsmVariant.STABLE);
        INDArray sum = null;
        for (int from = 0; from < rows.length; from += CHUNK) {
            int[] idx = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + CHUNK));
            INDArray x = train.imagesAt(idx);
            INDArray y = train.labelsAt(idx);
            INDArray g = NativeBackend.onAllCores(() -> view.calculateGradients(x, y, null, null))
                    .getFirst().gradient();
            sum = sum == null ? g.dup() : sum.addi(g);
        }
        return sum == null ? Nd4j.zeros(DataType.FLOAT, model.network().numParams()) : sum.reshape(-1);
    }
}
