package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.runtime.NativeFloats;

/**
 * The first convolution of a trained network (the one that reads the one-channel images), in plain Java.
 *
 * <p>Why: oneDNN is at its weakest on a single input channel. In a LeNet-5 training step at batch 128 its
 * first-layer work took 32 of about 75 ms (DNNL_VERBOSE, 45 steps): 10.1 ms computing the gradient with respect
 * to the images, which training throws away (DL4J's helper always computes it), 9.1 ms for the weight gradient,
 * 2.3 ms forward and about 11 ms of layout conversions around them. Here the forward pass and the weight and
 * bias gradients are loops over zero-padded image planes that the JIT vectorises, the ReLU is fused, and the
 * image gradient is not computed at all: {@link #backpropGradient} returns none, which is why this layer goes
 * only into trained networks, at index 0, whose input gradient nobody asks for (attacks differentiate their
 * own views, see {@code NetworkFactory.attackView}).
 *
 * <p>Planes are laid out with the padded row width, so output row y, column x sits at {@code y * pw + x} and
 * tap (kh, kw) of it reads the padded image at that index plus {@code kh * pw + kw}: each tap is one long
 * multiply-add over the plane. The {@code pw - ow} columns past each output row are computed and dropped.
 *
 * <p>Anything else (more channels, strides, dilation, NHWC, other activations, dropout or weight noise on
 * this layer, non-float data) goes to DL4J's own code. Engine thread only; the scratch arrays are reused.
 */
final class InputConvolutionLayer extends ConvolutionLayer {
    private float[] images = new float[0];
    private float[] padded = new float[0];
    private float[] activations = new float[0];
    private float[][] taps = new float[2][0];
    private float[][] planes = new float[0][];
    private float[][] sums = new float[0][];
    /** Written only at output columns: the dropped columns past each row stay zero. */
    private float[][] errorPlanes = new float[0][];
    private float[] errors = new float[0];
    private float[] weights = new float[0];
    private float[] weightGrad = new float[0];
    private float[] biases = new float[0];
    private float[] biasGrad = new float[0];
    /** The layout {@code padded} and {@code errorPlanes} were made for; their zeros sit where it puts them. */
    private Geometry layout;
    /** The input whose padded copy and activations the scratch arrays hold, from a training forward pass. */
    private INDArray cachedInput;

    InputConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Kernel size, padding and sizes of one forward pass; built from the configuration and the input shape. */
    record Geometry(int n, int channels, int h, int w, int k, int pad, int oh, int ow) {
        int ph() {
            return h + 2 * pad;
        }

        int pw() {
            return w + 2 * pad;
        }

        /** One padded image, plus room for the k - 1 elements the last row's dropped columns read past its end. */
        int imageStride() {
            return ph() * pw() + k;
        }

        int planeLength() {
            return oh * pw();
        }

        /** Same plane layout, whatever the batch size. */
        boolean sameLayout(Geometry o) {
            return o != null && h == o.h && w == o.w && k == o.k && pad == o.pad;
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Geometry g = geometry(input);
        if (g == null) {
            return super.activate(training, workspaceMgr);
        }
        forwardInto(g);
        cachedInput = training ? input : null;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{g.n, g.channels, g.oh, g.ow}, 'c');
        NativeFloats.of(out).put(0, activations, 0, g.n * g.channels * g.oh * g.ow);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Geometry g = geometry(input);
        if (g == null || getIndex() != 0 || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (cachedInput != input) {
            forwardInto(g);
        }
        cachedInput = null;
        int outLen = g.n * g.channels * g.oh * g.ow;
        float[] e = NativeFloats.copy(epsilon, errors = grow(errors, outLen));
        weightGrad = grow(weightGrad, g.channels * g.k * g.k);
        biasGrad = grow(biasGrad, g.channels);
        scratchPlanes(g);
        if (sums.length < g.channels * (g.k * g.k + 1) || sums[0].length < g.planeLength()) {
            sums = new float[g.channels * (g.k * g.k + 1)][g.planeLength()];
        }
        if (errorPlanes.length < 2 * g.channels) {
            errorPlanes = new float[2 * g.channels][g.planeLength()];
        }
        weightGradients(g, padded, activations, e, taps, errorPlanes, sums, weightGrad, biasGrad, relu());

        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        NativeFloats.of(wGrad).put(0, weightGrad, 0, g.channels * g.k * g.k);
        NativeFloats.of(bGrad).put(0, biasGrad, 0, g.channels);
        Gradient ret = new DefaultGradient();
        ret.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        ret.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
        return new Pair<>(ret, null);
    }

