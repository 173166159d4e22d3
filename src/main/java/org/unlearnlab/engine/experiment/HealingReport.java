package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.experiment.ForgetResult.ModelFigures;
import org.unlearnlab.engine.healing.HealedModel;
import org.unlearnlab.engine.healing.HealingTable;

import java.util.Locale;

/** A healing result as text: every model as CSV, and the study's table (its Tables 4 and 5) as Markdown. */
public final class HealingReport {
    private HealingReport() {
    }

    /** One row per model: baseline, gold, start, then each healed model; accuracies as fractions. */
    public static String modelsCsv(HealingResult r) {
        StringBuilder b = new StringBuilder("model,configuration,epochs,added,test,forget,remaining,seconds\n");
        csv(b, "baseline", "", 0, 0, r.original());
        csv(b, "gold", "", 0, 0, r.gold());
        csv(b, "start", r.method(), 0, 0, r.start());
        for (HealedModel m : r.models()) {
            b.append(String.format(Locale.ROOT, "healed,%s,%d,%d,%.6f,%.6f,%.6f,%.3f%n", m.configuration(), m.epochs(),
                    m.added(), m.test(), m.forget(), m.remaining(), m.millis() / 1000.0));
        }
        return b.toString();
    }

    private static void csv(StringBuilder b, String model, String configuration, int epochs, int added,
                            ModelFigures f) {
        b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.6f,%.3f%n", model, configuration, epochs, added,
                f.test(), f.forget(), f.remaining(), f.millis() / 1000.0));
    }

    /** The study's table (test accuracy in %, the configuration in brackets), then every model with its time. */
    public static String markdown(HealingResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s, forget %s with %s; %d training rows, %d spares, %d test images"
                + "%n%n", r.name(), r.dataset(), r.request(), r.method(), r.trainSize(), r.spareSize(), r.testSize()));
        b.append("| | BL | GS | ").append(r.method()).append(" start |");
        for (HealingTable.Extremes e : r.table()) {
            b.append(" Heal (").append(epochs(e.epochs())).append(") |");
        }
        b.append("\n|---|---|---|---|").append("---|".repeat(r.table().size())).append('\n');
        b.append("| Best Acc (%) | ").append(pct(r.original().test())).append(" | ").append(pct(r.gold().test()))
                .append(" | ").append(pct(r.start().test())).append(" |");
        r.table().forEach(e -> b.append(' ').append(pct(e.best().test())).append(" (").append(e.best().configuration())
                .append(") |"));
        b.append("\n| Worst Acc (%) | | | |");
        r.table().forEach(e -> b.append(' ').append(pct(e.worst().test())).append(" (")
                .append(e.worst().configuration()).append(") |"));
        b.append("\n| Best - GS (pp) | | | |");
        r.table().forEach(e -> b.append(String.format(Locale.ROOT, " %+.2f |", 100 * e.bestMinusGold())));
        b.append("\n\n| model | epochs | added | test % | forget % | remaining % | time |\n|---|---|---|---|---|---|---|\n");
        row(b, "baseline (original)", "", 0, r.original());
        row(b, "gold (retrained without the request)", "", 0, r.gold());
        row(b, r.method() + " start (unlearned)", "", 0, r.start());
        for (HealedModel m : r.models()) {
            b.append(String.format(Locale.ROOT, "| healed %s | %d | %d | %s | %s | %s | %.1f s |%n", m.configuration(),
                    m.epochs(), m.added(), pct(m.test()), pct(m.forget()), pct(m.remaining()), m.millis() / 1000.0));
        }
        b.append("\nR = the remaining rows alone; R+S = plus random spares; R+T-metric = plus each forgotten row's twin"
                + " under that metric. Times are wall time: training for the baseline and gold models, answering the"
                + " request for the start, fine-tuning for the healed models.\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String epochs, int added, ModelFigures f) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.1f s |%n", name, epochs,
                added == 0 ? "" : added, pct(f.test()), pct(f.forget()), pct(f.remaining()), f.millis() / 1000.0));
    }

    private static String epochs(int e) {
        return e + (e == 1 ? " epoch" : " epochs");
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }
}
