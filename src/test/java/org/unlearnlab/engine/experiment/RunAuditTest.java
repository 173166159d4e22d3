package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit of a run of the paper's loop: its removed.csv is the forget set, its gold model is trained once. */
class RunAuditTest {
    private static final DatasetSplit DATA = SmallMnist.split(300, 150);

    @TempDir
    Path dir;

    @Test
    void aLoopRunIsAuditedAgainstAGoldModelTrainedWithoutItsRemovedRows() throws Exception {
        ExperimentConfig c = ExperimentConfig.defaults().withName("loop")
                .withData(new ExperimentConfig.Data(null, 300, 150))
                .withTraining(new ExperimentConfig.Training(1, 50, 1e-3, 4));
        RunFolder run = RunFolder.createAt(dir.resolve("loop"), c);
        List<RemovedSample> removed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            removed.add(new RemovedSample(i * 7, 0, 0, 1.0, 1));
        }
        run.appendRemoved(removed);
        Classifier model = SmallMnist.trainedLenet();
        run.writeModel(model::save);
        run.finish(RunStatus.COMPLETE, null);

        RunAudit.Result r = RunAudit.audit(run.path(), DATA, ExperimentListener.NONE, CancellationToken.none());
        assertEquals(30, r.forgetSize());
        assertEquals(270, r.remainingSize());
        assertEquals(List.of("run model", "gold"), r.models().stream().map(RunAudit.ModelAudit::model).toList());
        assertEquals(3, r.model("gold").attacks().size());
        assertTrue(Files.isRegularFile(run.path().resolve(RunAudit.GOLD)));
        assertTrue(Files.isRegularFile(run.path().resolve(RunAudit.FILE)));
        assertNotNull(r.note());
        // The second audit reuses the gold model: the same figures.
        RunAudit.Result again = RunAudit.audit(run.path(), DATA, ExperimentListener.NONE, CancellationToken.none());
        assertEquals(r.model("gold"), again.model("gold"));
    }

    @Test
    void aRunWithoutAForgetSetIsRefused() throws Exception {
        RunFolder run = RunFolder.createAt(dir.resolve("empty"), ExperimentConfig.defaults().withName("e"));
        run.finish(RunStatus.COMPLETE, null);
        String m = assertThrows(ForgetRequestException.class, () -> RunAudit.audit(run.path(), DATA,
                ExperimentListener.NONE, CancellationToken.none())).getMessage();
        assertTrue(m.endsWith("the run has no forget set (its removed.csv lists no sample)"), m);
    }
}
