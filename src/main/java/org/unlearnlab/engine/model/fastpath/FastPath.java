package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.unlearnlab.engine.runtime.NativeBackend;

/**
 * The one way into the engine's DL4J-specific speed work: the layer swap, the fast layers that subclass DL4J's
 * internal layer classes, and the {@code org.nd4j.nativeblas.Nd4jCpu} bridge (which has to live in ND4J's
 * package, under the name DL4J looks up, and is referenced from here only). Nothing else in the engine names
 * those classes (see {@code FastPathBoundaryTest}).
 *
 * <p>Lazy on purpose: every call reads the switch ({@code -Dunlearnlab.onednn}, through
 * {@link NativeBackend#acceleratedLayers()}) first, and only with it on does it look anything up in DL4J's
 * internals or load a fast-path class. So with the switch off a DL4J that differs from the one the fast path was
 * written for cannot get in the way, and that run is the way out when it does.
 *
 * <p>With the switch on, the first call checks the DL4J/ND4J versions and the members used by name
 * ({@link Dl4jInternals}); a mismatch fails that call, and every later one, with the same message naming the
 * version found and {@code -Dunlearnlab.onednn=false}. Failing rather than quietly falling back to DL4J's
 * layers, because the versions are pinned in the build: a mismatch means someone upgraded DL4J, and the place
 * to learn it is the first test run, not a training run four times slower with a warning scrolled away. A
 * fallback could not be complete either: DL4J itself consults the bridge whenever its helpers are allowed.
 */
public final class FastPath {
    /** What a network is for, which decides the layers it gets. */
    public enum Role {
        /** The network that is trained and saved: all fast layers and the forward cache. */
        TRAINED_NETWORK,
        /**
         * A dropout-free logit view that attacks differentiate: no first-layer swap (it needs the image gradient
         * the fast first layer skips) and no forward cache (memory, see {@code LayerSwap}).
         */
        ATTACK_VIEW
    }

    private FastPath() {
    }

    /**
     * Gives {@code net} the fast layers for its role, in place, when the switch is on; otherwise leaves it alone.
     *
     * @return {@code net}
     * @throws IllegalStateException with the switch on, if this DL4J/ND4J is not the one the fast path was written
     *                               for; the message says to run with {@code -Dunlearnlab.onednn=false}
     */
    public static MultiLayerNetwork install(MultiLayerNetwork net, Role role) {
        if (!NativeBackend.acceleratedLayers()) {
            return net;
        }
        return LayerSwap.install(net, role == Role.ATTACK_VIEW, internals());
    }

    /**
     * Whether networks get the fast path: the switch is on and this DL4J/ND4J is the one it was written for.
     *
     * @throws IllegalStateException with the switch on and a different DL4J/ND4J, as {@link #install}
     */
    public static boolean isActive() {
        if (!NativeBackend.acceleratedLayers()) {
            return false;
        }
        internals();
        return true;
    }

    /**
     * Whether convolution and pooling run through oneDNN: the switch is on (so DL4J's helpers are allowed) and the
     * loaded ND4J was built with oneDNN, as the bridge reports it to DL4J.
     *
     * @throws IllegalStateException with the switch on and a different DL4J/ND4J, as {@link #install}
     */
    public static boolean oneDnnActive() {
        return isActive() && internals().oneDnnBuiltIn();
    }

    /**
     * The checked internals. The state behind it lives in {@link Dl4jInternals}, not here, so that reading the
     * switch loads nothing else: the verifier of this class would load the types of a lookup field.
     */
    private static Dl4jInternals internals() {
        return Dl4jInternals.checked();
    }
}