    private void forwardInto(Geometry g) {
        float[] x = NativeFloats.copy(input, images = grow(images, g.n * g.h * g.w));
        if (!g.sameLayout(layout)) {
            // Fresh arrays: the zeros of the old layout are in the wrong places for the new one.
            padded = new float[0];
            errorPlanes = new float[0][];
            layout = g;
        }
        if (padded.length < g.n * g.imageStride()) {
            // Borders and the tail of every image stay zero: only the interior is ever written.
            padded = new float[g.n * g.imageStride()];
        }
        pad(g, x, padded);
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
        float[] wk = NativeFloats.copy(w, weights = grow(weights, g.channels * g.k * g.k));
        float[] bk = NativeFloats.copy(b, biases = grow(biases, g.channels));
        activations = grow(activations, g.n * g.channels * g.oh * g.ow);
        scratchPlanes(g);
        forward(g, padded, wk, bk, taps[0], planes, activations, relu());
    }

    private void scratchPlanes(Geometry g) {
        if (taps[0].length < g.planeLength()) {
            taps = new float[2][g.planeLength()];
        }
        if (planes.length < g.channels || planes[0].length < g.planeLength()) {
            planes = new float[g.channels][g.planeLength()];
        }
    }

    private boolean relu() {
        return layerConf().getActivationFn() instanceof ActivationReLU;
    }

    static void pad(Geometry g, float[] x, float[] padded) {
        int pw = g.pw();
        for (int n = 0; n < g.n; n++) {
            for (int y = 0; y < g.h; y++) {
                System.arraycopy(x, (n * g.h + y) * g.w, padded, n * g.imageStride() + (y + g.pad) * pw + g.pad, g.w);
            }
        }
    }

    /**
     * Output (after the activation) in NCHW order into {@code out}. {@code tap} and {@code planes} are scratch of
     * one and {@code channels} padded planes: each tap's shifted image is copied once and then added to every
     * channel's plane, because HotSpot vectorises a multiply-add over arrays indexed alike, not one whose source
     * starts at a variable offset (measured: 1.7 vs 8-16 ms for LeNet-5's 17M multiply-adds).
     */
    static void forward(Geometry g, float[] padded, float[] w, float[] b, float[] tap, float[][] planes, float[] out,
                        boolean relu) {
        int pw = g.pw();
        int len = g.planeLength();
        int kk = g.k * g.k;
        int o = 0;
        for (int n = 0; n < g.n; n++) {
            int img = n * g.imageStride();
            for (int c = 0; c < g.channels; c++) {
                java.util.Arrays.fill(planes[c], 0, len, b[c]);
            }
            for (int t = 0; t < kk; t++) {
                System.arraycopy(padded, img + (t / g.k) * pw + t % g.k, tap, 0, len);
                for (int c = 0; c < g.channels; c++) {
                    multiplyAdd(planes[c], w[c * kk + t], tap, len);
                }
            }
            for (int c = 0; c < g.channels; c++) {
                float[] plane = planes[c];
                for (int y = 0; y < g.oh; y++) {
                    int row = y * pw;
                    if (relu) {
                        for (int x = 0; x < g.ow; x++) {
                            out[o++] = Math.max(plane[row + x], 0f);
                        }
                    } else {
                        System.arraycopy(plane, row, out, o, g.ow);
                        o += g.ow;
                    }
                }
            }
        }
    }

    private static void multiplyAdd(float[] acc, float w, float[] x, int len) {
        for (int i = 0; i < len; i++) {
            acc[i] += w * x[i];
        }
    }

