package org.unlearnlab.cli;

import org.unlearnlab.engine.report.ReproductionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the reproduction report (report.html with charts embedded, report.md with charts/*.svg) "
                + "of a comparison folder made by 'compare'.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "comparison folder (from the compare command)")
    Path from;

    @Option(names = "--out", required = true, description = "folder to write the report into")
    Path out;

    @Override
    public Integer call() throws Exception {
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
        System.out.println("written: " + html + ", " + out.resolve("report.md"));
        return 0;
    }
}
