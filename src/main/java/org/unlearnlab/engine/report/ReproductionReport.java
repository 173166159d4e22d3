package org.unlearnlab.engine.report;

import org.unlearnlab.engine.comparison.ComparisonManifest;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunSummary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The reproduction report of a strategy comparison: the paper's Table 1 beside the measured numbers, the
 * gradient-masking diagnostics, the strategies' curves, the settings, the commands that reproduce it, and
 * plain statements of what the measurements support and what they do not. Written as {@code report.md} (charts as
 * SVG files in {@code charts/}), from which {@link ReportHtml} renders {@code report.html} (charts embedded).
 */
public final class ReproductionReport {
    /** Table 1 of "Protecting the Neural Networks against FGSM Attack Using Machine Unlearning". */
    public static final double PAPER_CLEAN_ACC = 0.9932;
    public static final double PAPER_CLEAN_LOSS = 0.0271;
    public static final double PAPER_ADV_ACC = 0.0796;
    public static final double PAPER_ADV_LOSS = 2.3045;
    public static final double PAPER_UPDATED_ACC = 0.9669;
    public static final double PAPER_UPDATED_LOSS = 0.1546;

    static final String PAPER_PRESET = "/unlearnlab/sample-configs/paper.json";

    /** One strategy's run as read back from its folder. */
    record StrategyRun(UnlearningStrategy strategy, ExperimentConfig config, RunSummary summary,
                       List<IterationMetrics> rows, DiagnosticsReport diagnostics) {

        /** Rows on the per-iteration test subset (without the final full-test row). */
        List<IterationMetrics> loopRows() {
            return rows.stream().filter(r -> !r.finalFullTest()).toList();
        }

        IterationMetrics first() {
            return loopRows().isEmpty() ? null : loopRows().get(0);
        }

        IterationMetrics last() {
            List<IterationMetrics> l = loopRows();
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }

        IterationMetrics fullTest() {
            return rows.stream().filter(IterationMetrics::finalFullTest).findFirst().orElse(null);
        }
    }

    private final Path folder;
    private final ComparisonManifest manifest;
    private final ExperimentConfig base;
    private final DiagnosticsReport baseDiagnostics;
    private final List<StrategyRun> runs = new ArrayList<>();

