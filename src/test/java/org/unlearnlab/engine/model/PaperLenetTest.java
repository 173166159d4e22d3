package org.unlearnlab.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ModelPreset;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The paper's Fig. 4 network, layer by layer, and that a saved one is not taken for LeNet-5. */
class PaperLenetTest {

    @Test
    void hasTheParametersOfTheKerasModelInFigure4() {
        // Conv2D(6, 3x3) on 1 channel: 6*9+6; Conv2D(16, 3x3) on 6: 16*6*9+16; after two valid convolutions and two
        // 2x2 average poolings 28 -> 26 -> 13 -> 11 -> 5, so Dense(120) sees 16*5*5 = 400: 400*120+120; then
        // 120*84+84 and 84*10+10.
        long expected = (6 * 9 + 6) + (16 * 6 * 9 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
        assertEquals(60_074, expected);
        assertEquals(expected, Classifier.create(ModelPreset.PAPER_LENET, 1e-3, 1).parameterCount());
    }

    @Test
    void aSavedPaperLenetLoadsAsThePaperLenetAndLenet5AsLenet5(@TempDir Path dir) throws Exception {
        for (ModelPreset p : new ModelPreset[]{ModelPreset.PAPER_LENET, ModelPreset.LENET5}) {
            Path zip = dir.resolve(p.id() + ".zip");
            Classifier.create(p, 1e-3, 2).save(zip);
            assertEquals(p, Classifier.load(zip).preset());
        }
    }
}