    /**
     * Weight and bias gradients from the errors at the output ({@code e}, NCHW); the activation's derivative is
     * taken from the stored outputs (ReLU: zero where the output is zero). Products are summed element-wise into
     * one plane per weight and bias ({@code sums}, channels x (k x k + 1) planes) and each plane is reduced once at the end: a
     * running dot product does not vectorise (4.2 vs 20-24 ms per LeNet-5 step in a micro-benchmark).
     * {@code taps} (two planes) and {@code errorPlanes} (two images' channels) are scratch like in {@link #forward}.
     */
    static void weightGradients(Geometry g, float[] padded, float[] out, float[] e, float[][] taps,
                                float[][] errorPlanes, float[][] sums, float[] wGrad, float[] bGrad, boolean relu) {
        int pw = g.pw();
        int len = g.planeLength();
        int kk = g.k * g.k;
        int channels = g.channels;
        for (int i = 0; i < channels * (kk + 1); i++) {
            java.util.Arrays.fill(sums[i], 0, len, 0f);
        }
        int o = 0;
        // Two images per pass halve the traffic to the sums, which live in L2.
        for (int n0 = 0; n0 < g.n; n0 += 2) {
            int pair = Math.min(2, g.n - n0);
            for (int b = 0; b < pair; b++) {
                for (int c = 0; c < channels; c++) {
                    // Laid out like the padded plane; the dropped columns stay zero.
                    float[] plane = errorPlanes[b * channels + c];
                    for (int y = 0; y < g.oh; y++) {
                        int row = y * pw;
                        for (int x = 0; x < g.ow; x++, o++) {
                            // ReLU outputs are +0.0 or positive: the sign of minus their bits masks the error
                            int keep = relu ? -Float.floatToRawIntBits(out[o]) >> 31 : -1;
                            plane[row + x] = Float.intBitsToFloat(Float.floatToRawIntBits(e[o]) & keep);
                        }
                    }
                    add(sums[channels * kk + c], plane, len);
                }
            }
            for (int t = 0; t < kk; t++) {
                int shift = (t / g.k) * pw + t % g.k;
                System.arraycopy(padded, n0 * g.imageStride() + shift, taps[0], 0, len);
                if (pair == 2) {
                    System.arraycopy(padded, (n0 + 1) * g.imageStride() + shift, taps[1], 0, len);
                    for (int c = 0; c < channels; c++) {
                        multiplyAccumulate(sums[c * kk + t], errorPlanes[c], taps[0], errorPlanes[channels + c], taps[1], len);
                    }
                } else {
                    for (int c = 0; c < channels; c++) {
                        multiplyAccumulate(sums[c * kk + t], errorPlanes[c], taps[0], len);
                    }
                }
            }
        }
        for (int i = 0; i < channels * kk; i++) {
            wGrad[i] = total(sums[i], len);
        }
        for (int c = 0; c < channels; c++) {
            bGrad[c] = total(sums[channels * kk + c], len);
        }
    }

    private static float total(float[] plane, int len) {
        double total = 0;
        for (int j = 0; j < len; j++) {
            total += plane[j];
        }
        return (float) total;
    }

    private static void add(float[] acc, float[] a, int len) {
        for (int i = 0; i < len; i++) {
            acc[i] += a[i];
        }
    }

    private static void multiplyAccumulate(float[] acc, float[] a, float[] b, float[] c, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            acc[i] += a[i] * b[i] + c[i] * d[i];
        }
    }

    private static void multiplyAccumulate(float[] acc, float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            acc[i] += a[i] * b[i];
        }
    }

    private Geometry geometry(INDArray in) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] k = c.getKernelSize();
        int[] st = c.getStride();
        int[] dil = c.getDilation();
        int[] p = c.getPadding();
        boolean activationOk = c.getActivationFn() instanceof ActivationReLU || c.getActivationFn() instanceof ActivationIdentity;
        if (in == null || in.rank() != 4 || in.dataType() != DataType.FLOAT || in.size(1) != 1 || c.getNIn() != 1
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW || !activationOk || !c.hasBias()
                || c.getIDropout() != null || c.getWeightNoise() != null
                || k[0] != k[1] || st[0] != 1 || st[1] != 1 || dil[0] != 1 || dil[1] != 1) {
            return null;
        }
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        int pad;
        if (c.getConvolutionMode() == ConvolutionMode.Same) {
            if (k[0] % 2 == 0) {
                return null;
            }
            pad = (k[0] - 1) / 2;
        } else if (c.getConvolutionMode() == ConvolutionMode.Truncate || c.getConvolutionMode() == ConvolutionMode.Strict) {
            if (p[0] != p[1]) {
                return null;
            }
            pad = p[0];
        } else {
            return null;
        }
        int oh = h + 2 * pad - k[0] + 1;
        int ow = w + 2 * pad - k[0] + 1;
        Geometry g = new Geometry((int) in.size(0), (int) c.getNOut(), h, w, k[0], pad, oh, ow);
        // The scratch arrays are Java arrays: the largest, padded images or activations, must fit an int index.
        long largest = Math.max((long) g.n * g.imageStride(), (long) g.n * g.channels * oh * ow);
        return oh < 1 || ow < 1 || largest >= Integer.MAX_VALUE ? null : g;
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }
}
