package org.unlearnlab.engine.report;

import java.util.List;

/**
 * The parts a report is made of, written as Markdown by {@link ReportMarkdown}. Text is plain, with `backticks`
 * marking code and **asterisks** bold; any other character is shown as written.
 */
sealed interface ReportBlock {

    record Heading(int level, String text) implements ReportBlock {
    }

    record Paragraph(String text) implements ReportBlock {
    }

    record Bullets(List<String> items) implements ReportBlock {
    }

    record Table(List<String> header, List<List<String>> rows) implements ReportBlock {
    }

    /** @param fileName the SVG's name beside the Markdown file; the HTML page embeds that file */
    record Chart(String fileName, String svg, String caption) implements ReportBlock {
    }

    record Code(String text) implements ReportBlock {
    }
}
