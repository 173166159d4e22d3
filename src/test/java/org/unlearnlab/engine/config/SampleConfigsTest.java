package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.config.RankingSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configs shipped in sample-configs/ (Maven runs tests with the project root as working directory). */
class SampleConfigsTest {
    private static final Path FOLDER = Path.of("sample-configs");

    private static Map<String, ExperimentConfig> samples() throws IOException, ConfigException {
        Map<String, ExperimentConfig> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            out.put(f.getFileName().toString().replaceFirst("\\.json$", ""), ConfigFiles.read(f));
        }
        return out;
    }

    @Test
    void everySampleLoadsAndIsValid() throws Exception {
        Map<String, ExperimentConfig> samples = samples();
        assertTrue(samples.keySet().containsAll(List.of("paper", "classroom", "ablation-random",
                "adversarial-training", "extra-epochs", "bundled-model")), samples.keySet()::toString);
        for (Map.Entry<String, ExperimentConfig> e : samples.entrySet()) {
            ExperimentConfig c = e.getValue();
            assertEquals(List.of(), ConfigValidator.problems(c), e.getKey());
            assertEquals(e.getKey(), c.name(), "a sample's name is its file name");
            assertFalse(c.description() == null || c.description().isBlank(), e.getKey() + " needs a description");
        }
    }

    @Test
    void paperMatchesThePaper() throws Exception {
        ExperimentConfig p = samples().get("paper");
        assertEquals(ModelPreset.PAPER_CNN, p.model().preset());
        assertEquals(new ExperimentConfig.Data(null, 0, 0), p.data());
        assertEquals(new ExperimentConfig.Training(15, 128, 0.001, 42), p.training());
        assertEquals(0.1, p.attack().epsilon());
        assertEquals(FgsmVariant.STABLE, p.attack().fgsmVariant());
        assertEquals(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 100, 20, 0.9, Metric.FGSM_STABLE,
                RetrainMode.CONTINUE, 1, 0), p.unlearning());
        assertEquals(new ExperimentConfig.Evaluation(2000, true), p.evaluation());
    }

    @Test
    void paperProtocolPresetsFollowThePapersFigures7To9() throws Exception {
        Map<String, ExperimentConfig> s = samples();
        Map<String, ModelPreset> models = Map.of("paper-protocol-paper-lenet", ModelPreset.PAPER_LENET,
                "paper-protocol-lenet5", ModelPreset.LENET5, "paper-protocol-paper-cnn", ModelPreset.PAPER_CNN);
        for (Map.Entry<String, ModelPreset> m : models.entrySet()) {
            ExperimentConfig p = s.get(m.getKey());
            assertEquals(m.getValue(), p.model().preset(), m.getKey());
            assertEquals(new ExperimentConfig.Data(null, 0, 0), p.data(), m.getKey());
            assertEquals(new ExperimentConfig.Training(15, 128, 0.001, 42), p.training(), m.getKey());
            assertEquals(new ExperimentConfig.Attack(0.1, FgsmVariant.PAPER, 10, 0.01, true), p.attack(), m.getKey());
            assertEquals(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 100, 10, 0.9,
                    Metric.FGSM_PAPER, RetrainMode.CONTINUE, 15, 0, RankingSource.TRAIN, false), p.unlearning(),
                    m.getKey());
            assertEquals(new ExperimentConfig.Evaluation(0, true), p.evaluation(), m.getKey());
        }
    }

    @Test
    void baselinesDifferFromClassroomOnlyInStrategy() throws Exception {
        Map<String, ExperimentConfig> s = samples();
        ExperimentConfig classroom = s.get("classroom");
        assertEquals(UnlearningStrategy.LOSS_RANKED, classroom.unlearning().strategy());
        Map<String, UnlearningStrategy> baselines = Map.of("ablation-random", UnlearningStrategy.RANDOM,
                "adversarial-training", UnlearningStrategy.ADVERSARIAL_TRAINING,
                "extra-epochs", UnlearningStrategy.EXTRA_EPOCHS);
        for (Map.Entry<String, UnlearningStrategy> b : baselines.entrySet()) {
            ExperimentConfig c = s.get(b.getKey());
            ExperimentConfig.Unlearning u = classroom.unlearning();
            ExperimentConfig expected = classroom.withName(c.name()).withUnlearning(new ExperimentConfig.Unlearning(
                    b.getValue(), u.samplesPerIteration(), u.maxIterations(), u.threshold(), u.thresholdMetric(),
                    u.retrain(), u.retrainEpochs(), u.poolSize()));
            assertEquals(expected, new ExperimentConfig(c.name(), classroom.description(), c.data(), c.model(),
                    c.training(), c.attack(), c.unlearning(), c.evaluation()), b.getKey());
        }
    }

    @Test
    void bundledModelOnlyTrains() throws Exception {
        ExperimentConfig b = samples().get("bundled-model");
        assertEquals(ModelPreset.LENET5, b.model().preset());
        assertEquals(new ExperimentConfig.Data(null, 0, 0), b.data());
        assertEquals(new ExperimentConfig.Training(3, 128, 0.001, 7), b.training());
        assertEquals(0, b.unlearning().maxIterations());
    }

    @Test
    void healingClass7IsTheStudysTable4Request() throws Exception {
        ExperimentConfig h = samples().get("healing-class7");
        assertEquals(ForgetMethod.FISHER, h.forget().method());
        assertEquals(ForgetSettings.Request.of(ForgetRequestKind.CLASS, 0.05, 7, 25, null, null), h.forget().request());
        assertEquals(List.of(HealingStrategy.RANDOM_SPARES, HealingStrategy.TWINS), h.healing().strategies());
        assertEquals(2, h.healing().metrics().size());
        assertEquals(List.of(1, 0), h.healing().epochs(), "1 epoch and half the training epochs");
        assertTrue(h.healing().spareSize() < h.data().trainLimit() / 2);
    }
}
