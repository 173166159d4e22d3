package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.SamplePresets;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the sample configs bundled in the jar, one line each; use one with --preset NAME "
                + "(run, compare, train).")
final class PresetsCommand implements Callable<Integer> {
    private static final int DESCRIPTION_WIDTH = 88;

    @Override
    public Integer call() throws ConfigException {
        List<String> names = SamplePresets.names();
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        for (String name : names) {
            ExperimentConfig c = SamplePresets.read(name);
            System.out.println(String.format("%-" + width + "s  %s", name,
                    SamplePresets.summary(c, DESCRIPTION_WIDTH)));
        }
        return 0;
    }
}
