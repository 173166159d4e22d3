package org.unlearnlab.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ModelPreset;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierFilesTest {

    @Test
    void savedModelLoadsWithIdenticalPredictions(@TempDir Path dir) throws Exception {
        Classifier c = SmallMnist.trainedLenet();
        Path zip = dir.resolve("lenet.zip");
        c.save(zip);
        Classifier back = Classifier.load(zip, ModelPreset.LENET5);
        TensorData t = TensorData.of(SmallMnist.split(100, 50).test());
        assertEquals(c.logits(t.images(0, 50)), back.logits(t.images(0, 50)));
        assertEquals(ModelPreset.LENET5, Classifier.load(zip).preset());
    }

    @Test
    void refusesAModelOfAnotherArchitectureNamingBoth(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("lenet.zip");
        Classifier.create(ModelPreset.LENET5, 1e-3, 1).save(zip);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Classifier.load(zip, ModelPreset.PAPER_CNN));
        assertTrue(e.getMessage().startsWith("lenet.zip: architecture is "), e.getMessage());
        assertTrue(e.getMessage().contains("lenet5") && e.getMessage().contains("paper-cnn"), e.getMessage());
    }

    @Test
    void corruptOrMissingFilesGiveOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, new byte[]{1, 2, 3, 4, 5});
        ModelFileException e = assertThrows(ModelFileException.class, () -> Classifier.load(junk, ModelPreset.LENET5));
        assertTrue(e.getMessage().startsWith("junk.zip: not a readable DL4J model zip"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Path truncated = dir.resolve("truncated.zip");
        Path good = dir.resolve("good.zip");
        Classifier.create(ModelPreset.LENET5, 1e-3, 1).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFileException.class, () -> Classifier.load(truncated, ModelPreset.LENET5));
        assertTrue(e.getMessage().startsWith("truncated.zip: "), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> Classifier.load(dir.resolve("none.zip"), ModelPreset.LENET5));
        assertTrue(e.getMessage().startsWith("none.zip: model file not found"), e.getMessage());
    }

    @Test
    void sameSeedGivesTheSameInitialWeightsAndAnotherSeedDoesNot() {
        assertEquals(Classifier.create(ModelPreset.LENET5, 1e-3, 5).network().params(),
                Classifier.create(ModelPreset.LENET5, 1e-3, 5).network().params());
        assertFalse(Classifier.create(ModelPreset.LENET5, 1e-3, 5).network().params()
                .equals(Classifier.create(ModelPreset.LENET5, 1e-3, 6).network().params()));
    }

    @Test
    void paperCnnAttackViewHasNoDropoutSoItsGradientIsDeterministic() {
        Classifier c = Classifier.create(ModelPreset.PAPER_CNN, 1e-3, 3);
        TensorData t = TensorData.of(SmallMnist.split(100, 8).test());
        var g1 = org.unlearnlab.engine.attack.InputGradient.of(c, org.unlearnlab.engine.config.FgsmVariant.STABLE,
                t.images(0, 8), t.labels(0, 8));
        var g2 = org.unlearnlab.engine.attack.InputGradient.of(c, org.unlearnlab.engine.config.FgsmVariant.STABLE,
                t.images(0, 8), t.labels(0, 8));
        assertEquals(g1, g2);
    }
}
