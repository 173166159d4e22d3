package org.unlearnlab.engine.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.attack.InputGradient;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.fastpath.FastPath;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The speed comes from DL4J's oneDNN helpers, and a fast wrong answer is worse than a slow right one
 * (with helpers on, SameDiff's batched inference was once found to return near-chance predictions).
 * So predictions and input gradients must agree with helpers on and off, at the batch sizes the engine uses.
 */
class OneDnnAgreementTest {

    @AfterAll
    static void restore() {
        NativeBackend.useOneDnn(true);
    }

    @Test
    void helpersAreActiveByDefault() {
        assertTrue(FastPath.oneDnnActive(), "oneDNN helpers should be on: the speed figures depend on them");
    }

    /**
     * The fast path changes how training computes (oneDNN convolutions, the forward output cached for backprop,
     * the Java pooling kernel), never what: the same start trained on the same batches ends at the same weights
     * up to float rounding. A pooling gradient routed to a wrong element, or a stale cached forward output,
     * makes the weights drift apart within a few steps.
     */
    @Test
    void trainingFollowsTheSamePathWithAndWithoutTheFastLayers() {
        for (ModelPreset preset : ModelPreset.values()) {
            org.unlearnlab.engine.data.DatasetSplit s = SmallMnist.split(1280, 10);
            TensorData train = TensorData.of(s.train());
            NativeBackend.useOneDnn(true);
            Classifier fast = Classifier.create(preset, 1e-3, 77);
            NativeBackend.useOneDnn(false);
            Classifier plain = Classifier.create(preset, 1e-3, 77);
            assertArrayEquals(plain.network().params().toFloatVector(), fast.network().params().toFloatVector(), 0f,
                    preset + ": same seed, same start");
            INDArray start = plain.network().params().dup();
            for (int step = 0; step < 10; step++) {
                int[] idx = new int[128];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = step * 128 + i;
                }
                // paper-cnn's dropout masks come from the global generator: same seed, same masks
                NativeBackend.useOneDnn(true);
                Nd4j.getRandom().setSeed(1000 + step);
                // the engine's own step: paper-cnn's runs on every core, the plain one below on one
                fast.fit(train.imagesAt(idx), train.labelsAt(idx));
                NativeBackend.useOneDnn(false);
                Nd4j.getRandom().setSeed(1000 + step);
                plain.network().fit(train.imagesAt(idx), train.labelsAt(idx));
            }
            NativeBackend.useOneDnn(true);
            INDArray moved = plain.network().params().sub(start);
            INDArray apart = fast.network().params().sub(plain.network().params());
            double ratio = apart.norm2Number().doubleValue() / moved.norm2Number().doubleValue();
            assertTrue(ratio < 1e-3, preset + ": after 10 steps the fast and plain weights differ by " + ratio
                    + " of the distance training moved them");
        }
    }

    @Test
    void predictionsAndInputGradientsAgreeWithAndWithoutOneDnn(@TempDir Path dir) throws Exception {
        for (ModelPreset preset : ModelPreset.values()) {
            Path zip = dir.resolve(preset.id() + ".zip");
            (preset == ModelPreset.LENET5 ? SmallMnist.trainedLenet() : Classifier.create(preset, 1e-3, 9)).save(zip);
            NativeBackend.useOneDnn(true);
            Classifier fast = Classifier.load(zip, preset);
            NativeBackend.useOneDnn(false);
            Classifier plain = Classifier.load(zip, preset);
            TensorData t = TensorData.of(SmallMnist.split(100, 500).test());
            for (int batch : new int[]{1, 128, 500}) {
                INDArray x = t.images(0, batch);
                INDArray y = t.labels(0, batch);
                NativeBackend.useOneDnn(true);
                INDArray pFast = fast.probabilities(x);
                INDArray gFast = InputGradient.of(fast, FgsmVariant.STABLE, x, y);
                NativeBackend.useOneDnn(false);
                INDArray pPlain = plain.probabilities(x);
                INDArray gPlain = InputGradient.of(plain, FgsmVariant.STABLE, x, y);
                assertArrayEquals(pPlain.argMax(1).toLongVector(), pFast.argMax(1).toLongVector(),
                        preset + " batch " + batch + ": predictions differ");
                double maxDiff = Transforms.abs(pFast.sub(pPlain), false).maxNumber().doubleValue();
                assertTrue(maxDiff < 1e-4, preset + " batch " + batch + ": probabilities differ by " + maxDiff);
                // Rows agree to float noise, except where max-pooling meets a tie (equal activations in a
                // window): oneDNN and im2col then route the gradient to different, equally valid, elements.
                double scale = Transforms.abs(gPlain, true).maxNumber().doubleValue();
                INDArray rowDiff = Transforms.abs(gFast.sub(gPlain), false).reshape(batch, 784).max(1);
                long differing = rowDiff.gt(1e-4 * scale).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                        .sumNumber().longValue();
                assertTrue(differing <= Math.max(1, batch / 10), preset + " batch " + batch + ": " + differing
                        + " images have different gradients");
                INDArray sFast = Transforms.sign(gFast, true);
                INDArray sPlain = Transforms.sign(gPlain, true);
                double signAgreement = sFast.eq(sPlain).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                        .meanNumber().doubleValue();
                assertTrue(signAgreement > 0.99, preset + " batch " + batch + ": FGSM directions agree on only "
                        + signAgreement + " of pixels");
            }
            NativeBackend.useOneDnn(true);
        }
    }
}