    private ReproductionReport(Path folder) throws IOException {
        this.folder = folder;
        this.manifest = StrategyComparison.readManifest(folder);
        try {
            this.base = ConfigFiles.read(folder.resolve(StrategyComparison.BASE_CONFIG));
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        this.baseDiagnostics = DiagnosticsFiles.read(folder.resolve(StrategyComparison.BASE_DIAGNOSTICS));
        for (Path p : StrategyComparison.runFolders(folder)) {
            RunFolder run = RunFolder.open(p);
            ExperimentConfig cfg = run.readConfig();
            runs.add(new StrategyRun(cfg.unlearning().strategy(), cfg, run.readSummary(), run.readIterations(),
                    DiagnosticsFiles.read(p.resolve(DiagnosticsFiles.FILE))));
        }
        if (runs.isEmpty()) {
            throw new IOException(folder + ": the comparison has no finished strategy runs yet");
        }
    }

    /**
     * Writes report.html, report.md and charts/*.svg into {@code out}.
     *
     * @param reportCommand the command line that writes this report, shown under "Reproduce"
     * @return the HTML file
     */
    public static Path write(Path comparisonFolder, Path out, String reportCommand) throws IOException {
        ReproductionReport r = new ReproductionReport(comparisonFolder);
        List<ReportBlock> blocks = r.build(reportCommand);
        Files.createDirectories(out.resolve("charts"));
        for (ReportBlock b : blocks) {
            if (b instanceof ReportBlock.Chart c) {
                AtomicFiles.writeString(out.resolve(c.fileName()), c.svg());
            }
        }
        AtomicFiles.writeString(out.resolve(ReportHtml.MARKDOWN), ReportMarkdown.markdown(blocks));
        // The page is rendered from the Markdown just written, the same way `report --render` re-renders it.
        return ReportHtml.write(out);
    }

    List<ReportBlock> build(String reportCommand) {
        List<ReportBlock> b = new ArrayList<>();
        b.add(new ReportBlock.Heading(1, "UnlearnLab reproduction report: " + base.name()));
        b.add(new ReportBlock.Paragraph("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from the comparison in `"
                + folder.getFileName() + "` (started " + manifest.created() + "). Every figure below was measured in that run; "
                + "the paper's figures are quoted from its Table 1."));
        b.add(new ReportBlock.Heading(2, "In short"));
        b.add(new ReportBlock.Bullets(findings()));
        protocol(b);
        table1(b);
        diagnostics(b);
        comparison(b);
        b.add(new ReportBlock.Heading(2, "What the measurements support, and what they do not"));
        b.add(new ReportBlock.Bullets(limits()));
        b.add(new ReportBlock.Heading(2, "Reproduce"));
        b.add(new ReportBlock.Paragraph("From a clone of the repository, after `mvn -B -DskipTests package`:"));
        b.add(new ReportBlock.Code((manifest.command() == null || manifest.command().isBlank() ? "" : manifest.command() + "\n")
                + reportCommand));
        b.add(new ReportBlock.Paragraph("Base config (each strategy run uses it with its own `unlearning.strategy`):"));
        b.add(new ReportBlock.Code(ConfigFiles.toJson(base)));
        return b;
    }

    // ----------------------------------------------------------------------------------------------------------

    private StrategyRun run(UnlearningStrategy s) {
        return runs.stream().filter(r -> r.strategy() == s).findFirst().orElse(null);
    }

    private List<String> findings() {
        List<String> out = new ArrayList<>();
        StrategyRun lr = run(UnlearningStrategy.LOSS_RANKED);
        if (lr != null && lr.first() != null && lr.last() != null) {
            IterationMetrics a = lr.first();
            IterationMetrics z = lr.last();
            double tol = tolerance(a.fgsmStable().accuracy(), a.evaluated());
            out.add(String.format(Locale.ROOT, "Loss-ranked removal (the paper's method) took FGSM accuracy (eps %s) from %s to %s on the same %d test images over %d iteration(s), removing %d training samples: %s. PGD accuracy went from %s to %s.",
                    num(base.attack().epsilon()), acc(a.fgsmStable().accuracy()), acc(z.fgsmStable().accuracy()),
                    a.evaluated(), z.iteration(), z.removedTotal(),
                    change(z.fgsmStable().accuracy() - a.fgsmStable().accuracy(), tol),
                    acc(a.pgd().accuracy()), acc(z.pgd().accuracy())));
            double paperRise = PAPER_UPDATED_ACC - PAPER_ADV_ACC;
            double rise = z.fgsmStable().accuracy() - a.fgsmStable().accuracy();
            boolean reproduced = rise > tol && z.fgsmStable().accuracy() >= PAPER_UPDATED_ACC - 0.05;
            out.add(String.format(Locale.ROOT, "The paper reports FGSM accuracy rising from %s to %s (%+.4f); here it went from %s to %s (%+.4f): %s%s",
                    acc(PAPER_ADV_ACC), acc(PAPER_UPDATED_ACC), paperRise, acc(a.fgsmStable().accuracy()),
                    acc(z.fgsmStable().accuracy()), rise,
                    reproduced ? "a comparable result." : "the paper's rise is not reproduced on this protocol.",
                    a.fgsmStable().accuracy() - PAPER_ADV_ACC > 0.1
                            ? " The starting model here is already far less vulnerable than the paper's, so the two set-ups differ before unlearning begins."
                            : ""));
            for (UnlearningStrategy s : List.of(UnlearningStrategy.RANDOM, UnlearningStrategy.EXTRA_EPOCHS,
                    UnlearningStrategy.ADVERSARIAL_TRAINING)) {
                StrategyRun other = run(s);
                if (other == null || other.last() == null) {
                    continue;
                }
                double d = z.fgsmStable().accuracy() - other.last().fgsmStable().accuracy();
                double t = tolerance(other.last().fgsmStable().accuracy(), other.last().evaluated());
                String verdict = Math.abs(d) <= t ? "no different from" : d > 0 ? "better than" : "worse than";
                out.add(String.format(Locale.ROOT, "Against %s: final FGSM accuracy %s vs %s, PGD %s vs %s: loss-ranked removal is %s this baseline (sampling error about ±%s).",
                        s.label(), acc(z.fgsmStable().accuracy()), acc(other.last().fgsmStable().accuracy()),
                        acc(z.pgd().accuracy()), acc(other.last().pgd().accuracy()), verdict, acc(t)));
            }
            out.add(String.format(Locale.ROOT, "Inputs with an exactly zero input gradient under the paper's clipped-softmax loss: %d before, %d after (of %d); with the stable loss on the logits: %d before, %d after.",
                    a.fgsmPaper().zeroGradientCount(), z.fgsmPaper().zeroGradientCount(), a.evaluated(),
                    a.fgsmStable().zeroGradientCount(), z.fgsmStable().zeroGradientCount()));
        }
        for (StrategyRun r : runs) {
            if (r.diagnostics() != null && r.diagnostics().overall() != Verdict.PASS) {
                List<String> flagged = r.diagnostics().checks().stream().filter(c -> c.verdict() != Verdict.PASS)
                        .map(c -> c.title() + " (" + c.verdict().id() + ")").toList();
                out.add("Diagnostics of the " + r.strategy().id() + " model: " + String.join(", ", flagged) + ".");
            }
        }
        if (runs.stream().allMatch(r -> r.diagnostics() != null && r.diagnostics().overall() == Verdict.PASS)) {
            out.add("Every final model passed the four gradient-masking checks.");
        }
        return out;
    }

    private void protocol(List<ReportBlock> b) {
        b.add(new ReportBlock.Heading(2, "Protocol"));
        ExperimentConfig paper = paperPreset();
        List<List<String>> rows = new ArrayList<>();
        List<String> deviations = new ArrayList<>();
        addSetting(rows, deviations, "model", base.model().preset().id(), paper == null ? null : paper.model().preset().id());
        addSetting(rows, deviations, "training images", limit(base.data().trainLimit(), "60,000"), paper == null ? null : limit(paper.data().trainLimit(), "60,000"));
        addSetting(rows, deviations, "test images", limit(base.data().testLimit(), "10,000"), paper == null ? null : limit(paper.data().testLimit(), "10,000"));
        addSetting(rows, deviations, "initial training epochs", base.training().epochs(), paper == null ? null : paper.training().epochs());
        addSetting(rows, deviations, "batch size", base.training().batchSize(), paper == null ? null : paper.training().batchSize());
        addSetting(rows, deviations, "FGSM epsilon", num(base.attack().epsilon()), paper == null ? null : num(paper.attack().epsilon()));
        addSetting(rows, deviations, "samples removed per iteration", base.unlearning().samplesPerIteration(), paper == null ? null : paper.unlearning().samplesPerIteration());
        addSetting(rows, deviations, "iteration budget", base.unlearning().maxIterations(), paper == null ? null : paper.unlearning().maxIterations());
        addSetting(rows, deviations, "threshold", base.unlearning().threshold() + " on " + base.unlearning().thresholdMetric().id(),
                paper == null ? null : paper.unlearning().threshold() + " on " + paper.unlearning().thresholdMetric().id());
        addSetting(rows, deviations, "retraining", base.unlearning().retrain().id() + ", " + base.unlearning().retrainEpochs() + " epoch(s)",
                paper == null ? null : paper.unlearning().retrain().id() + ", " + paper.unlearning().retrainEpochs() + " epoch(s)");
        addSetting(rows, deviations, "ranking pool", limit(base.unlearning().poolSize(), "training samples"), paper == null ? null : limit(paper.unlearning().poolSize(), "training samples"));
        addSetting(rows, deviations, "test images per iteration", limit(base.evaluation().iterationSubset(), "test images"), paper == null ? null : limit(paper.evaluation().iterationSubset(), "test images"));
        addSetting(rows, deviations, "seed", base.training().seed(), paper == null ? null : paper.training().seed());
        b.add(new ReportBlock.Table(List.of("setting", "this comparison", "`sample-configs/paper.json` (the paper's protocol)"), rows));
        if (deviations.isEmpty()) {
            b.add(new ReportBlock.Paragraph("This comparison follows the paper protocol as `sample-configs/paper.json` encodes it."));
        } else {
            b.add(new ReportBlock.Paragraph("**Reduced protocol.** This comparison differs from `sample-configs/paper.json` in: "
                    + String.join("; ", deviations) + ". Figures here describe this reduced protocol only."));
        }
        b.add(new ReportBlock.Paragraph("All strategies start from one model trained once (`" + StrategyComparison.BASE_MODEL
                + "`), remove or train with the same budget, and are evaluated on the same test images. FGSM-stable differentiates the cross-entropy of the logits "
                + "(log-sum-exp, never saturates); FGSM-paper differentiates the cross-entropy of clipped softmax probabilities, as Keras does, whose gradient is exactly zero on saturated inputs. "
                + "PGD: " + base.attack().pgdSteps() + " steps of " + num(base.attack().pgdStepSize())
                + (base.attack().pgdRandomStart() ? ", random start." : ", no random start.")));
    }

    private static void addSetting(List<List<String>> rows, List<String> deviations, String name, Object here, Object paper) {
        String h = String.valueOf(here);
        String p = paper == null ? "—" : String.valueOf(paper);
        rows.add(List.of(name, h, p));
        if (paper != null && !Objects.equals(h, p)) {
            deviations.add(name + " " + h + " instead of " + p);
        }
    }

    private void table1(List<ReportBlock> b) {
        b.add(new ReportBlock.Heading(2, "The paper's Table 1 beside the measured numbers"));
        StrategyRun lr = run(UnlearningStrategy.LOSS_RANKED);
        if (lr == null || lr.first() == null) {
            b.add(new ReportBlock.Paragraph("No loss-ranked run in this comparison, so there is nothing to set beside Table 1."));
            return;
        }
        IterationMetrics a = lr.first();
        IterationMetrics z = lr.last();
        IterationMetrics full = lr.fullTest();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("original model, clean test images", acc(PAPER_CLEAN_ACC) + " / " + loss(PAPER_CLEAN_LOSS),
                acc(a.clean().accuracy()) + " / " + loss(a.clean().meanLoss()), "", ""));
        rows.add(List.of("original model, FGSM images", acc(PAPER_ADV_ACC) + " / " + loss(PAPER_ADV_LOSS),
                acc(a.fgsmStable().accuracy()) + " / " + loss(a.fgsmStable().meanLoss()),
                acc(a.fgsmPaper().accuracy()) + " / " + loss(a.fgsmPaper().meanLoss()) + zeros(a.fgsmPaper().zeroGradientCount()),
                acc(a.pgd().accuracy()) + " / " + loss(a.pgd().meanLoss())));
        rows.add(List.of("updated model (after unlearning), FGSM images", acc(PAPER_UPDATED_ACC) + " / " + loss(PAPER_UPDATED_LOSS),
                acc(z.fgsmStable().accuracy()) + " / " + loss(z.fgsmStable().meanLoss()),
                acc(z.fgsmPaper().accuracy()) + " / " + loss(z.fgsmPaper().meanLoss()) + zeros(z.fgsmPaper().zeroGradientCount()),
                acc(z.pgd().accuracy()) + " / " + loss(z.pgd().meanLoss())));
        rows.add(List.of("updated model, clean test images", "—", acc(z.clean().accuracy()) + " / " + loss(z.clean().meanLoss()), "", ""));
        b.add(new ReportBlock.Table(List.of("accuracy / loss", "paper", "measured, FGSM-stable", "measured, FGSM-paper", "measured, PGD"), rows));
        b.add(new ReportBlock.Paragraph(String.format(Locale.ROOT, "Measured on the first %d test images, before unlearning (iteration 0) and after iteration %d. Losses are the cross-entropy of the logits on the attacked images. "
                + "\"zero\" counts inputs whose FGSM input gradient was exactly zero, which the attack therefore left unchanged.", a.evaluated(), z.iteration())
                + (full == null ? "" : String.format(Locale.ROOT, " On all %d test images the final model scores clean %s, FGSM-stable %s, FGSM-paper %s (zero gradient %d), PGD %s.",
                full.evaluated(), acc(full.clean().accuracy()), acc(full.fgsmStable().accuracy()), acc(full.fgsmPaper().accuracy()),
                full.fgsmPaper().zeroGradientCount(), acc(full.pgd().accuracy())))));
    }

