package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.faults.TinyConfig;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --resume}: exit 0 when it continues a cancelled run to its end, 2 with one line when it cannot. */
class ResumeCliTest {

    @Test
    void resumesACancelledRunAndRefusesItOnceComplete(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = TinyConfig.of("resume-cli", 300, 100, 20, 3, 2, 50, false);
        Path folder = dir.resolve("cancelled");
        CancellationToken token = new CancellationToken();
        new ExperimentRunner(cfg).run(RunFolder.createAt(folder, cfg), new ExperimentListener() {
            @Override
            public void iterationFinished(IterationMetrics m) {
                if (m.iteration() == 1) {
                    token.cancel();
                }
            }
        }, token);
        assertEquals(RunStatus.CANCELLED, RunFolder.open(folder).readSummary().status());

        CliTest.Result resumed = CliTest.cli("run", "--resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming after iteration 1"), resumed.err());
        assertTrue(resumed.out().contains("removed 60 samples, 240 left"), resumed.out());
        RunFolder run = RunFolder.open(folder);
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        assertEquals(4, run.readIterations().size(), "rows 0-3, none twice");
        assertEquals(60, run.readRemoved().size());

        CliTest.assertOneLineError(CliTest.cli("run", "--resume", folder.toString()),
                folder + ": the run is complete already; there is nothing to resume");
    }

    @Test
    void refusesWhatCannotBeResumedWithOneLine(@TempDir Path dir) throws Exception {
        Path notRun = Files.createDirectories(dir.resolve("photos"));
        CliTest.assertOneLineError(CliTest.cli("run", "--resume", notRun.toString()),
                notRun + " is not a run folder (it has no summary.json)");
        CliTest.assertOneLineError(CliTest.cli("run", "--resume", dir.resolve("nope").toString()),
                "is not a run folder (not found)");
        Path config = dir.resolve("c.json");
        ConfigFiles.write(TinyConfig.of("c", 300, 100, 20, 3, 2, 50, false), config);
        CliTest.assertOneLineError(CliTest.cli("run", "--resume", notRun.toString(), "--config", config.toString()),
                "--resume takes no --config, --preset, --out or --model");
        CliTest.assertOneLineError(CliTest.cli("run"), "run needs --config FILE or --preset NAME, or --resume FOLDER");
    }
}
