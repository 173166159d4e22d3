package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.SamplePresets;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --config FILE} or {@code --preset NAME}, shared by the commands that take an experiment config. A preset
 * is a sample config bundled in the jar ({@code unlearnlab presets} lists them), so the installed command line
 * works from any folder; {@code --config classroom} reads the preset too when no file of that name exists.
 */
final class ConfigChoice {
    @Option(names = "--config", paramLabel = "FILE", description = "experiment config (JSON), e.g. "
            + "sample-configs/classroom.json")
    Path file;

    @Option(names = "--preset", paramLabel = "NAME", description = "a bundled sample config by name, e.g. classroom "
            + "(list them with 'unlearnlab presets')")
    String preset;

    boolean given() {
        return file != null || preset != null;
    }

    /** The name errors and records use: the file's name, or the preset's file name. */
    String sourceName() {
        return preset != null ? preset + ".json" : file.getFileName().toString();
    }

    /** The options as typed: "--config FILE" or "--preset NAME", for recording the command. */
    String asArguments() {
        return preset != null ? "--preset " + preset : "--config " + file;
    }

    /** The config chosen; exactly one of the two options must be given. */
    ExperimentConfig read() throws ConfigException {
        if (file != null && preset != null) {
            throw new CliErrors.BadInput("give --config FILE or --preset NAME, not both");
        }
        if (preset != null) {
            return SamplePresets.read(preset);
        }
        if (file == null) {
            throw new CliErrors.BadInput("a config is needed: --config FILE or --preset NAME");
        }
        return read(file);
    }

    /**
     * The file at {@code path}; or, when there is no such file and the path is a bare name ({@code classroom},
     * {@code classroom.json}) or names the checkout's folder ({@code sample-configs/classroom.json}), the bundled
     * preset of that name, with a note on stderr. So the README's lines run outside a checkout as well.
     */
    static ExperimentConfig read(Path path) throws ConfigException {
        if (!Files.exists(path) && SamplePresets.exists(presetName(path))) {
            Path parent = path.getParent();
            if (parent == null || parent.toString().equals("sample-configs")) {
                if (parent != null) {
                    System.err.println(path + ": not in this folder; using the bundled preset " + presetName(path));
                }
                return SamplePresets.read(presetName(path));
            }
        }
        return ConfigFiles.read(path);
    }

    /** "sample-configs/classroom.json" and "classroom" both name the preset "classroom". */
    private static String presetName(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