    private void diagnostics(List<ReportBlock> b) {
        b.add(new ReportBlock.Heading(2, "Is the robustness real? Diagnostics"));
        b.add(new ReportBlock.Paragraph("Four checks on each model, on the first test images: zero input gradients (inputs FGSM cannot move), "
                + "PGD at least as strong as FGSM, accuracy falling toward chance as eps grows to 0.5, and examples crafted on a separately trained clean model "
                + "(a transfer attack) being weaker than the model's own white-box attacks. A warning means the difference is within the sampling error."));
        List<DiagnosticsReport> reports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (baseDiagnostics != null) {
            reports.add(baseDiagnostics);
            names.add("starting model");
        }
        for (StrategyRun r : runs) {
            if (r.diagnostics() != null) {
                reports.add(r.diagnostics());
                names.add(r.strategy().id());
            }
        }
        if (reports.isEmpty()) {
            b.add(new ReportBlock.Paragraph("No diagnostics were recorded for this comparison (it ran with diagnostics off)."));
            return;
        }
        List<String> header = new ArrayList<>(List.of("model", "clean", "FGSM-stable", "FGSM-paper (zero)", "PGD", "transfer"));
        for (DiagnosticCheck c : reports.get(0).checks()) {
            header.add(c.title());
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            DiagnosticsReport d = reports.get(i);
            List<String> row = new ArrayList<>(List.of(names.get(i), acc(d.clean().accuracy()), acc(d.fgsmStable().accuracy()),
                    acc(d.fgsmPaper().accuracy()) + " (" + d.fgsmPaper().zeroGradientCount() + ")", acc(d.pgd().accuracy()),
                    d.transfer() == null ? "—" : acc(d.transfer().accuracy())));
            for (DiagnosticCheck c : d.checks()) {
                row.add("**" + c.verdict().name() + "**");
            }
            rows.add(row);
        }
        b.add(new ReportBlock.Table(header, rows));
        DiagnosticsReport first = reports.get(0);
        b.add(new ReportBlock.Paragraph(String.format(Locale.ROOT, "Evaluated on %d test images at eps %s; transfer examples crafted with FGSM on %s.",
                first.evaluated(), num(first.epsilon()), first.surrogate() == null ? "no surrogate" : first.surrogate())));
        for (int i = 0; i < reports.size(); i++) {
            List<String> lines = new ArrayList<>();
            for (DiagnosticCheck c : reports.get(i).checks()) {
                lines.add("**" + c.verdict().name() + "** " + c.title() + ": " + c.explanation());
            }
            b.add(new ReportBlock.Paragraph("**" + names.get(i) + "**"));
            b.add(new ReportBlock.Bullets(lines));
        }
        SvgLineChart pgd = new SvgLineChart("PGD accuracy vs epsilon", "epsilon (L-infinity)", "accuracy").chance(0.1);
        SvgLineChart fgsm = new SvgLineChart("FGSM-stable accuracy vs epsilon", "epsilon (L-infinity)", "accuracy").chance(0.1);
        for (int i = 0; i < reports.size(); i++) {
            List<SweepPoint> sweep = reports.get(i).sweep();
            double[] x = sweep.stream().mapToDouble(SweepPoint::epsilon).toArray();
            pgd.add(names.get(i), x, sweep.stream().mapToDouble(SweepPoint::pgd).toArray());
            fgsm.add(names.get(i), x, sweep.stream().mapToDouble(SweepPoint::fgsmStable).toArray());
        }
        b.add(chart("sweep-pgd", pgd, "Epsilon sweep, PGD: a robust model's curve still falls toward chance (0.1) by eps 0.5."));
        b.add(chart("sweep-fgsm-stable", fgsm, "Epsilon sweep, FGSM with the stable loss."));
    }

