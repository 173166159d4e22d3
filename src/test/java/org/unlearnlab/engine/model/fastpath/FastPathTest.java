package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point: the switch is read before the check, and a failed check fails every use alike. */
class FastPathTest {

    @AfterEach
    void restore() {
        Dl4jInternals.useLookup(null);
        NativeBackend.useOneDnn(true);
    }

    /** A DL4J of another version that counts how often it is asked anything. */
    private static final class OtherDl4j implements Dl4jInternals.Lookup {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String version(String artifact) {
            asked.incrementAndGet();
            return "1.0.0-M3";
        }

        @Override
        public Object member(Dl4jInternals.Member member) throws ReflectiveOperationException {
            asked.incrementAndGet();
            throw new NoSuchFieldException(member.name());
        }
    }

    @Test
    void withTheSwitchOffNothingOfDl4jsInternalsIsAskedAndNetworksKeepDl4jsLayers() {
        OtherDl4j other = new OtherDl4j();
        Dl4jInternals.useLookup(other);
        NativeBackend.useOneDnn(false);
        for (ModelPreset preset : ModelPreset.values()) {
            Classifier c = Classifier.create(preset, 1e-3, 3);
            MultiLayerNetwork view = c.attackView(FgsmVariant.STABLE);
            for (MultiLayerNetwork net : new MultiLayerNetwork[]{c.network(), view}) {
                for (Layer l : net.getLayers()) {
                    assertTrue(l.getClass().getName().startsWith("org.deeplearning4j."), preset + ": " + l.getClass());
                }
            }
            assertSame(c.network(), FastPath.install(c.network(), FastPath.Role.TRAINED_NETWORK));
        }
        assertFalse(FastPath.isActive());
        assertFalse(FastPath.oneDnnActive());
        assertEquals(0, other.asked.get(), "the off-switch must work whatever DL4J is on the class path");
    }

    @Test
    void withTheSwitchOnAMismatchFailsTheFirstUseAndEveryLaterOneWithTheSameMessage() {
        OtherDl4j other = new OtherDl4j();
        Dl4jInternals.useLookup(other);
        NativeBackend.useOneDnn(true);
        IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> Classifier.create(ModelPreset.LENET5, 1e-3, 3));
        assertTrue(first.getMessage().contains("found deeplearning4j-nn 1.0.0-M3, nd4j-native 1.0.0-M3"),
                first.getMessage());
        assertTrue(first.getMessage().contains("-Dunlearnlab.onednn=false"), first.getMessage());
        int asked = other.asked.get();
        assertSame(first, assertThrows(IllegalStateException.class, FastPath::isActive));
        assertSame(first, assertThrows(IllegalStateException.class, FastPath::oneDnnActive));
        assertEquals(asked, other.asked.get(), "checked once");

        NativeBackend.useOneDnn(false);
        assertFalse(FastPath.isActive(), "the way out the message names");
        Classifier.create(ModelPreset.LENET5, 1e-3, 3);
    }

    @Test
    void withTheSwitchOnTheRealClassPathPassesAndNetworksGetTheFastLayers() {
        NativeBackend.useOneDnn(true);
        assertTrue(FastPath.isActive());
        MultiLayerNetwork net = Classifier.create(ModelPreset.LENET5, 1e-3, 3).network();
        assertTrue(net.getLayer(0) instanceof InputConvolutionLayer);
        assertTrue(net.getLayer(1) instanceof MaxPool2x2Layer);
        assertTrue(net.getLayer(4) instanceof ForwardCachingDenseLayer);
    }
}
