package org.unlearnlab.engine.model.fastpath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code -Dunlearnlab.onednn=false} a whole engine round (build, train, attack view, save, load) loads none of
 * the fast path's classes but its entry point, and not the ND4J bridge: so no DL4J change can break that run.
 *
 * <p>In a fresh JVM, because a class once loaded stays loaded and this suite's JVM runs with the switch on; the
 * JVM's own class-loading log is the witness (nothing of ours to forget or bypass, and DL4J's own loading of the
 * bridge by name shows up too). The same round with the switch on is the control: it shows the log does see
 * those classes when they load.
 */
class OffSwitchClassLoadingTest {
    private static final String PACKAGE = FastPath.class.getPackageName() + ".";
    private static final String BRIDGE_ENVIRONMENT = "org.nd4j.nativeblas.Nd4jCpu$Environment";
    private static final Set<String> BRIDGE = Set.of("org.nd4j.nativeblas.Nd4jCpu", BRIDGE_ENVIRONMENT);

    @Test
    void offLoadsOnlyTheEntryPointOnLoadsTheLayersAndTheBridge(@TempDir Path dir) throws Exception {
        Set<String> off = loadedClasses(dir, false);
        Set<String> offFastPath = ours(off);
        assertTrue(offFastPath.contains(PACKAGE + "FastPath"),
                "the log shows the entry point being read: " + offFastPath);
        offFastPath.removeAll(Set.of(PACKAGE + "FastPath", PACKAGE + "FastPath$Role"));
        assertEquals(Set.of(), offFastPath, "fast-path classes loaded with the switch off");
        assertEquals(Set.of(), bridge(off), "bridge loaded with the switch off");

        Set<String> on = loadedClasses(dir, true);
        assertTrue(ours(on).containsAll(Set.of(PACKAGE + "Dl4jInternals", PACKAGE + "LayerSwap",
                PACKAGE + "InputConvolutionLayer", PACKAGE + "MaxPool2x2Layer", PACKAGE + "ForwardCachingDenseLayer")),
                "control, switch on: " + ours(on));
        assertTrue(bridge(on).contains(BRIDGE_ENVIRONMENT), "control, switch on: DL4J asks the bridge");
    }

    private static Set<String> ours(Set<String> loaded) {
        Set<String> s = new TreeSet<>();
        // The child's main class lives in this package too: it is the test, not the fast path.
        String test = OffSwitchClassLoadingTest.class.getName();
        loaded.stream().filter(c -> c.startsWith(PACKAGE) && !c.startsWith(test)).forEach(s::add);
        return s;
    }

    private static Set<String> bridge(Set<String> loaded) {
        Set<String> s = new TreeSet<>(loaded);
        s.retainAll(BRIDGE);
        return s;
    }

    private static Set<String> loadedClasses(Path dir, boolean switchOn) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + switchOn + ".log");
        Path out = dir.resolve("out-" + switchOn + ".txt");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dunlearnlab.onednn=" + switchOn,
                "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"),
                Round.class.getName(), dir.resolve("model-" + switchOn + ".zip").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 180 s: " + Files.readString(out));
        }
        String output = Files.readString(out);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(Round.DONE), output);
        // [0.123s][info][class,load] org.example.Name source: ...
        Matcher m = Pattern.compile("\\[class,load\\] (\\S+) ").matcher(Files.readString(log));
        Set<String> loaded = new TreeSet<>();
        while (m.find()) {
            loaded.add(m.group(1));
        }
        assertTrue(loaded.contains("org.unlearnlab.engine.model.Classifier"), "the log lists the engine's classes");
        return loaded;
    }

    /** The child JVM: one engine round on both presets, as the app and the CLI drive it. */
    public static final class Round {
        static final String DONE = "round done";

        public static void main(String[] args) throws Exception {
            for (ModelPreset preset : ModelPreset.values()) {
                Classifier c = Classifier.create(preset, 1e-3, 1);
                Nd4j.getRandom().setSeed(1);
                INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
                int[] labels = new int[16];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = i % 10;
                }
                INDArray y = TensorData.oneHot(labels, 10);
                c.network().fit(x, y);
                c.probabilities(x);
                c.attackView(FgsmVariant.PAPER).output(x, false);
                Path zip = Path.of(args[0]);
                c.save(zip);
                Classifier.load(zip, preset).network().fit(x, y);
            }
            System.out.println("oneDNN active: " + FastPath.oneDnnActive());
            System.out.println(DONE);
        }
    }
}
