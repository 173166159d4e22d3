package org.unlearnlab.cli;

import org.unlearnlab.engine.report.ReportHtml;
import org.unlearnlab.engine.report.ReproductionReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the reproduction report (report.md with charts/*.svg, and report.html rendered from them "
                + "with the charts embedded) of a comparison folder made by 'compare'; or, with --render, render "
                + "report.html again from a report folder's report.md.")
final class ReportCommand implements Callable<Integer> {

    /** Either a comparison to report on, or a report folder to render. */
    static final class Mode {
        @ArgGroup(exclusive = false)
        FromComparison comparison;

        @Option(names = "--render", required = true, paramLabel = "FOLDER",
                description = "report folder whose report.md (and charts/) to render into report.html")
        Path render;
    }

    static final class FromComparison {
        @Option(names = "--from", required = true, description = "comparison folder (from the compare command)")
        Path from;

        @Option(names = "--out", required = true, description = "folder to write the report into")
        Path out;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        if (mode.render != null) {
            try {
                System.out.println("written: " + ReportHtml.write(mode.render));
            } catch (IOException e) {
                throw new CliErrors.BadInput(e.getMessage());
            }
            return 0;
        }
        Path from = mode.comparison.from;
        Path out = mode.comparison.out;
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
}
