package org.unlearnlab.engine.report;

import java.util.List;

/**
 * The parts a report is made of, rendered alike to Markdown and HTML. Text is plain, with `backticks`
 * marking code.
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

    /** @param fileName the SVG's name beside the Markdown file; HTML embeds the SVG itself */
    record Chart(String fileName, String svg, String caption) implements ReportBlock {
    }

    record Code(String text) implements ReportBlock {
    }
}
