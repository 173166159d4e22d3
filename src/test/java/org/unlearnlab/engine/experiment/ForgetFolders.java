package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.audit.MembershipAudit;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.unlearning.SisaEnsemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Forget run folders for the tests of the app and the report, written in the engine's own file shapes. */
public final class ForgetFolders {
    private ForgetFolders() {
    }

    /** Figures of one model: test, forget and remaining accuracy, time in ms, collapse text or null. */
    public static ForgetResult.ModelFigures figures(double test, double forget, double remaining, long millis,
                                                    String collapse) {
        return new ForgetResult.ModelFigures(test, forget, remaining, millis, collapse);
    }

    /**
     * A result of {@code method} with one repeat per entry of {@code methodTest} (seeds 42, 43, ... or, for a
     * sweep, all 42 with 5%, 10%, ... of 1,000 rows forgotten). Original 0.95 / 1.0 / 0.99, gold 0.94 / 0.90 / 0.99.
     */
    public static ForgetResult result(String method, boolean sweep, String collapse, double... methodTest) {
        List<ForgetResult.Repeat> reps = new ArrayList<>();
        for (int i = 0; i < methodTest.length; i++) {
            int forget = sweep ? 50 * (i + 1) : 100;
            ForgetResult.ModelFigures gold = figures(0.94, 0.90, 0.99, 4000, null);
            ForgetResult.ModelFigures m = method.equals("retrain") ? gold
                    : figures(methodTest[i], 0.92, 0.98, 1000 + 1000L * i, collapse);
            List<SisaEnsemble.Retrained> sisa = method.equals("sisa")
                    ? List.of(new SisaEnsemble.Retrained(2, 3, 3, 7)) : null;
            reps.add(new ForgetResult.Repeat(i + 1, sweep ? 42 : 42 + i, "a random share (" + forget + " of 1000)",
                    forget, 1000 - forget, figures(0.95, 1.0, 0.99, 5000, null),
                    method.equals("sisa") ? figures(0.93, 0.97, 0.97, 3000, null) : null, m, gold,
                    new ForgetResult.GoldDistance(0.97, Math.abs(m.forget() - 0.90), Math.abs(m.remaining() - 0.99)),
                    sisa, ForgetExperiment.MODELS + "/repeat-" + (i + 1), null));
        }
        ExperimentConfig c = ExperimentConfig.defaults();
        ForgetSettings d = ForgetSettings.defaults();
        ForgetSettings f = new ForgetSettings(ForgetMethod.fromId(method), d.request(), methodTest.length, d.sisa(),
                d.fisher(), d.influence(), d.amun());
        return new ForgetResult("forget-" + method, method, "test", 1000, 500,
                new ForgetResult.HyperParameters(c.model(), c.training(), f), reps, new LinkedHashMap<>(), 1, 9000);
    }

    /** The result written as a finished run folder {@code dir} (config, summary, forget-result.json). */
    public static Path write(Path dir, ForgetResult r) throws IOException {
        ExperimentConfig c = ExperimentConfig.defaults().withName(r.name())
                .withForget(r.hyperParameters().forget());
        RunFolder run = RunFolder.createAt(dir, c);
        run.appendRemoved(List.of(new RemovedSample(3, 1, 1, 0.1, 1), new RemovedSample(8, 7, 7, 0.2, 1)));
        r.write(dir.resolve(ForgetResult.FILE));
        run.finish(RunStatus.COMPLETE, null);
        return dir;
    }

    /** An audit.json with forget AUC {@code methodAuc} for the method (all attacks) and 0.52 for gold. */
    public static void writeAudit(Path dir, String method, double methodAuc, boolean informative) throws IOException {
        List<RunAudit.ModelAudit> models = new ArrayList<>();
        models.add(new RunAudit.ModelAudit("original", attacks(0.7)));
        if (!method.equals("retrain")) {
            models.add(new RunAudit.ModelAudit(method, attacks(methodAuc)));
        }
        models.add(new RunAudit.ModelAudit("gold", attacks(0.52)));
        RunAudit.Result a = new RunAudit.Result(dir.toString(), 2, 998, "the run's gold model", models, informative,
                informative ? "informative: the gold model's own training rows stand out"
                        : "uninformative: even the gold model's training rows are within 0.010 of AUC 0.5");
        AtomicFiles.writeString(dir.resolve(RunAudit.FILE), ForgetResult.JSON.writeValueAsString(a));
    }

    private static List<MembershipAudit.AttackFigures> attacks(double forgetAuc) {
        List<MembershipAudit.AttackFigures> out = new ArrayList<>();
        for (String a : List.of("loss", "confidence", "mia-nn")) {
            out.add(new MembershipAudit.AttackFigures(a, 0.5, forgetAuc, 0.6, 0.55, 0.53, 0.5, 0.5));
        }
        return out;
    }

    /** amun-epsilons.csv for two flipped samples (0.01, 0.0225) and one that never flipped. */
    public static void writeEpsilons(Path dir) throws IOException {
        AmunEpsilons.write(dir.resolve(AmunEpsilons.FILE), List.of(new RemovedSample(3, 1, 1, 0.1, 1),
                new RemovedSample(8, 7, 7, 0.2, 1), new RemovedSample(9, 4, 4, 0.3, 1)),
                new double[]{0.01, 0.0225, Double.NaN});
    }
}
