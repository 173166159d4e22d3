package org.unlearnlab.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What the build says about itself: the version from pom.xml, and the one platform the native build is for. */
public final class BuildInfo {
    /** The ND4J classifier in pom.xml ({@code linux-x86_64-onednn-avx2}) decides it. */
    public static final String PLATFORM = "Linux x86-64 with AVX2";
    private static final String RESOURCE = "/org/unlearnlab/engine/runtime/build.properties";

    private BuildInfo() {
    }

    /** "0.1.0-SNAPSHOT", as Maven filtered it into the resource; "unknown" when run from unfiltered classes. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // Fall through: the version is only shown, never relied on.
        }
        return "unknown";
    }

    /** "UnlearnLab 0.1.0-SNAPSHOT". */
    public static String nameAndVersion() {
        return "UnlearnLab " + version();
    }
}
