package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.runtime.NativeFloats;

/**
 * DL4J's max-pooling layer with the 2x2, stride 2 case (every pooling layer of both presets) done in plain Java
 * over the arrays' native memory.
 *
 * <p>Why: DL4J 1.0.0-M2.1 pools forward with libnd4j's generic {@code maxpool2d} op (8 ms for LeNet-5's first
 * pooling layer at batch 128 on this machine; its oneDNN helper is only consulted backward), and backward its
 * oneDNN helper runs oneDNN's reference NCHW kernel after a second, training-mode forward pass. Here both
 * directions are one pass over a few MB; backward finds each window's maximum again from the input instead of
 * keeping an index array. Ties go to the first maximum in row-major order, as in oneDNN and PyTorch.
 *
 * <p>Any other set-up (kernel, stride, padding, NHWC, odd sizes, non-float) is left to DL4J's own code.
 * Like every ND4J call of the engine, it runs on the engine thread only; the scratch arrays are reused.
 */
final class MaxPool2x2Layer extends SubsamplingLayer {
    private float[] scratchIn = new float[0];
    private float[] scratchOut = new float[0];
    private float[] scratchGrad = new float[0];

    MaxPool2x2Layer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!supported(input)) {
            return super.activate(training, workspaceMgr);
        }
        long[] s = input.shape();
        int planes = Math.toIntExact(s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        int outLen = planes * (h / 2) * (w / 2);
        float[] x = NativeFloats.copy(input, scratchIn = grow(scratchIn, (int) input.length()));
        float[] y = scratchOut = grow(scratchOut, outLen);
        forward(x, y, planes, h, w);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{s[0], s[1], h / 2, w / 2}, 'c');
        NativeFloats.of(out).put(0, y, 0, outLen);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long[] s = input.shape();
        if (!supported(input) || epsilon.dataType() != DataType.FLOAT
                || epsilon.size(2) != s[2] / 2 || epsilon.size(3) != s[3] / 2) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int planes = Math.toIntExact(s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        int inLen = (int) input.length();
        float[] x = NativeFloats.copy(input, scratchIn = grow(scratchIn, inLen));
        float[] e = NativeFloats.copy(epsilon, scratchOut = grow(scratchOut, (int) epsilon.length()));
        float[] g = scratchGrad = grow(scratchGrad, inLen);
        backward(x, e, g, planes, h, w);
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, s, 'c');
        NativeFloats.of(epsAtInput).put(0, g, 0, inLen);
        return new Pair<>(new DefaultGradient(), epsAtInput);
    }

    static void forward(float[] x, float[] y, int planes, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < oh; r++) {
                int i = p * h * w + 2 * r * w;
                int j = i + w;
                for (int c = 0; c < ow; c++, i += 2, j += 2) {
                    y[o++] = Math.max(Math.max(x[i], x[i + 1]), Math.max(x[j], x[j + 1]));
                }
            }
        }
    }

    /** Routes each window's gradient to its first maximum; written without branches (the maxima are random). */
    static void backward(float[] x, float[] e, float[] g, int planes, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < oh; r++) {
                int i = p * h * w + 2 * r * w;
                int j = i + w;
                for (int c = 0; c < ow; c++, i += 2, j += 2) {
                    float a = x[i];
                    float b = x[i + 1];
                    float cc = x[j];
                    float d = x[j + 1];
                    float m = Math.max(Math.max(a, b), Math.max(cc, d));
                    int ta = a == m ? 1 : 0;
                    int tb = (b == m ? 1 : 0) & (ta ^ 1);
                    int tc = (cc == m ? 1 : 0) & ((ta | tb) ^ 1);
                    int td = (ta | tb | tc) ^ 1;
                    int bits = Float.floatToRawIntBits(e[o++]);
                    g[i] = Float.intBitsToFloat(bits & -ta);
                    g[i + 1] = Float.intBitsToFloat(bits & -tb);
                    g[j] = Float.intBitsToFloat(bits & -tc);
                    g[j + 1] = Float.intBitsToFloat(bits & -td);
                }
            }
        }
    }

    private boolean supported(INDArray in) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        int[] k = c.getKernelSize();
        int[] st = c.getStride();
        int[] pad = c.getPadding();
        int[] dil = c.getDilation();
        return c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && c.getConvolutionMode() != ConvolutionMode.Causal
                && in.dataType() == DataType.FLOAT && in.rank() == 4 && in.size(2) % 2 == 0 && in.size(3) % 2 == 0
                && k[0] == 2 && k[1] == 2 && st[0] == 2 && st[1] == 2 && pad[0] == 0 && pad[1] == 0
                && dil[0] == 1 && dil[1] == 1 && in.length() < Integer.MAX_VALUE;
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }
}
