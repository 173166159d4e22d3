package org.unlearnlab.app.backdoor;

import org.unlearnlab.engine.backdoor.BackdoorEvaluation;
import org.unlearnlab.engine.backdoor.BackdoorMetrics;
import org.unlearnlab.engine.backdoor.BadNetsTrigger;
import org.unlearnlab.engine.backdoor.SharedAdversarialUnlearning;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.experiment.BackdoorExperiment;
import org.unlearnlab.engine.experiment.BackdoorResult;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link BackdoorExperiment} into a new run folder; engine thread only. */
public final class EngineBackdoorBackend implements BackdoorBackend {
    /** Triggered test digits shown before and after. */
    static final int GRID = 12;

    private final Supplier<Path> runsRoot;

    public EngineBackdoorBackend(Supplier<Path> runsRoot) {
        this.runsRoot = runsRoot;
    }

    @Override
    public Pictures run(ExperimentConfig config, Consumer<Event> events, CancellationToken token) throws Exception {
        RunFolder run = RunFolder.create(runsRoot.get() == null ? RunStore.defaultRoot() : runsRoot.get(), config);
        BackdoorExperiment.Outcome o = new BackdoorExperiment(config).run(run, new BackdoorExperiment.Listener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                double done = (p.epoch() - 1 + p.batch() / (double) Math.max(1, p.batchesPerEpoch()))
                        / Math.max(1, p.epochs());
                events.accept(new Progress(p.phase(), done));
            }

            @Override
            public void log(String line) {
                events.accept(new Log(line));
            }

            @Override
            public void purificationEpoch(SharedAdversarialUnlearning.Mode mode, SharedAdversarialUnlearning.Epoch e) {
                BackdoorMetrics m = e.metrics();
                events.accept(new Step(mode.id(), e.steps(), m.cleanAccuracy(), m.attackSuccessRate(),
                        m.robustAccuracy()));
            }

            @Override
            public void methodFinished(BackdoorResult.Method r) {
                BackdoorMetrics m = r.metrics();
                String note = r.removed() == null ? "" : r.removed() + " removed, " + r.poisonedRemoved() + " poisoned";
                events.accept(new Method(r.method(), m.cleanAccuracy(), m.attackSuccessRate(), m.robustAccuracy(),
                        r.millis(), note));
            }
        }, token);
        BadNetsTrigger trigger = BadNetsTrigger.of(config.backdoor().trigger());
        List<TriggeredDigit> digits = new ArrayList<>();
        if (o.backdoored() != null && o.triggered() != null) {
            int n = Math.min(GRID, o.triggered().size());
            long[] before = BackdoorEvaluation.predictions(o.backdoored(), o.triggered().images(), n,
                    CancellationToken.none());
            long[] after = o.sau() == null ? null : BackdoorEvaluation.predictions(o.sau().model(),
                    o.triggered().images(), n, CancellationToken.none());
            for (int i = 0; i < n; i++) {
                float[] px = o.triggered().images().source().image(i);
                digits.add(new TriggeredDigit(px, o.triggered().images().labels()[i], (int) before[i],
                        after == null ? -1 : (int) after[i]));
            }
        }
        List<SharedExample> shared = new ArrayList<>();
        if (o.sau() != null) {
            for (SharedAdversarialUnlearning.SharedExample s : o.sau().examples()) {
                shared.add(new SharedExample(s.clean(), s.adversarial(), s.label(), s.referencePrediction(),
                        s.purifiedPrediction()));
            }
        }
        return new Pictures(run.path(), trigger.alone(28, 28), digits, shared, o.cancelled());
    }
}
