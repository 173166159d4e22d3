package org.unlearnlab.engine.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.function.Supplier;

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

    public static final String NATIVE_THREADS = "unlearnlab.nativeThreads";

    private static volatile boolean initialised;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static boolean threadsDecided;
    /** OpenMP threads outside {@link #onAllCores}; 0 when the process runs with OpenMP's own default. */
    private static volatile int trainingThreads;

    /**
     * The C library through JNA (a DL4J dependency already): setenv, which Java cannot do to its own environment,
     * and glibc's malloc_trim.
     */
    private interface LibC extends Library {
        LibC INSTANCE = Native.loadLibrary("c", LibC.class);

        int setenv(String name, String value, int overwrite);

        int malloc_trim(long pad);
    }

    private NativeBackend() {
    }

    /**
     * Prepares ND4J, once.
     *
     * @throws NativeLibraryUnavailableException where ND4J's native library cannot run (not
     *                                           {@link BuildInfo#PLATFORM}),
     *                                           with one line saying so; before touching ND4J where that is known
     *                                           from the OS and CPU alone, as a CPU without AVX2 would die of an
     *                                           illegal instruction, not an exception
     */
    public static synchronized void initialise() {
        if (initialised) {
            return;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        String problem = platformProblem(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                cpuFlags());
        if (problem != null) {
            unavailable = new NativeLibraryUnavailableException(problem, null);
            throw unavailable;
        }
        try {
            loadNd4j();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError | IllegalStateException e) {
            unavailable = loadFailure(e);
            throw unavailable;
        } catch (RuntimeException e) {
            if (!mentionsNativeLoading(e)) {
                throw e;
            }
            unavailable = loadFailure(e);
            throw unavailable;
        }
        initialised = true;
    }

    private static NativeLibraryUnavailableException unavailable;

    /**
     * Why ND4J's native build cannot run on this OS, architecture and CPU (flags as /proc/cpuinfo lists them, or null
     * where unknown), or null when it can.
     */
    static String platformProblem(String osName, String osArch, String cpuFlags) {
        boolean linux = osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
        boolean x64 = osArch.equals("amd64") || osArch.equals("x86_64");
        if (!linux || !x64) {
            return "ND4J's native library cannot run on " + osName + " " + osArch + ": UnlearnLab runs on "
                    + BuildInfo.PLATFORM;
        }
        if (cpuFlags != null && !java.util.Arrays.asList(cpuFlags.split("\\s+")).contains("avx2")) {
            return "ND4J's native library needs AVX2, which this CPU lacks: UnlearnLab runs on " + BuildInfo.PLATFORM;
        }
        return null;
    }

    /** The one line for a native library that failed to load although the platform looked right. */
    static NativeLibraryUnavailableException loadFailure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines()
                .findFirst().orElse("").strip();
        return new NativeLibraryUnavailableException("ND4J's native library could not be loaded (" + why
                + "): UnlearnLab runs on " + BuildInfo.PLATFORM, e);
    }

    private static boolean mentionsNativeLoading(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError || t instanceof ExceptionInInitializerError
                    || (t.getMessage() != null && t.getMessage().contains("missing dependencies"))) {
                return true;
            }
        }
        return false;
    }

    /** The flags line of /proc/cpuinfo, or null where there is none to read. */
    private static String cpuFlags() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst().map(l -> l.substring(l.indexOf(':') + 1))
                    .orElse(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first touch of ND4J: its static start loads the native library. */
    private static void loadNd4j() {
        limitNativeThreads();
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
        if (trainingThreads > 0) {
            // ND4J's start-up sets one OpenMP thread per core on the thread that loads it, because Java's view
            // of the environment does not show the limit set above; take that back.
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(trainingThreads);
        }
    }

    /**
     * Sets {@code OMP_NUM_THREADS} for this process before ND4J's native libraries load (they size their worker
     * pools from it once, when loaded): 1, or {@code -Dunlearnlab.nativeThreads=N} (0 = leave it unset); a value
     * the user set in the environment is left alone. Attack and inference passes then ask for all cores again
     * ({@link #onAllCores}).
     *
     * <p>Why one thread on a 2-core machine: the ops of a LeNet training step are too small to split, and the
     * native workers spin between them against the JVM's own threads. Measured here (README, Performance),
     * 300 LeNet-5 training batches, alternating runs: 2,785 and 3,244 samples/s with this, 2,204 and 2,473
     * with {@code -Dunlearnlab.nativeThreads=0}. Attacks on batches of 1,000 go the other way (PGD on the 10k
     * test set: 30 s with one thread throughout, 20 s with two), hence {@link #onAllCores}. Lowering the limit
     * at run time only was tried and does not help: the pools exist by then.
     *
     * <p>Must run before anything touches {@code Nd4j}; {@link org.unlearnlab.Launcher} calls it first thing.
     */
    public static synchronized void limitNativeThreads() {
        if (threadsDecided) {
            return;
        }
        threadsDecided = true;
        int n = Integer.getInteger(NATIVE_THREADS, 1);
        if (n <= 0 || System.getenv("OMP_NUM_THREADS") != null) {
            return;
        }
        try {
            LibC.INSTANCE.setenv("OMP_NUM_THREADS", Integer.toString(n), 0);
            trainingThreads = n;
        } catch (Throwable e) {
            // Only speed is at stake: ND4J then uses one thread per core.
            System.err.println("warning: could not limit native threads (" + e + "); training will be slower");
        }
    }

    /**
     * Runs {@code work} with OpenMP allowed one thread per core on the calling thread (OpenMP keeps the setting
     * per thread), then goes back to the training limit. For the batches of 1,000 of attacks and inference,
     * where oneDNN's convolutions do gain from the second core.
     */
    public static <T> T onAllCores(Supplier<T> work) {
        initialise();
        if (trainingThreads <= 0) {
            return work.get();
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(CORES);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(trainingThreads);
        }
    }

    /** OpenMP threads the native ops run with, as the loaded library sees them. */
    public static int nativeThreads() {
        initialise();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * The switch itself: whether DL4J's oneDNN helpers are allowed and the engine's own layer kernels replace
     * DL4J's ({@code org.unlearnlab.engine.model.fastpath.FastPath}, which reads this before touching anything of
     * DL4J's internals; whether oneDNN is really in use is its {@code oneDnnActive()}).
     */
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
     * The whole state of ND4J's random generator for the calling thread (each thread has its own): libnd4j's
     * generator is a root and a node state, which random ops (dropout masks) advance. Saved with a run's resume
     * state, because a dropout network trained on after a resume must draw the masks the uninterrupted run drew.
     */
    public static long[] randomState() {
        initialise();
        org.nd4j.linalg.api.rng.Random r = Nd4j.getRandom();
        return new long[]{r.rootState(), r.nodeState()};
    }

    /** Puts the calling thread's ND4J generator back where {@link #randomState} found it. */
    public static void restoreRandomState(long rootState, long nodeState) {
        initialise();
        Nd4j.getRandom().setStates(rootState, nodeState);
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
        returnFreedMemoryToTheSystem();
    }

    private static volatile boolean trimAvailable = !"false".equals(System.getProperty("unlearnlab.mallocTrim"));

    /**
     * ND4J allocates its buffers with malloc, and glibc keeps freed memory in its heap for reuse: across 30
     * unlearning iterations its main heap grew by 239 MB (/proc/PID/smaps) while the Java heap stayed put, and
     * trimming after each iteration keeps RSS flat, so that memory was free, not leaked ({@code bench --only
     * memory}: +11.6% and +35% in two 30-iteration runs without this, +4.0% with it; README, Performance). {@code -Dunlearnlab.mallocTrim=false} switches it off for such comparisons.
     */
    private static void returnFreedMemoryToTheSystem() {
        if (!trimAvailable) {
            return;
        }
        try {
            LibC.INSTANCE.malloc_trim(0);
        } catch (LinkageError notGlibc) {
            trimAvailable = false;
        }
    }
}
