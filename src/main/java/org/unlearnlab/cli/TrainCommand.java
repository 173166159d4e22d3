package org.unlearnlab.cli;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model of a config (its training section and data limits) and save it as a zip.")
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    ConfigChoice config = new ConfigChoice();

    @Option(names = "--out", required = true, description = "model zip to write")
    Path out;

    @Option(names = "--json", description = "stdout as one JSON line (the model and its test figures)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = config.read();
        ConfigValidator.check(cfg, config.sourceName());
        TrainingData data = TrainingData.of(cfg.data(), null);
        CancellationToken token = Interrupts.cancelOnCtrlC();
        long start = System.nanoTime();
        Classifier model = ModelTraining.trainFresh(cfg, data, ModelTraining.INITIAL, ConsoleProgress.onStderr(), token);
        long trainMillis = (System.nanoTime() - start) / 1_000_000;
        Interrupts.finished();
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        AtomicFiles.write(out, model::save);
        TensorData test = data.test();
        CleanSummary clean = Evaluator.clean(model, test, 0, token);
        AttackSummary fgsm = Evaluator.attacked(model, test, 0, AttackSuite.of(cfg).fgsm(FgsmVariant.STABLE), token);
        if (json) {
            JsonLines.print(JsonLines.object("model").put("model", out.toString())
                    .put("preset", cfg.model().preset().id()).put("train_images", data.train().size())
                    .put("millis", trainMillis).put("test_images", test.size())
                    .put("clean", JsonLines.figure(clean.accuracy()))
                    .put("epsilon", JsonLines.figure(cfg.attack().epsilon()))
                    .put("fgsm_stable", JsonLines.figure(fgsm.accuracy()))
                    .put("zero_gradient", fgsm.zeroGradientCount()));
            return 0;
        }
        System.out.printf("model %s (%s) trained on %d images in %s%n", out, cfg.model().preset().id(),
                data.train().size(), Format.duration(trainMillis));
        System.out.printf("test (%d images): clean accuracy %.4f, FGSM-stable eps %.2f accuracy %s%n", test.size(),
                clean.accuracy(), cfg.attack().epsilon(), Format.attack(fgsm));
        return 0;
    }
}
