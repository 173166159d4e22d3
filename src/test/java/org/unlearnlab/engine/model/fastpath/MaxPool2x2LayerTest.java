package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java pooling kernel against libnd4j's own maxpool2d / maxpool2d_bp ops, element for element. */
class MaxPool2x2LayerTest {

    @AfterEach
    void restore() {
        NativeBackend.useOneDnn(true);
    }

    @Test
    void forwardAndBackwardMatchLibnd4jOnTheShapesOfBothPresets() {
        NativeBackend.initialise();
        Nd4j.getRandom().setSeed(42);
        for (int[] s : new int[][]{{128, 6, 28, 28}, {128, 16, 10, 10}, {7, 64, 24, 24}, {1, 1, 2, 2}}) {
            int planes = s[0] * s[1];
            INDArray x = Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2], s[3]);
            float[] y = new float[planes * s[2] * s[3] / 4];
            MaxPool2x2Layer.forward(x.data().asFloat(), y, planes, s[2], s[3]);
            INDArray expected = reference("maxpool2d", x, null, new long[]{s[0], s[1], s[2] / 2, s[3] / 2});
            assertArrayEquals(expected.data().asFloat(), y, 0f, "forward " + Arrays.toString(s));

            INDArray eps = Nd4j.randn(DataType.FLOAT, s[0], s[1], s[2] / 2, s[3] / 2);
            float[] g = new float[planes * s[2] * s[3]];
            Arrays.fill(g, Float.NaN); // every element must be written, zeros included
            MaxPool2x2Layer.backward(x.data().asFloat(), eps.data().asFloat(), g, planes, s[2], s[3]);
            INDArray expectedG = reference("maxpool2d_bp", x, eps, x.shape());
            assertArrayEquals(expectedG.data().asFloat(), g, 0f, "backward " + Arrays.toString(s));
        }
    }

    @Test
    void tiesSendTheWholeGradientToTheFirstMaximum() {
        // Three 2x2 planes: a ReLU-dead window (four zeros), maxima tied in 2nd/3rd place, and in 3rd/4th.
        float[] x = {0, 0, 0, 0, 1, 5, 5, 2, -1, -1, 4, 4};
        float[] g = new float[12];
        MaxPool2x2Layer.backward(x, new float[]{3, 7, -2}, g, 3, 2, 2);
        assertArrayEquals(new float[]{3, 0, 0, 0, 0, 7, 0, 0, 0, 0, -2, 0}, g, 0f);
    }

    @Test
    void everyNetworkTheEngineBuildsOrLoadsPoolsWithTheJavaKernelAndSavesPlainDl4jLayers(@TempDir Path dir)
            throws Exception {
        for (ModelPreset preset : ModelPreset.values()) {
            Classifier c = Classifier.create(preset, 1e-3, 5);
            assertPooling(c.network(), preset + " trainable");
            assertEquals(CacheMode.DEVICE, c.network().getLayerWiseConfigurations().getCacheMode());
            MultiLayerNetwork view = c.attackView(org.unlearnlab.engine.config.FgsmVariant.PAPER);
            assertPooling(view, preset + " attack view");
            assertEquals(CacheMode.NONE, view.getLayerWiseConfigurations().getCacheMode(),
                    "attack views run without the forward cache (RSS grew with it)");
            Path zip = dir.resolve(preset.id() + ".zip");
            c.save(zip);
            MultiLayerNetwork reloaded = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(zip.toFile());
            for (Layer l : reloaded.getLayers()) {
                assertTrue(!(l instanceof MaxPool2x2Layer), "saved model must hold DL4J's own layers");
            }
            assertEquals(preset, Classifier.load(zip).preset(), "the saved model is recognised as its preset");
            assertPooling(Classifier.load(zip, preset).network(), preset + " loaded");
        }
        NativeBackend.useOneDnn(false);
        for (Layer l : Classifier.create(ModelPreset.LENET5, 1e-3, 5).network().getLayers()) {
            assertTrue(!(l instanceof MaxPool2x2Layer), "with -Dunlearnlab.onednn=false DL4J's layers stay");
        }
    }

    private static void assertPooling(MultiLayerNetwork net, String what) {
        int pools = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i);
            assertTrue(l.getClass() != SubsamplingLayer.class, what + ": layer " + i + " still DL4J's pooling");
            if (l instanceof MaxPool2x2Layer) {
                pools++;
                assertEquals(i, l.getIndex());
                assertSame(l, net.getLayer(net.getLayerNames().get(i)), what + ": name lookup finds the new layer");
            }
        }
        assertTrue(pools > 0, what + ": no pooling layer replaced");
    }

    private static INDArray reference(String op, INDArray x, INDArray eps, long[] outShape) {
        INDArray out = Nd4j.create(DataType.FLOAT, outShape);
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op);
        if (eps == null) {
            b.addInputs(x);
        } else {
            b.addInputs(x, eps);
        }
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, extra, NCHW: the arguments DL4J's SubsamplingLayer passes
        b.addOutputs(out).addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0);
        Nd4j.exec(b.build());
        return out;
    }
}
