package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The parts of DL4J/ND4J 1.0.0-M2.1 the fast path relies on beyond their public API, checked once, at the first
 * use with the switch on, before any of the fast-path layer classes is loaded.
 *
 * <p>Why a version check and not only member checks: most of what could break is invisible to reflection. DL4J
 * finds the {@code org.nd4j.nativeblas.Nd4jCpu} bridge by a class name inside its own code, and the fast layers
 * override protected methods of DL4J's layer classes and read their protected fields; a release that changes
 * those compiles nothing of ours, it fails in the middle of a training step (NoSuchMethodError, a VerifyError
 * when a layer class loads) or, worse, an override silently stops being called. So the versions of the two
 * jars whose internals are used must be the ones the fast path was written and measured against. The member
 * checks come on top for what is looked up by name at run time, so that a build which reports the right version
 * but differs (a patched or locally built jar) fails here too.
 *
 * <p>The versions come from the {@code META-INF/maven/.../pom.properties} the jars carry: their manifests have
 * no {@code Implementation-Version} (checked: both are bare), and the application ships the jars unchanged in
 * {@code lib/}, so those files are there at run time as in the tests.
 */
final class Dl4jInternals {
    /** The DL4J/ND4J release the fast path was written for and measured on. */
    static final String BUILT_FOR = "1.0.0-M2.1";

    /** The jars whose internals are used: DL4J's layers and network, nd4j-native's environment (the bridge). */
    static final List<String> ARTIFACTS = List.of("org.deeplearning4j/deeplearning4j-nn", "org.nd4j/nd4j-native");

    /** Members looked up by name, each with what needs it; checked after the versions. */
    static final List<Member> MEMBERS = List.of(
            Member.field("org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "layerMap",
                    "the layer swap keeps the network's name lookup in step with its layer array"),
            Member.method("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment", "isUseONEDNN",
                    "the org.nd4j.nativeblas.Nd4jCpu bridge answers DL4J's oneDNN check with it"),
            Member.method("org.deeplearning4j.nn.layers.BaseLayer", "preOutputWithPreNorm",
                    "ForwardCachingDenseLayer overrides it", boolean.class, boolean.class,
                    org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.class),
            Member.constructor("org.deeplearning4j.nn.layers.convolution.ConvolutionLayer",
                    "InputConvolutionLayer extends it"),
            Member.constructor("org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer",
                    "MaxPool2x2Layer extends it"),
            Member.constructor("org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer",
                    "ForwardCachingDenseLayer extends it"));

    /** Where versions and members are looked up; package-private so that a test can play a different DL4J. */
    interface Lookup {
        /** The version {@code group/artifact}'s jar declares, or null when no such jar is on the class path. */
        String version(String artifact);

        /** The field, method or constructor, made accessible if it is a field. */
        Object member(Member member) throws ReflectiveOperationException;
    }

    /** A member of a DL4J/ND4J class, by name (a constructor's name is unused) and parameter types. */
    record Member(Kind kind, String owner, String name, String neededFor, Class<?>... parameters) {
        enum Kind { FIELD, METHOD, CONSTRUCTOR }

        static Member field(String owner, String name, String neededFor) {
            return new Member(Kind.FIELD, owner, name, neededFor);
        }

        static Member method(String owner, String name, String neededFor, Class<?>... parameters) {
            return new Member(Kind.METHOD, owner, name, neededFor, parameters);
        }

        /** The {@code (NeuralNetConfiguration, DataType)} constructor every DL4J layer class has and ours call. */
        static Member constructor(String owner, String neededFor) {
            return new Member(Kind.CONSTRUCTOR, owner, "<init>", neededFor,
                    org.deeplearning4j.nn.conf.NeuralNetConfiguration.class,
                    org.nd4j.linalg.api.buffer.DataType.class);
        }

        String describe() {
            String simple = owner.substring(owner.lastIndexOf('.') + 1);
            return switch (kind) {
                case FIELD -> simple + "." + name;
                case METHOD -> simple + "." + name + "(...)";
                case CONSTRUCTOR -> simple + "(NeuralNetConfiguration, DataType)";
            };
        }
    }