    private void comparison(List<ReportBlock> b) {
        b.add(new ReportBlock.Heading(2, "Strategy comparison"));
        b.add(new ReportBlock.Paragraph("Iteration 0 is the shared starting model; each later point is one iteration of removal (or adversarial or extra training) and retraining, evaluated on the same test subset."));
        List<List<String>> rows = new ArrayList<>();
        for (StrategyRun r : runs) {
            IterationMetrics z = r.last();
            if (z == null) {
                continue;
            }
            rows.add(List.of(r.strategy().label(), String.valueOf(z.iteration()), String.valueOf(z.removedTotal()),
                    String.valueOf(z.trainSize()), acc(z.clean().accuracy()),
                    acc(z.fgsmStable().accuracy()) + " (" + z.fgsmStable().zeroGradientCount() + ")",
                    acc(z.fgsmPaper().accuracy()) + " (" + z.fgsmPaper().zeroGradientCount() + ")",
                    acc(z.pgd().accuracy()), r.summary().status().id() + (r.summary().message() == null ? "" : ", " + r.summary().message())));
        }
        b.add(new ReportBlock.Table(List.of("strategy", "iterations", "removed", "training set", "clean", "FGSM-stable (zero)",
                "FGSM-paper (zero)", "PGD", "status"), rows));
        addIterationChart(b, "clean", "Clean accuracy", m -> m.clean().accuracy());
        addIterationChart(b, "fgsm-stable", "FGSM accuracy, stable loss", m -> m.fgsmStable().accuracy());
        addIterationChart(b, "fgsm-paper", "FGSM accuracy, paper's clipped-softmax loss", m -> m.fgsmPaper().accuracy());
        addIterationChart(b, "pgd", "PGD accuracy", m -> m.pgd().accuracy());
        addIterationChart(b, "zero-gradient-paper", "Share of inputs with zero gradient (paper loss)",
                m -> m.fgsmPaper().zeroGradientShare());
    }

