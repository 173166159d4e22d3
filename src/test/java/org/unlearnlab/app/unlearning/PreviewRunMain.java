package org.unlearnlab.app.unlearning;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;

/**
 * Not a test: records a small real unlearning run on the bundled MNIST for looking at the views and for the
 * screenshots ({@code java ... PreviewRunMain <runsRoot>}). A few minutes on two cores.
 */
public final class PreviewRunMain {
    private PreviewRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/unlearnlab-preview/runs");
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = d.withName("preview loss-ranked")
                .withData(new ExperimentConfig.Data(null, 12_000, 0))
                .withTraining(new ExperimentConfig.Training(2, 128, 1e-3, 42))
                .withUnlearning(new ExperimentConfig.Unlearning(d.unlearning().strategy(), 250, 6, 0.9,
                        d.unlearning().thresholdMetric(), d.unlearning().retrain(), 1, 0))
                .withEvaluation(new ExperimentConfig.Evaluation(1000, true));
        var run = new RunStore(root).create(cfg);
        new ExperimentRunner(cfg).withData(DatasetLoader.bundledMnist()).run(run, new ExperimentListener() {
            @Override
            public void iterationFinished(IterationMetrics m) {
                System.out.println("iteration " + m.iteration() + ": clean " + m.clean().accuracy() + " fgsm "
                        + m.fgsmStable().accuracy() + " paper " + m.fgsmPaper().accuracy() + " pgd " + m.pgd().accuracy());
            }

            @Override
            public void log(String line) {
                System.out.println(line);
            }
        }, new CancellationToken());
        System.out.println("RUN " + run.path());
    }
}
