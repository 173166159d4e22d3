package org.unlearnlab.engine.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes report blocks as Markdown (charts as links to the SVG files beside it). This Markdown is the report's one
 * source: {@link ReportHtml} renders the HTML page from it, never from the blocks.
 */
final class ReportMarkdown {
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private ReportMarkdown() {
    }

    static String markdown(List<ReportBlock> blocks) {
        StringBuilder b = new StringBuilder();
        for (ReportBlock block : blocks) {
            if (block instanceof ReportBlock.Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(text(h.text())).append("\n\n");
            } else if (block instanceof ReportBlock.Paragraph p) {
                b.append(text(p.text())).append("\n\n");
            } else if (block instanceof ReportBlock.Bullets l) {
                for (String item : l.items()) {
                    b.append("- ").append(text(item)).append('\n');
                }
                b.append('\n');
            } else if (block instanceof ReportBlock.Table t) {
                b.append(row(t.header()));
                b.append("|").append("---|".repeat(t.header().size())).append('\n');
                for (List<String> r : t.rows()) {
                    b.append(row(r));
                }
                b.append('\n');
            } else if (block instanceof ReportBlock.Chart c) {
                b.append("![").append(c.caption()).append("](").append(c.fileName()).append(")\n\n")
                        .append('*').append(c.caption()).append("*\n\n");
            } else if (block instanceof ReportBlock.Code c) {
                String fence = fence(c.text());
                b.append(fence).append('\n').append(c.text().strip()).append('\n').append(fence).append("\n\n");
            }
        }
        return b.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            // A line break would end the table row, a bare | would split the cell.
            b.append(' ').append(text(c.replace('\n', ' ')).replace("|", "\\|")).append(" |");
        }
        return b.append('\n').toString();
    }

    /**
     * Backslash-escapes the characters that would turn report text (config names, folder names, error messages)
     * into HTML in a Markdown viewer, outside `code spans`, where they are literal already. **Bold** stays markup.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder();
        Matcher m = CODE_SPAN.matcher(s);
        int at = 0;
        while (m.find()) {
            b.append(escapeHtmlChars(s.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return b.append(escapeHtmlChars(s.substring(at))).toString();
    }

    private static String escapeHtmlChars(String s) {
        return s.replace("&", "\\&").replace("<", "\\<").replace(">", "\\>");
    }

    /** A code fence longer than any run of backticks in the code, so that the code cannot close it. */
    private static String fence(String code) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(code);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
