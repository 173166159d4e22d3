package org.unlearnlab.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample configs as the build bundles them (Maven copies {@code sample-configs/} into the jar under
 * {@value #RESOURCE_DIR}), by name: what {@code run --preset classroom} reads, so the installed command line needs
 * no checkout. The folder stays the one source; this only reads its copy.
 */
public final class SamplePresets {
    public static final String RESOURCE_DIR = "/unlearnlab/sample-configs/";

    /** Teaching order: the quick demo first, the long paper runs after it, then the baselines. */
    public static final List<String> ORDER = List.of("classroom", "paper", "paper-reduced",
            "paper-protocol-paper-lenet", "paper-protocol-lenet5", "paper-protocol-paper-cnn", "ablation-random",
            "adversarial-training", "extra-epochs", "bundled-model");

    /** A full stop and a space, but not after "Fig.", "Figs.", "e.g." or "i.e.". */
    private static final java.util.regex.Pattern SENTENCE_END =
            java.util.regex.Pattern.compile("(?<!\\bFigs?|\\be\\.g|\\bi\\.e)\\. ");

    private SamplePresets() {
    }

    /** The bundled presets' names (file names without {@code .json}), in {@link #ORDER}, then alphabetically. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        URL dir = SamplePresets.class.getResource(RESOURCE_DIR);
        if (dir != null) {
            try {
                URI uri = dir.toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    list(fs.getPath(RESOURCE_DIR), names);
                } else {
                    list(Path.of(uri), names);
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                // An unusual class loader: fall back to the names this build is known to ship.
                names.clear();
                ORDER.stream().filter(n -> SamplePresets.class.getResource(RESOURCE_DIR + n + ".json") != null)
                        .forEach(names::add);
            }
        }
        names.sort(Comparator.comparingInt((String n) -> ORDER.contains(n) ? ORDER.indexOf(n) : ORDER.size())
                .thenComparing(Comparator.naturalOrder()));
        return names;
    }

    private static void list(Path dir, List<String> names) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).forEach(names::add);
        }
    }

    /** Whether a preset of this name is bundled. */
    public static boolean exists(String name) {
        return name != null && !name.isBlank() && !name.contains("/")
                && SamplePresets.class.getResource(RESOURCE_DIR + name + ".json") != null;
    }

    /** The JSON text of the bundled preset {@code name}. */
    public static String json(String name) throws ConfigException {
        if (!exists(name)) {
            throw new ConfigException(name + ": no such preset (the presets are: " + String.join(", ", names()) + ")",
                    null);
        }
        try (InputStream in = SamplePresets.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read the bundled preset (" + e.getMessage() + ")", null, e);
        }
    }

    /** The bundled preset {@code name}, parsed and checked as a config file is. */
    public static ExperimentConfig read(String name) throws ConfigException {
        return ConfigFiles.parse(json(name), name + ".json");
    }

    /**
     * The description's first sentence, for one line of a listing: "A two-minute demo of the paper's loss-ranked
     * unlearning: LeNet-5 on 12,000 training images, 5 iterations removing 100 samples each from a random pool of
     * 3,000" is cut at {@code max} characters with an ellipsis.
     */
    public static String summary(ExperimentConfig config, int max) {
        String d = config.description() == null ? "" : config.description().strip();
        java.util.regex.Matcher end = SENTENCE_END.matcher(d);
        String first = end.find() ? d.substring(0, end.start() + 1) : d;
        return first.length() <= max ? first : first.substring(0, max - 1).stripTrailing() + "…";
    }
}