    /** The real class path. */
    static final class ClassPathLookup implements Lookup {
        @Override
        public String version(String artifact) {
            // The class loader that loaded DL4J, so that the jar found is the one in use.
            ClassLoader loader = MultiLayerNetwork.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + artifact + "/pom.properties")) {
                if (in == null) {
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public Object member(Member m) throws ReflectiveOperationException {
            Class<?> owner = Class.forName(m.owner(), false, MultiLayerNetwork.class.getClassLoader());
            return switch (m.kind()) {
                case FIELD -> {
                    Field f = owner.getDeclaredField(m.name());
                    f.setAccessible(true);
                    yield f;
                }
                case METHOD -> owner.getDeclaredMethod(m.name(), m.parameters());
                case CONSTRUCTOR -> owner.getDeclaredConstructor(m.parameters());
            };
        }
    }

    /** Null: the real class path. Set by tests only, to play a DL4J that differs. */
    private static Lookup lookup;
    private static Dl4jInternals checked;
    /** After a failed check: rethrown as is, so the message is the same at every use. */
    private static IllegalStateException failure;

    private final Field layerMap;

    private Dl4jInternals(Field layerMap) {
        this.layerMap = layerMap;
    }

    /** The internals of the class path, checked at the first call; every call after a failed check fails alike. */
    static synchronized Dl4jInternals checked() {
        if (checked == null) {
            if (failure != null) {
                throw failure;
            }
            try {
                checked = check(lookup == null ? new ClassPathLookup() : lookup);
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
        }
        return checked;
    }

    /** Test seam: the next use checks again, against {@code l} (null: the real class path). */
    static synchronized void useLookup(Lookup l) {
        lookup = l;
        checked = null;
        failure = null;
    }

    /**
     * Checks the versions, then the members, and fails on the first difference with one message that names what
     * was found and how to run without the fast path.
     *
     * @throws IllegalStateException on a version mismatch or a missing member
     */
    static Dl4jInternals check(Lookup lookup) {
        List<String> found = new ArrayList<>();
        boolean mismatch = false;
        for (String artifact : ARTIFACTS) {
            String v = lookup.version(artifact);
            found.add(artifact.substring(artifact.indexOf('/') + 1) + " " + (v == null ? "(version unknown)" : v));
            mismatch |= !BUILT_FOR.equals(v);
        }
        String versions = String.join(", ", found);
        if (mismatch) {
            throw new IllegalStateException(message("found " + versions));
        }
        Field layerMap = null;
        for (Member m : MEMBERS) {
            Object resolved;
            try {
                resolved = lookup.member(m);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // RuntimeException: setAccessible refused (InaccessibleObjectException) is as fatal as a missing field
                throw new IllegalStateException(message(versions + " lacks " + m.describe() + ", which "
                        + m.neededFor() + " (" + e + ")"), e);
            }
            if (m.kind() == Member.Kind.FIELD && m.name().equals("layerMap")) {
                layerMap = (Field) resolved;
            }
        }
        // Linking a subclass against a changed superclass fails when the class is first used (VerifyError,
        // IncompatibleClassChangeError): make that first use here, where it gets the message, not mid-swap.
        for (Class<?> layer : List.of(InputConvolutionLayer.class, MaxPool2x2Layer.class,
                ForwardCachingDenseLayer.class)) {
            try {
                Class.forName(layer.getName(), true, layer.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(message(versions + " does not link " + layer.getSimpleName()
                        + " (" + e + ")"), e);
            }
        }
        return new Dl4jInternals(layerMap);
    }

    private static String message(String what) {
        return "UnlearnLab's DL4J fast path (engine/model/fastpath) was written for DL4J/ND4J " + BUILT_FOR
                + ", but " + what + ". Run with -Dunlearnlab.onednn=false to use DL4J's own layers (slower, same "
                + "results), or port the fast path to this version.";
    }

    @SuppressWarnings("unchecked")
    Map<String, Layer> layerMap(MultiLayerNetwork net) {
        try {
            return (Map<String, Layer>) layerMap.get(net);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // setAccessible succeeded in check(): cannot happen
        }
    }

    /** What the bridge says: ND4J built with oneDNN and its environment allowing it. */
    boolean oneDnnBuiltIn() {
        return org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }
}
