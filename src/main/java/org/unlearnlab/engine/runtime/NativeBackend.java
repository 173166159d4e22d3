package org.unlearnlab.engine.runtime;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One place that prepares ND4J/DL4J before the first network is built.
 *
 * <p>DL4J's oneDNN layer helpers are off by default ({@code org.eclipse.deeplearning4j.helpers.disable});
 * with them on, convolution and pooling run through oneDNN instead of im2col (about 4x faster training
 * for LeNet-5 on two cores, see README). {@code -Dunlearnlab.onednn=false} turns them off, for
 * comparison and for the helper-on/off agreement test.
 */
public final class NativeBackend {
    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    public static final String ONEDNN_SWITCH = "unlearnlab.onednn";

    private static volatile boolean initialised;

    private NativeBackend() {
    }

    public static synchronized void initialise() {
        if (initialised) {
            return;
        }
        // Without this, libnd4j prints its build flags (HAVE_ONEDNN, ...) on stdout, mixing with JSON output.
        if (System.getProperty("org.nd4j.log.initialization") == null) {
            System.setProperty("org.nd4j.log.initialization", "false");
        }
        boolean wantOneDnn = Boolean.parseBoolean(System.getProperty(ONEDNN_SWITCH, "true"));
        if (System.getProperty(HELPERS_PROPERTY) == null) {
            System.setProperty(HELPERS_PROPERTY, Boolean.toString(!wantOneDnn));
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().allowHelpers(wantOneDnn);
        initialised = true;
    }

    /** Whether convolution/pooling layers will use oneDNN (library built with it, and helpers allowed). */
    public static boolean oneDnnActive() {
        initialise();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** Whether the engine's own layer kernels replace DL4J's: on together with the oneDNN helpers. */
    public static boolean acceleratedLayers() {
        initialise();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"));
    }

    /** Switches DL4J's oneDNN helpers on or off for networks built after this call. */
    public static synchronized void useOneDnn(boolean on) {
        initialise();
        System.setProperty(HELPERS_PROPERTY, Boolean.toString(!on));
        Nd4j.getEnvironment().allowHelpers(on);
    }

    /**
     * Frees the native buffers of arrays nothing refers to any more. ND4J releases an array's off-heap memory
     * only when the Java object is collected; the objects are small, so a heap of a few hundred MB can go
     * a long time without a collection while gigabytes of native buffers wait on it (measured: RSS +70% over
     * 30 unlearning iterations without this, see README). Called once per unlearning iteration, whose seconds
     * of work dwarf a collection.
     */
    public static void releaseUnreachableBuffers() {
        System.gc();
    }
}
