package org.nd4j.nativeblas;

/**
 * Bridge that lets DL4J 1.0.0-M2.1 find out that ND4J was built with oneDNN.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * and calls {@code isUseMKLDNN()} by reflection. nd4j-native 1.0.0-M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}, so the lookup fails and every convolution and pooling layer falls back to
 * im2col, which is where most of LeNet's training time went (see README, Performance). This class
 * answers with the real native environment, so the answer is whatever the loaded library says.
 *
 * <p>It has to live here, in ND4J's package, under the name DL4J looks up; it belongs to the engine's fast path
 * ({@code org.unlearnlab.engine.model.fastpath}), the only code of ours that refers to it. DL4J loads it only
 * when its helpers are allowed, that is with {@code -Dunlearnlab.onednn} on, and the fast path checks first
 * that DL4J/ND4J are the 1.0.0-M2.1 this was written for.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * The environment flag alone says "use oneDNN" even in the plain build, which has no oneDNN in it;
         * the build information says whether the library was compiled with it.
         */
        public boolean isUseMKLDNN() {
            return BUILT_WITH_ONEDNN.get()
                    && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }

        private static final java.util.function.Supplier<Boolean> BUILT_WITH_ONEDNN = new java.util.function.Supplier<>() {
            private volatile Boolean answer;

            @Override
            public Boolean get() {
                if (answer == null) {
                    String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
                    answer = info != null && info.contains("HAVE_ONEDNN");
                }
                return answer;
            }
        };
    }
}
