package org.unlearnlab.app.requests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.HealingSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineRequestsBackendTest {

    @Test
    void theDemoPlansItsTrainingEpochs() {
        // 1 repeat x (original + gold) x 2 epochs, then 1 epoch for each of R, R+S and R+T-l2.
        assertEquals(4 + 3, EngineRequestsBackend.plannedEpochs(RequestsViewModel.demoConfig()));
        ExperimentConfig c = RequestsViewModel.demoConfig();
        HealingSettings h = c.healing();
        // 0 = half of the 2 training epochs: 1 epoch each, next to the 3 of length 3.
        ExperimentConfig two = c.withHealing(new HealingSettings(h.spareSize(), h.strategies(), h.metrics(),
                h.featureLayer(), h.data(), List.of(3, 0)));
        assertEquals(4 + 3 * 3 + 3, EngineRequestsBackend.plannedEpochs(two));
    }

    @Test
    void theAcceptedRowsAreTheTrainingRowsOfAcceptedEntries(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("requested.csv");
        Files.writeString(csv, "order,source,index,label,train_row,status,score\n"
                + "1,train,12,7,12,accepted,0.5\n"
                + "2,test,3,7,-1,refused-unseen,0.4\n"
                + "3,train,12,7,-1,refused-duplicate,\n"
                + "4,test,9,1,40,accepted,\n");
        assertEquals(Set.of(12, 40), EngineRequestsBackend.acceptedRows(csv));
    }

    @Test
    void theWholeRunCountsEachFinishedPhaseOnceAndEstimatesTheRest() {
        AtomicLong now = new AtomicLong(0);
        EngineRequestsBackend.WholeRun run = new EngineRequestsBackend.WholeRun(10, now::get);
        now.set(1000);
        RequestsBackend.Progress p = run.update("initial", 2, 0.5);
        assertEquals(0.1, p.fraction(), 1e-12);
        assertEquals(9000, p.etaMillis());
        run.update("initial", 2, 1.0);
        // The next phase starts: the first counts with its 2 epochs.
        now.set(3000);
        p = run.update("gold", 2, 0.5);
        assertEquals(0.3, p.fraction(), 1e-12);
        assertEquals(7000, p.etaMillis());
        // A second repeat's phase of the same name starts over: the progress falling back ends the earlier one.
        run.update("gold", 2, 1.0);
        p = run.update("gold", 2, 0.25);
        assertEquals(0.45, p.fraction(), 1e-12);
        assertEquals(-1, new EngineRequestsBackend.WholeRun(100, now::get).update("initial", 1, 0.01).etaMillis(),
                "no estimate before 2% is done");
    }
}
