package org.unlearnlab.engine.report;

import org.unlearnlab.engine.audit.MembershipAudit;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.experiment.RunAudit;
import org.unlearnlab.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Forget run folders side by side (the Compare page's table and the report's): per method its accuracy on the test
 * set and on the forgotten and remaining rows, its time, its distance to the gold model, its membership-audit AUCs
 * on the forgotten rows beside the gold model's, and whether it collapsed. Figures are means over the run's repeats
 * (for a {@code --fractions} sweep: over its fractions, said in the request column).
 */
public final class ForgetSideBySide {

    /** One attack's AUC on the forgotten rows, for the run's method and for its gold model. */
    public record AuditAuc(String attack, double method, double gold) {
    }

    /**
     * One forget run folder.
     *
     * @param collapse  the plain-words collapse warning of the method's model (first repeat that has one), or null
     * @param audit     empty when the folder has no audit.json
     * @param auditNote the audit's own statement (informative or not), or null
     */
    public record Row(String label, Path folder, String method, String request, int repeats, double test,
                      double forget, double remaining, double seconds, double goldTest, double goldForget,
                      double goldRemaining, double goldSeconds, double agreement, double forgetGap,
                      double remainingGap, String collapse, List<AuditAuc> audit, String auditNote) {

        public double auc(String attack, boolean gold) {
            return audit.stream().filter(a -> a.attack().equals(attack)).mapToDouble(a -> gold ? a.gold() : a.method())
                    .findFirst().orElse(Double.NaN);
        }
    }

    /** The attacks the table shows, in column order. */
    public static final List<String> ATTACKS = List.of("loss", "confidence", "mia-nn");

    private ForgetSideBySide() {
    }

    /** True when {@code folder} holds a forget run's result. */
    public static boolean isForgetRun(Path folder) {
        return Files.isRegularFile(folder.resolve(ForgetResult.FILE));
    }

    /** @throws IOException naming the folder when it is not a finished forget run */
    public static Row read(String label, Path folder) throws IOException {
        if (!isForgetRun(folder)) {
            throw new IOException(folder + ": not a forget run (no " + ForgetResult.FILE + "); run a config with a "
                    + "forget section first");
        }
        ForgetResult r = ForgetResult.read(folder.resolve(ForgetResult.FILE));
        if (r.repeats().isEmpty()) {
            throw new IOException(folder + ": " + ForgetResult.FILE + " holds no answered request");
        }
        List<ForgetResult.Repeat> reps = r.repeats();
        boolean sweep = reps.size() > 1 && reps.stream().allMatch(p -> p.seed() == reps.get(0).seed());
        String request = sweep ? "mean over a sweep of " + reps.size() + " random shares ("
                + reps.stream().map(p -> Integer.toString(p.forgetSize())).reduce((a, b) -> a + ", " + b).orElse("")
                + " rows)" : r.kept().request();
        String collapse = reps.stream().map(p -> p.method().collapse()).filter(c -> c != null).findFirst().orElse(null);
        List<AuditAuc> audit = new ArrayList<>();
        RunAudit.Result a = RunAudit.read(folder);
        String note = null;
        if (a != null) {
            note = a.note();
            RunAudit.ModelAudit gold = a.model("gold");
            RunAudit.ModelAudit method = r.method().equals(ForgetMethod.RETRAIN.id()) ? gold : a.model(r.method());
            if (gold != null && method != null) {
                for (MembershipAudit.AttackFigures g : gold.attacks()) {
                    method.attacks().stream().filter(m -> m.attack().equals(g.attack())).findFirst()
                            .ifPresent(m -> audit.add(new AuditAuc(g.attack(), m.forgetAuc(), g.forgetAuc())));
                }
            }
        }
        return new Row(label, folder, r.method(), request, reps.size(), mean(reps, p -> p.method().test()),
                mean(reps, p -> p.method().forget()), mean(reps, p -> p.method().remaining()),
                mean(reps, p -> p.method().millis() / 1000.0), mean(reps, p -> p.gold().test()),
                mean(reps, p -> p.gold().forget()), mean(reps, p -> p.gold().remaining()),
                mean(reps, p -> p.gold().millis() / 1000.0), mean(reps, p -> p.distance().testAgreement()),
                mean(reps, p -> p.distance().forgetGap()), mean(reps, p -> p.distance().remainingGap()), collapse,
                List.copyOf(audit), note);
    }

