package org.unlearnlab.cli;

import org.unlearnlab.engine.backdoor.BackdoorMetrics;
import org.unlearnlab.engine.backdoor.SharedAdversarialUnlearning;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.experiment.BackdoorExperiment;
import org.unlearnlab.engine.experiment.BackdoorResult;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.runs.RunFolder;

import java.util.Locale;

/** {@code run} for a config with a backdoor section: poison, train, purify with SAU, compare with the baselines. */
final class BackdoorRun {
    private BackdoorRun() {
    }

    static int run(ExperimentConfig cfg, DatasetSplit data, RunFolder run) throws Exception {
        CancellationToken token = Interrupts.cancelOnCtrlC();
        System.err.println("run folder: " + run.path());
        try {
            BackdoorExperiment.Outcome o = new BackdoorExperiment(cfg).withData(data)
                    .run(run, new Printer(ConsoleProgress.onStderr()), token);
            printTable(cfg, o);
            System.out.println("run folder: " + run.path());
            return o.cancelled() ? UnlearnLabCli.EXIT_CANCELLED : 0;
        } finally {
            Interrupts.finished();
        }
    }

    private static void printTable(ExperimentConfig cfg, BackdoorExperiment.Outcome o) {
        System.out.println();
        BackdoorResult r = o.result();
        if (r == null) {
            System.out.println(cfg.name() + ": cancelled before the data was poisoned");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %s, %d of %d training images poisoned, target %d; clean set %d images%n",
                cfg.name(), cfg.model().preset().id(), r.poisoned(), r.trainImages(), r.target(), r.cleanSetImages());
        System.out.printf("%-12s %8s %8s %8s %9s %8s %s%n", "method", "clean", "ASR", "robust", "time", "steps",
                "removed (poisoned)");
        for (BackdoorResult.Method m : r.methods()) {
            BackdoorMetrics x = m.metrics();
            System.out.printf(Locale.ROOT, "%-12s %8.4f %8.4f %8.4f %9s %8s %s%n", m.method(), x.cleanAccuracy(),
                    x.attackSuccessRate(), x.robustAccuracy(), Format.duration(m.millis()),
                    m.steps() == null ? "" : m.steps(),
                    m.removed() == null ? "" : m.removed() + " (" + m.poisonedRemoved() + ")");
        }
        if (!r.methods().isEmpty()) {
            BackdoorMetrics first = r.methods().get(0).metrics();
            System.out.printf("clean = test accuracy on %d images; ASR and robust = triggered non-target test images"
                    + " (%d) classified as the target / as their true label%n", first.cleanImages(),
                    first.triggeredImages());
        }
        System.out.printf("%s; total time %s%n", o.cancelled() ? "cancelled" : "complete", Format.duration(o.millis()));
    }

    /** Progress to stderr, each purification pass as one line. */
    private static final class Printer implements BackdoorExperiment.Listener {
        private final ConsoleProgress console;

        Printer(ConsoleProgress console) {
            this.console = console;
        }

        @Override
        public void trainingProgress(TrainingProgress p) {
            console.trainingProgress(p);
        }

        @Override
        public void epochFinished(EpochMetrics m) {
            console.epochFinished(m);
        }

        @Override
        public void iterationFinished(IterationMetrics m) {
            console.iterationFinished(m);
        }

        @Override
        public void log(String line) {
            console.log(line);
        }

        @Override
        public void purificationEpoch(SharedAdversarialUnlearning.Mode mode, SharedAdversarialUnlearning.Epoch e) {
            BackdoorMetrics m = e.metrics();
            console.log(String.format(Locale.ROOT, "%s pass %d (step %d): loss %.4f, shared %d, clean %.4f, ASR %.4f,"
                            + " robust %.4f, %s", mode.id(), e.epoch(), e.steps(), e.meanLoss(), e.shared(),
                    m.cleanAccuracy(), m.attackSuccessRate(), m.robustAccuracy(), Format.duration(e.millis())));
        }

        @Override
        public void methodFinished(BackdoorResult.Method r) {
            BackdoorMetrics m = r.metrics();
            console.log(String.format(Locale.ROOT, "%s: clean %.4f, ASR %.4f, robust %.4f (%s)", r.method(),
                    m.cleanAccuracy(), m.attackSuccessRate(), m.robustAccuracy(), Format.duration(r.millis())));
        }
    }
}
