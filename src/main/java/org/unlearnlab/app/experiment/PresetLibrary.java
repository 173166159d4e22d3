package org.unlearnlab.app.experiment;

import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.SamplePresets;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample configs of {@code sample-configs/}: found next to the working directory (a checkout), next to the
 * jar (the installed app), under {@code -Dunlearnlab.sampleConfigs=<folder>}, or else on the class path.
 * A file that cannot be read is skipped with a note on stderr; the others still show.
 */
public final class PresetLibrary {
    public static final String FOLDER_PROPERTY = "unlearnlab.sampleConfigs";
    private static final List<String> ORDER = SamplePresets.ORDER;

    /** Names that the file name alone would spell badly. */
    private static final Map<String, String> TITLES = Map.of(
            "paper-protocol-paper-lenet", "Paper protocol: LeNet (Fig. 4)",
            "paper-protocol-lenet5", "Paper protocol: LeNet-5",
            "paper-protocol-paper-cnn", "Paper protocol: CNN (Fig. 3)");

    private final Path folder;

    /** @param folder where the JSON files are; null to search the usual places */
    public PresetLibrary(Path folder) {
        this.folder = folder;
    }

    public static PresetLibrary standard() {
        return new PresetLibrary(locate());
    }

    /** The folder searched, or null when presets come from the class path. */
    public Path folder() {
        return folder;
    }

    public List<ConfigPreset> presets() {
        List<ConfigPreset> out = new ArrayList<>();
        if (folder != null) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    try {
                        out.add(new ConfigPreset(title(stem(file.getFileName().toString())), file.toString(),
                                ConfigFiles.read(file)));
                    } catch (ConfigException e) {
                        System.err.println("UnlearnLab: preset skipped: " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                System.err.println("UnlearnLab: cannot list presets in " + folder + ": " + e.getMessage());
            }
        } else {
            for (String name : SamplePresets.names()) {
                try {
                    out.add(new ConfigPreset(title(name), name + ".json", SamplePresets.read(name)));
                } catch (ConfigException e) {
                    System.err.println("UnlearnLab: preset " + name + " skipped: " + e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparingInt(p -> rank(p.source())));
        return out;
    }

    private static int rank(String source) {
        String stem = stem(Path.of(source).getFileName().toString());
        int i = ORDER.indexOf(stem);
        return i < 0 ? ORDER.size() : i;
    }

    private static String stem(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** "ablation-random" → "Ablation random". */
    static String title(String stem) {
        if (TITLES.containsKey(stem)) {
            return TITLES.get(stem);
        }
        String spaced = stem.replace('-', ' ').replace('_', ' ');
        return spaced.isEmpty() ? spaced : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    private static Path locate() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("sample-configs"));
        try {
            Path code = Path.of(PresetLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null && candidates.size() < 6; dir = dir.getParent()) {
                candidates.add(dir.resolve("sample-configs"));
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // No code source (unusual class loader): the working directory and the class path remain.
        }
        return candidates.stream().filter(Files::isDirectory).findFirst().map(Path::toAbsolutePath).orElse(null);
    }
}
