package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer without its two avoidable costs in training.
 *
 * <ul>
 *   <li>DL4J's backprop runs the forward matrix product again to get the pre-activations; here the training
 *       forward pass keeps a copy in the network's forward-cache workspace, as DL4J's convolution layer does
 *       with cache mode on.</li>
 *   <li>The row-major product is computed as its transpose into a column-major view of the same memory:
 *       ND4J's BLAS call writes column-major natively and converts row-major results (at 128 x 400 x 120:
 *       0.67-0.95 ms row-major, 0.45-0.58 ms this way, in a micro-benchmark). Row-major, not column-major
 *       outright (0.32-0.60 ms): a dropout layer above draws its mask in memory order, and the same seed
 *       must give the same masks with and without this layer.</li>
 * </ul>
 * Layer norm, weight noise or dropout on this layer, masks and non-float data go to DL4J's own code.
 */
final class ForwardCachingDenseLayer extends DenseLayer {
    private INDArray cachedPreOutput;
    private INDArray cachedFor;

    ForwardCachingDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean supported() {
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        return !c.hasLayerNorm() && c.getWeightNoise() == null && c.getIDropout() == null && maskArray == null
                && input != null && input.rank() == 2 && input.dataType() == DataType.FLOAT && dataType == DataType.FLOAT;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        if (!supported()) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        assertInputSet(forBackprop);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (input.columns() != w.rows()) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // DL4J's own error message
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{input.size(0), w.size(1)}, 'c');
        // z^T = W^T x^T into the column-major transpose view: the same memory as row-major z, no conversion
        Nd4j.gemm(w, input, z.transpose(), true, true, 1.0, 0.0);
        if (hasBias()) {
            z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        }
        return new Pair<>(z, z);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        cachedPreOutput = null;
        cachedFor = null;
        if (!supported()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray z = preOutputWithPreNorm(training, false, workspaceMgr).getFirst();
        if (training && workspaceMgr.hasConfiguration(ArrayType.FF_CACHE)
                && workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE)) {
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_CACHE)) {
                cachedPreOutput = z.dup('f');
                cachedFor = input;
            }
        }
        return layerConf().getActivationFn().getActivation(z, training);
    }

    /** BaseLayer's backprop (without layer norm) on the cached pre-activations when the forward pass left them. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = cachedPreOutput;
        boolean fresh = z != null && cachedFor == input;
        cachedPreOutput = null;
        cachedFor = null;
        if (!fresh || !supported()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        Gradient ret = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{w.size(0), delta.size(0)}, 'f');
        epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input, delta, weightGrad, true, false, 1.0, 0.0);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        return new Pair<>(ret, epsilonNext);
    }
}
