package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.experiment.ForgetExperiment;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.report.ForgetCharts;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.unlearning.SisaEnsemble;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code run} with a config that has a forget section: one request (or a sweep of fractions) and its table. */
final class ForgetRun {
    static final String CHART = "accuracy-by-fraction.svg";

    private ForgetRun() {
    }

    static int run(ExperimentConfig cfg, DatasetSplit data, RunFolder run, double[] fractions) throws IOException {
        CancellationToken token = Interrupts.cancelOnCtrlC();
        System.err.println("run folder: " + run.path());
        try {
            ForgetExperiment experiment = new ForgetExperiment(cfg).withData(data);
            if (fractions != null) {
                List<ForgetResult.Repeat> points = experiment.sweep(fractions, run, ConsoleProgress.onStderr(), token);
                if (points == null) {
                    return UnlearnLabCli.EXIT_CANCELLED;
                }
                printSweep(cfg, fractions, points, run);
                return 0;
            }
            ForgetResult r = experiment.run(run, ConsoleProgress.onStderr(), token);
            if (r == null) {
                return UnlearnLabCli.EXIT_CANCELLED;
            }
            print(r);
            System.out.println("run folder: " + run.path());
            return 0;
        } finally {
            Interrupts.finished();
        }
    }

    static void print(ForgetResult r) {
        System.out.println();
        System.out.printf("%s: %s, method %s, %d training and %d test images, %d repeat(s)%n", r.name(),
                r.hyperParameters().model().preset().id(), r.method(), r.trainSize(), r.testSize(), r.repeats().size());
        for (ForgetResult.Repeat p : r.repeats()) {
            System.out.printf("repeat %d (seed %d): forget %s%n", p.repeat(), p.seed(), p.request());
            printRequested(p.requested());
            System.out.print(table(r.method(), p));
            System.out.printf(Locale.ROOT, "distance to gold: test agreement %.4f, forget gap %.4f, remaining gap %.4f%n",
                    p.distance().testAgreement(), p.distance().forgetGap(), p.distance().remainingGap());
            if (p.sisaRetrained() != null) {
                System.out.println("SISA retrained: " + retrained(p.sisaRetrained()));
            }
            warn("original", p.original());
            warn(r.method(), p.method());
        }
        if (r.repeats().size() > 1) {
            System.out.println("over " + r.repeats().size() + " repeats (mean +/- std); kept repeat " + r.keptRepeat()
                    + ", closest to the mean:");
            r.summary().forEach((k, s) -> System.out.printf(Locale.ROOT, "  %-24s %.4f +/- %.4f%n", k, s.mean(),
                    s.std()));
        }
        System.out.println("time = training time (for the method: time to answer the request); gold = retrained "
                + "from scratch on the remaining rows, same epochs and seed");
    }

    /** The adversary, the request guard's counts and one line per refusal. */
    static void printRequested(ForgetResult.Requested q) {
        if (q == null) {
            return;
        }
        System.out.printf("request: kind %s, adversary %s / training set %s; %d asked, %d accepted, %d refused"
                        + " (unseen), %d refused (duplicate)%n", q.kind(), q.system(), q.trainingSet(), q.asked(),
                q.accepted(), q.refusedUnseen(), q.refusedDuplicate());
        if (q.scoreName() != null) {
            System.out.println("request scores: " + q.scoreName() + " (each sample's in requested.csv)");
        }
        q.refusals().forEach(System.out::println);
    }

    static String table(String method, ForgetResult.Repeat p) {
        StringBuilder b = new StringBuilder(String.format("%-16s %7s %7s %9s %8s%n", "model", "test", "forget",
                "remaining", "time"));
        row(b, "original", p.original());
        if (p.sisaBefore() != null) {
            row(b, "sisa (before)", p.sisaBefore());
        }
        if (!method.equals(ForgetMethod.RETRAIN.id())) {
            row(b, method, p.method());
        }
        row(b, method.equals(ForgetMethod.RETRAIN.id()) ? "retrain = gold" : "gold (retrain)", p.gold());
        return b.toString();
    }

    private static void row(StringBuilder b, String name, ForgetResult.ModelFigures f) {
        b.append(String.format(Locale.ROOT, "%-16s %7.4f %7.4f %9.4f %8s%n", name, f.test(), f.forget(), f.remaining(),
                Format.duration(f.millis())));
    }

    private static void warn(String who, ForgetResult.ModelFigures f) {
        if (f.collapse() != null) {
            System.out.println("WARNING " + who + ": " + f.collapse());
        }
    }

    static String retrained(List<SisaEnsemble.Retrained> list) {
        if (list.isEmpty()) {
            return "no shard";
        }
        return list.stream().map(t -> "shard " + t.shard() + " slices " + t.fromSlice() + "-"
                + (t.fromSlice() + t.slices() - 1) + " (" + t.rowsForgotten() + " rows forgotten)")
                .collect(Collectors.joining(", "));
    }

    private static void printSweep(ExperimentConfig cfg, double[] fractions, List<ForgetResult.Repeat> points,
                                   RunFolder run) throws IOException {
        boolean sisa = cfg.forget().method() == ForgetMethod.SISA;
        String method = cfg.forget().method().id();
        System.out.println();
        System.out.printf("%s: accuracy after forgetting a random share, %s%n", cfg.name(),
                cfg.model().preset().id());
        System.out.printf("%-8s %9s %9s %9s %9s %s%n", "deleted", "retrain", "time", method, "time",
                sisa ? "shards retrained" : "");
        double[] percent = new double[fractions.length];
        double[][] acc = new double[sisa ? 3 : 2][fractions.length];
        for (int i = 0; i < points.size(); i++) {
            ForgetResult.Repeat p = points.get(i);
            percent[i] = fractions[i] * 100;
            acc[0][i] = p.gold().test();
            acc[1][i] = p.method().test();
            System.out.printf(Locale.ROOT, "%7.1f%% %9.4f %9s %9.4f %9s %s%n", percent[i], p.gold().test(),
                    Format.duration(p.gold().millis()), p.method().test(), Format.duration(p.method().millis()),
                    p.sisaRetrained() == null ? "" : retrained(p.sisaRetrained()));
            if (sisa) {
                acc[2][i] = p.original().test();
            }
        }
        ForgetResult.Repeat first = points.get(0);
        System.out.printf(Locale.ROOT, "before any request: original %.4f (trained in %s)%s%n", first.original().test(),
                Format.duration(first.original().millis()), first.sisaBefore() == null ? ""
                        : String.format(Locale.ROOT, ", SISA %.4f (trained in %s)", first.sisaBefore().test(),
                        Format.duration(first.sisaBefore().millis())));
        String[] names = sisa ? new String[]{"retrain (gold)", "sisa", "original (no forgetting)"}
                : new String[]{"retrain (gold)", method};
        String svg = ForgetCharts.accuracyByDeletedShare(percent, names, sisa ? acc : new double[][]{acc[0], acc[1]});
        AtomicFiles.writeString(run.path().resolve(CHART), svg);
        System.out.println("chart: " + run.path().resolve(CHART));
        System.out.println("run folder: " + run.path());
    }
}
