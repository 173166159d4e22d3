package org.unlearnlab.cli;

import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.report.ForgetSideBySide;
import org.unlearnlab.engine.report.ProtocolReport;
import org.unlearnlab.engine.report.ReportHtml;
import org.unlearnlab.engine.report.ReproductionReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a report (report.md with charts/*.svg, and report.html rendered from them with the charts "
                + "embedded): the reproduction report of a comparison folder made by 'compare' (--from), or the "
                + "iteration-by-iteration report of runs of the paper's protocol (--run, repeated), with C&W measured "
                + "on the model each iteration kept (forget run folders: one table of the methods side by side, "
                + "with their accuracy, time, distance to the gold model and audit AUCs); or, with --render, render "
                + "report.html again from a report folder's report.md."})
final class ReportCommand implements Callable<Integer> {

    /** What to report on: a comparison, protocol runs, or a report folder to render. */
    static final class Mode {
        @Option(names = "--from", required = true, description = "comparison folder (from the compare command)")
        Path from;

        @Option(names = "--run", required = true, paramLabel = "LABEL=FOLDER",
                description = "a run folder to report iteration by iteration, named LABEL in tables and charts; "
                        + "repeat for several runs (a comparison's strategy folders work too); forget run folders "
                        + "are placed side by side")
        List<String> runs;

        @Option(names = "--render", required = true, paramLabel = "FOLDER",
                description = "report folder whose report.md (and charts/) to render into report.html")
        Path render;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--out", description = "folder to write the report into (with --from or --run)")
    Path out;

    @Option(names = "--cw-subset", description = "with --run: test images attacked with C&W for every kept "
            + "iteration model (0 = no C&W; default ${DEFAULT-VALUE}); results are kept in the report folder")
    int cwSubset = 100;

    @Override
    public Integer call() throws Exception {
        if (mode.render != null) {
            if (out != null) {
                throw new CliErrors.BadInput("--out does not apply to --render: the report is rendered in its folder");
            }
            try {
                System.out.println("written: " + ReportHtml.write(mode.render));
            } catch (IOException e) {
                throw new CliErrors.BadInput(e.getMessage());
            }
            return 0;
        }
        if (out == null) {
            throw new CliErrors.BadInput("--out is required with " + (mode.from != null ? "--from" : "--run"));
        }
        return mode.from != null ? comparison(mode.from) : protocol(mode.runs);
    }

    private int comparison(Path from) {
        if (!Files.isRegularFile(from.resolve("comparison.json"))) {
            throw new CliErrors.BadInput(from + ": not a comparison folder (no comparison.json); make one with 'compare'");
        }
        String command = "java -jar target/unlearnlab.jar report --from " + from + " --out " + out;
        Path html;
        try {
            html = ReproductionReport.write(from, out, command);
        } catch (IOException e) {
            throw new CliErrors.BadInput(e.getMessage());
        }
        System.out.println("written: " + out.resolve(ReportHtml.MARKDOWN) + ", " + html);
        return 0;
    }

    private int protocol(List<String> specs) throws IOException {
        if (cwSubset < 0) {
            throw new CliErrors.BadInput("--cw-subset must be >= 0 (0 = no C&W)");
        }
        List<ProtocolReport.Labelled> runs = new ArrayList<>();
        StringBuilder command = new StringBuilder("java -jar target/unlearnlab.jar report");
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new CliErrors.BadInput("--run " + spec + ": expected LABEL=FOLDER, e.g. --run lenet5=runs/a");
            }
            Path folder = Path.of(spec.substring(eq + 1));
            if (!Files.isRegularFile(folder.resolve("summary.json"))) {
                throw new CliErrors.BadInput(folder + ": not a run folder (no summary.json)");
            }
            runs.add(new ProtocolReport.Labelled(spec.substring(0, eq), folder));
            command.append(" --run ").append(spec);
        }
        long forgetRuns = runs.stream().filter(r -> ForgetSideBySide.isForgetRun(r.folder())).count();
        if (forgetRuns > 0) {
            if (forgetRuns < runs.size()) {
                throw new CliErrors.BadInput("--run: " + forgetRuns + " of the " + runs.size() + " folders are forget "
                        + "runs (forget-result.json); report forget runs and runs of the paper's loop separately");
            }
            command.append(" --out ").append(out);
            try {
                Path html = ForgetSideBySide.write(runs, out, command.toString());
                System.out.println("written: " + out.resolve(ReportHtml.MARKDOWN) + ", " + html);
            } catch (IOException e) {
                throw new CliErrors.BadInput(e.getMessage());
            }
            return 0;
        }
        command.append(" --out ").append(out).append(" --cw-subset ").append(cwSubset);
        Path html;
        try {
            html = ProtocolReport.write(runs, out, cwSubset, command.toString(), new ExperimentListener() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }
            }, Interrupts.cancelOnCtrlC());
        } catch (IOException e) {
            throw new CliErrors.BadInput(e.getMessage());
        }
        System.out.println("written: " + out.resolve(ReportHtml.MARKDOWN) + ", " + html);
        return 0;
    }
}
