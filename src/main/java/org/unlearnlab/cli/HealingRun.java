package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.experiment.HealingExperiment;
import org.unlearnlab.engine.experiment.HealingReport;
import org.unlearnlab.engine.experiment.HealingResult;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.runs.RunFolder;

import java.io.IOException;

/** {@code run} with a config that has forget and healing sections: the request, its healing and the table. */
final class HealingRun {
    private HealingRun() {
    }

    static int run(ExperimentConfig cfg, DatasetSplit data, RunFolder run) throws IOException {
        CancellationToken token = Interrupts.cancelOnCtrlC();
        System.err.println("run folder: " + run.path());
        try {
            HealingResult r = new HealingExperiment(cfg).withData(data).run(run, ConsoleProgress.onStderr(), token);
            if (r == null) {
                return UnlearnLabCli.EXIT_CANCELLED;
            }
            System.out.println();
            System.out.print(HealingReport.markdown(r));
            System.out.println("files: " + HealingResult.FILE + ", " + HealingResult.TABLE_MARKDOWN + ", "
                    + HealingResult.TABLE_CSV + ", " + HealingResult.TWINS_CSV);
            System.out.println("run folder: " + run.path());
            return 0;
        } finally {
            Interrupts.finished();
        }
    }
}
