package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled model's own loader gives what DL4J's zip reader gives: configuration, weights, Adam state. */
class BundledModelTest {
    @Test
    void the_fast_load_equals_dl4js_restore() throws Exception {
        MultiLayerNetwork fast = BundledModel.load().network();
        // Through DL4J's zip reader and the same wrapping (which turns on the forward cache, among others).
        MultiLayerNetwork restored = Classifier.load(Path.of("assets/models/lenet5-mnist.zip")).network();
        assertEquals(restored.getLayerWiseConfigurations(), fast.getLayerWiseConfigurations());
        assertEquals(restored.params(), fast.params());
        assertEquals(restored.getUpdater().getStateViewArray(), fast.getUpdater().getStateViewArray());
        assertTrue(fast.getLayerWiseConfigurations().getIterationCount() > 0, "the iteration count came along");
    }

    @Test
    void bundled_names_the_model_only_where_no_such_file_exists() {
        assertTrue(BundledModel.isNamedBy(Path.of("bundled")));
        assertFalse(BundledModel.isNamedBy(Path.of("runs/bundled.zip")));
    }
}
