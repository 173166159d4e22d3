package org.unlearnlab.engine.training;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The one training recipe: a config means the same model wherever it is trained. */
class ModelTrainingTest {
    private static final TrainingData DATA = TrainingData.of(SmallMnist.split(600, 100));

    private static ExperimentConfig config(int epochs, long seed) {
        return ExperimentConfig.defaults()
                .withModel(new ExperimentConfig.Model(ModelPreset.LENET5))
                .withTraining(new ExperimentConfig.Training(epochs, 64, 1e-3, seed))
                .withEvaluation(new ExperimentConfig.Evaluation(50, false));
    }

    private static Classifier train(ExperimentConfig cfg, ExperimentListener events) {
        return ModelTraining.trainFresh(cfg, DATA, ModelTraining.INITIAL, events, CancellationToken.none());
    }

    @Test
    void theSameConfigTrainsTheSameWeights() {
        Classifier a = train(config(1, 42), ExperimentListener.NONE);
        Classifier b = train(config(1, 42), ExperimentListener.NONE);
        assertEquals(a.network().params(), b.network().params());
        assertNotEquals(a.network().params(), train(config(1, 43), ExperimentListener.NONE).network().params());
    }

    @Test
    void trainsTheConfigsEpochsOnEveryTrainingImage() {
        List<EpochMetrics> epochs = new ArrayList<>();
        Classifier m = train(config(2, 5), new ExperimentListener() {
            @Override
            public void epochFinished(EpochMetrics e) {
                epochs.add(e);
            }
        });
        assertEquals(ModelPreset.LENET5, m.preset());
        assertEquals(List.of(1, 2), epochs.stream().map(EpochMetrics::epoch).toList());
        for (EpochMetrics e : epochs) {
            assertEquals(ModelTraining.INITIAL, e.phase());
            assertEquals(600, e.trainSize());
        }
    }

    @Test
    void limitsOfTheConfigCutTheData() throws Exception {
        TrainingData d = TrainingData.of(new ExperimentConfig.Data(null, 300, 40), DATA.split());
        assertEquals(300, d.train().size());
        assertEquals(40, d.test().size());
        assertEquals(DATA.split().source(), d.split().source());
    }
}
