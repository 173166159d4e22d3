package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dense layer's transposed products against DL4J's own layer. Its cached pre-activations are exercised
 * end to end by
 * {@link org.unlearnlab.engine.model.OneDnnAgreementTest#trainingFollowsTheSamePathWithAndWithoutTheFastLayers}
 * (negating the cached values there gives weights 1.43 of the trained distance apart).
 */
class ForwardCachingDenseLayerTest {

    @AfterEach
    void restore() {
        NativeBackend.useOneDnn(true);
    }

    @Test
    void outputsAndGradientsMatchDl4jsDenseLayer() {
        NativeBackend.useOneDnn(false);
        MultiLayerNetwork plainNet = Classifier.create(ModelPreset.LENET5, 1e-3, 9).network();
        plainNet.initGradientsView();
        NativeBackend.useOneDnn(true);
        MultiLayerNetwork fastNet = Classifier.create(ModelPreset.LENET5, 1e-3, 9).network();
        fastNet.initGradientsView();
        for (int i = 0; i < fastNet.getnLayers(); i++) {
            Layer fast = fastNet.getLayer(i);
            if (!(fast instanceof ForwardCachingDenseLayer)) {
                continue;
            }
            Layer plain = plainNet.getLayer(i);
            plain.getParam("b").assign(Nd4j.linspace(DataType.FLOAT, -0.2, 0.2, plain.getParam("b").length()));
            fast.getParam("b").assign(plain.getParam("b"));
            Nd4j.getRandom().setSeed(i);
            INDArray x = Nd4j.randn(DataType.FLOAT, 17, plain.getParam("W").size(0));
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            plain.setInput(x, ws);
            fast.setInput(x, ws);
            INDArray expected = plain.activate(true, ws).dup('c');
            INDArray actual = fast.activate(true, ws);
            assertEquals('c', actual.ordering(), "layer " + i + ": row-major output, as dropout masks above expect");
            assertClose(expected, actual.dup('c'), "layer " + i + " output");
            INDArray eps = Nd4j.randn(DataType.FLOAT, expected.shape());
            Pair<Gradient, INDArray> p = plain.backpropGradient(eps.dup(), ws);
            Pair<Gradient, INDArray> f = fast.backpropGradient(eps.dup(), ws);
            assertClose(p.getFirst().getGradientFor("W"), f.getFirst().getGradientFor("W"), "layer " + i + " weight gradient");
            assertClose(p.getFirst().getGradientFor("b"), f.getFirst().getGradientFor("b"), "layer " + i + " bias gradient");
            assertClose(p.getSecond(), f.getSecond(), "layer " + i + " gradient to the layer below");
        }
    }

    @Test
    void trainedNetworksViewsAndLoadedModelsUseItAndSavedModelsHoldDl4jsLayer(@TempDir Path dir) throws Exception {
        for (ModelPreset preset : ModelPreset.values()) {
            Classifier c = Classifier.create(preset, 1e-3, 5);
            assertDense(c.network(), preset + " trainable");
            assertDense(c.attackView(FgsmVariant.STABLE), preset + " attack view");
            Path zip = dir.resolve(preset.id() + ".zip");
            c.save(zip);
            assertDense(Classifier.load(zip, preset).network(), preset + " loaded");
            for (Layer l : ModelSerializer.restoreMultiLayerNetwork(zip.toFile()).getLayers()) {
                assertTrue(!(l instanceof ForwardCachingDenseLayer), preset + ": saved model holds DL4J's layers");
            }
        }
    }

    private static void assertDense(MultiLayerNetwork net, String what) {
        int replaced = 0;
        for (Layer l : net.getLayers()) {
            assertTrue(l.getClass() != DenseLayer.class, what + ": a dense layer is still DL4J's");
            replaced += l instanceof ForwardCachingDenseLayer ? 1 : 0;
        }
        assertTrue(replaced > 0, what + ": no dense layer replaced");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shape");
        double scale = Math.max(1e-6, expected.norm2Number().doubleValue());
        double diff = expected.sub(actual).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-5, what + ": relative difference " + diff / scale);
    }
}