    private void addIterationChart(List<ReportBlock> b, String id, String title, ToDoubleFunction<IterationMetrics> metric) {
        SvgLineChart c = new SvgLineChart(title, "iteration", id.startsWith("zero") ? "share of inputs" : "accuracy").integerX();
        for (StrategyRun r : runs) {
            List<IterationMetrics> rows = r.loopRows();
            c.add(r.strategy().id(), rows.stream().mapToDouble(IterationMetrics::iteration).toArray(),
                    rows.stream().mapToDouble(metric).toArray());
        }
        b.add(chart("iterations-" + id, c, title + " across iterations, per strategy."));
    }

    private ReportBlock chart(String name, SvgLineChart c, String caption) {
        return new ReportBlock.Chart("charts/" + name + ".svg", c.render(), caption);
    }

    private List<String> limits() {
        List<String> out = new ArrayList<>();
        IterationMetrics any = runs.get(0).first();
        int n = any == null ? 0 : any.evaluated();
        out.add(String.format(Locale.ROOT, "One seed (%d) and %d test images per iteration: differences below about ±%s (two standard errors at 50%% accuracy) are not evidence of an effect.",
                base.training().seed(), n, acc(tolerance(0.5, Math.max(1, n)))));
        ExperimentConfig paper = paperPreset();
        if (paper != null && (paper.data().trainLimit() != base.data().trainLimit() || paper.training().epochs() != base.training().epochs()
                || paper.model().preset() != base.model().preset() || paper.unlearning().maxIterations() != base.unlearning().maxIterations())) {
            out.add("This is not the paper's full protocol (see Protocol): it says what happens under these settings, not what the full protocol would give.");
        }
        out.add("A rise in FGSM accuracy counts as robustness only if PGD, the epsilon sweep and the transfer attack agree; where they disagree, the diagnostics above say which way.");
        out.add("The paper's numbers are quoted, not re-derived: its exact training schedule, preprocessing and which FGSM loss it differentiated are not all stated, so a gap can come from those choices as well as from the method.");
        StrategyRun lr = run(UnlearningStrategy.LOSS_RANKED);
        if (lr != null && lr.last() != null && lr.first() != null
                && lr.last().fgsmPaper().zeroGradientCount() > lr.first().fgsmPaper().zeroGradientCount()) {
            out.add("The number of inputs the paper's loss cannot attack grew during unlearning: with that loss, part of any measured gain is inputs the attack never moved.");
        }
        return out;
    }

    static ExperimentConfig paperPreset() {
        try (InputStream in = ReproductionReport.class.getResourceAsStream(PAPER_PRESET)) {
            return in == null ? null : ConfigFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "paper.json");
        } catch (IOException | ConfigException e) {
            return null;
        }
    }

    static double tolerance(double p, int n) {
        return 2 * Math.sqrt(p * (1 - p) / Math.max(1, n));
    }

    private static String change(double delta, double tol) {
        String t = "±" + acc(tol);
        return Math.abs(delta) <= tol ? "no change beyond the sampling error (" + t + ")"
                : (delta > 0 ? "a rise" : "a fall") + " larger than the sampling error (" + t + ")";
    }

    /** A data limit as a reader would say it. */
    static String limit(int n, String all) {
        return n <= 0 ? "all " + all : String.format(Locale.ROOT, "%,d", n);
    }

    static String acc(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String loss(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String zeros(int n) {
        return n == 0 ? "" : " (zero " + n + ")";
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