    private static double mean(List<ForgetResult.Repeat> reps, ToDoubleFunction<ForgetResult.Repeat> f) {
        return reps.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The distinct requests of {@code rows}: more than one means the rows did not answer the same question. */
    public static Set<String> requests(List<Row> rows) {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.request()));
        return out;
    }

    /** The table's header, as the report and the app show it. */
    public static List<String> header() {
        List<String> h = new ArrayList<>(List.of("run", "method", "test", "forget", "remaining", "time",
                "agreement", "forget gap", "remaining gap"));
        ATTACKS.forEach(a -> h.add(a + " AUC"));
        h.add("collapsed");
        return h;
    }

    /** One row of {@link #header()} as text. */
    public static List<String> cells(Row r) {
        List<String> c = new ArrayList<>(List.of(r.label(), r.method(), acc(r.test()), acc(r.forget()),
                acc(r.remaining()), seconds(r.seconds()), acc(r.agreement()), acc(r.forgetGap()),
                acc(r.remainingGap())));
        for (String attack : ATTACKS) {
            double m = r.auc(attack, false);
            c.add(Double.isNaN(m) ? "not audited" : String.format(Locale.ROOT, "%.3f (%.3f)", m, r.auc(attack, true)));
        }
        c.add(r.collapse() == null ? "no" : "yes: " + r.collapse().replaceFirst("^collapsed: ", ""));
        return c;
    }

    static String acc(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** 54.7 s as "0:55"; 3725 s as "1:02:05". */
    public static String seconds(double s) {
        return ProtocolReport.duration(Math.round(s * 1000));
    }

    /**
     * Writes report.md and report.html (the one report writer: {@link ReportMarkdown}, {@link ReportHtml}) into
     * {@code out} for the forget runs {@code folders}.
     *
     * @return the HTML file
     */
    public static Path write(List<ProtocolReport.Labelled> folders, Path out, String reportCommand)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ProtocolReport.Labelled l : folders) {
            rows.add(read(l.label(), l.folder()));
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve(ReportHtml.MARKDOWN), ReportMarkdown.markdown(blocks(rows, reportCommand)));
        return ReportHtml.write(out);
    }

    static List<ReportBlock> blocks(List<Row> rows, String reportCommand) {
        List<ReportBlock> b = new ArrayList<>();
        b.add(new ReportBlock.Heading(1, "UnlearnLab: forgetting methods side by side"));
        b.add(new ReportBlock.Paragraph("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from "
                + rows.size() + " forget run folder(s). Each method answered its request and was measured beside "
                + "the gold model (retrained from scratch without the forgotten rows, same epochs and seed)."));
        Set<String> requests = requests(rows);
        if (requests.size() > 1) {
            b.add(new ReportBlock.Paragraph("**Caution:** the runs answered different requests ("
                    + String.join("; ", requests) + "), so their rows are not strictly comparable."));
        } else {
            b.add(new ReportBlock.Paragraph("Request: " + requests.iterator().next() + "."));
        }
        List<List<String>> table = new ArrayList<>();
        rows.forEach(r -> table.add(cells(r)));
        b.add(new ReportBlock.Table(header(), table));
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (r.collapse() != null) {
                notes.add("**" + r.label() + "** (" + r.method() + "): " + r.collapse()
                        + ". Its accuracy is that of a constant answer, not of a model that forgot.");
            }
            if (r.auditNote() != null) {
                notes.add(r.label() + ": audit " + r.auditNote());
            }
        }
        b.add(new ReportBlock.Paragraph("test, forget, remaining: accuracy of the method's model on the test set, "
                + "the forgotten rows and the remaining rows; time: the time it took to answer the request; "
                + "agreement: share of test images on which it predicts what the gold model predicts; gaps: "
                + "|accuracy - the gold model's| on the forgotten and remaining rows; AUC: membership-inference AUC of "
                + "the forgotten rows against held-out test images, the gold model's in brackets (forgetting well "
                + "means being close to it), 'not audited' until `audit --run FOLDER` has run on the folder."));
        if (!notes.isEmpty()) {
            b.add(new ReportBlock.Heading(2, "Notes"));
            b.add(new ReportBlock.Bullets(notes));
        }
        b.add(new ReportBlock.Heading(2, "Reproduce"));
        b.add(new ReportBlock.Code(reportCommand));
        return b;
    }
}
