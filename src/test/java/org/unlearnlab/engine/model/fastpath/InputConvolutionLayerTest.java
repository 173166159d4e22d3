package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java first-layer convolution against DL4J's own ConvolutionLayer (oneDNN off), on both presets. */
class InputConvolutionLayerTest {

    @AfterEach
    void restore() {
        NativeBackend.useOneDnn(true);
    }

    /**
     * Same weights, same images (a third of the pixels zero, as in MNIST, so ReLU masks matter), same errors from
     * above: the outputs and the weight and bias gradients agree up to float rounding, whether backprop follows a
     * training forward pass (cached) or not (recomputed).
     */
    @Test
    void outputsAndWeightGradientsMatchDl4jOnBothPresets() {
        for (ModelPreset preset : ModelPreset.values()) {
            NativeBackend.useOneDnn(false);
            MultiLayerNetwork plainNet = Classifier.create(preset, 1e-3, 9).network();
            plainNet.initGradientsView();
            NativeBackend.useOneDnn(true);
            MultiLayerNetwork fastNet = Classifier.create(preset, 1e-3, 9).network();
            fastNet.initGradientsView();
            Layer fast = fastNet.getLayer(0);
            Layer plain = plainNet.getLayer(0);
            assertTrue(fast instanceof InputConvolutionLayer, preset + ": first layer not replaced");
            assertSame(fast, fastNet.getLayer(fastNet.getLayerNames().get(0)), "name lookup finds the new layer");
            assertEquals(plain.params(), fast.params(), preset + ": same seed, same weights");
            // Non-zero biases, so a kernel that forgot them would show.
            plain.getParam("b").assign(Nd4j.linspace(DataType.FLOAT, -0.3, 0.1, plain.getParam("b").length()));
            fast.getParam("b").assign(plain.getParam("b"));

            Nd4j.getRandom().setSeed(3);
            INDArray x = org.nd4j.linalg.ops.transforms.Transforms.relu(Nd4j.rand(DataType.FLOAT, 13, 1, 28, 28).subi(0.33), false);
            for (boolean cached : new boolean[]{true, false}) {
                LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
                NativeBackend.useOneDnn(false);
                plain.setInput(x, ws);
                INDArray expected = plain.activate(true, ws).dup();
                NativeBackend.useOneDnn(true);
                fast.setInput(x, ws);
                INDArray actual = fast.activate(cached, ws).dup();
                assertClose(expected, actual, preset + " output");

                INDArray eps = Nd4j.randn(DataType.FLOAT, expected.shape());
                NativeBackend.useOneDnn(false);
                Pair<Gradient, INDArray> p = plain.backpropGradient(eps.dup(), ws);
                INDArray wExpected = p.getFirst().getGradientFor("W").dup();
                INDArray bExpected = p.getFirst().getGradientFor("b").dup();
                NativeBackend.useOneDnn(true);
                Pair<Gradient, INDArray> f = fast.backpropGradient(eps.dup(), ws);
                String what = preset + (cached ? " after a training forward pass" : " recomputed");
                assertClose(wExpected, f.getFirst().getGradientFor("W"), what + ": weight gradient");
                assertClose(bExpected, f.getFirst().getGradientFor("b"), what + ": bias gradient");
                double flattened = fastNet.getLayer(0).getGradientsViewArray().sumNumber().doubleValue();
                double returned = f.getFirst().getGradientFor("W").sumNumber().doubleValue()
                        + f.getFirst().getGradientFor("b").sumNumber().doubleValue();
                assertEquals(returned, flattened, 1e-6 * Math.abs(returned) + 1e-6,
                        what + ": the gradients land in the network's flattened gradient, where the updater reads them");
                assertNull(f.getSecond(), "training needs no gradient with respect to the images");
            }
        }
    }

    @Test
    void attackViewsAndLoadedNetworksGetTheirFirstLayerRightForWhatTheyAreFor(@TempDir Path dir) throws Exception {
        for (ModelPreset preset : ModelPreset.values()) {
            Classifier c = Classifier.create(preset, 1e-3, 5);
            assertSame(ConvolutionLayer.class, c.attackView(FgsmVariant.STABLE).getLayer(0).getClass(),
                    preset + ": attacks need the input gradient, so their views keep DL4J's layer");
            Path zip = dir.resolve(preset.id() + ".zip");
            c.save(zip);
            assertTrue(Classifier.load(zip, preset).network().getLayer(0) instanceof InputConvolutionLayer,
                    preset + ": a loaded network trains with the Java layer too");
            assertSame(ConvolutionLayer.class,
                    org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(zip.toFile()).getLayer(0).getClass(),
                    preset + ": the saved model holds DL4J's own layer");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shape");
        double scale = Math.max(1e-6, expected.norm2Number().doubleValue());
        double diff = expected.castTo(DataType.FLOAT).sub(actual.castTo(DataType.FLOAT)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }
}
