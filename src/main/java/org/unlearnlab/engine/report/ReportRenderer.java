package org.unlearnlab.engine.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders report blocks to Markdown (charts as SVG files beside it) or to one self-contained HTML page. */
final class ReportRenderer {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ReportRenderer() {
    }

    static String markdown(List<ReportBlock> blocks) {
        StringBuilder b = new StringBuilder();
        for (ReportBlock block : blocks) {
            if (block instanceof ReportBlock.Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof ReportBlock.Paragraph p) {
                b.append(p.text()).append("\n\n");
            } else if (block instanceof ReportBlock.Bullets l) {
                for (String item : l.items()) {
                    b.append("- ").append(item).append('\n');
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
                b.append("```\n").append(c.text().strip()).append("\n```\n\n");
            }
        }
        return b.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return b.append('\n').toString();
    }

    static String html(String title, List<ReportBlock> blocks) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgLineChart.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
                .append("table{border-collapse:collapse;margin:0.8em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}\n")
                .append("th{background:#f3f3f3}code,pre{background:#f6f6f6;font-family:monospace}pre{padding:0.8em;overflow-x:auto}\n")
                .append("figure{margin:1em 0}figcaption{color:#555;font-size:0.9em}\n")
                .append(".pass{color:#1a7f37;font-weight:bold}.warn{color:#9a6700;font-weight:bold}.fail{color:#cf222e;font-weight:bold}\n")
                .append("</style>\n</head>\n<body>\n");
        for (ReportBlock block : blocks) {
            if (block instanceof ReportBlock.Heading h) {
                b.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof ReportBlock.Paragraph p) {
                b.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof ReportBlock.Bullets l) {
                b.append("<ul>\n");
                for (String item : l.items()) {
                    b.append("<li>").append(inline(item)).append("</li>\n");
                }
                b.append("</ul>\n");
            } else if (block instanceof ReportBlock.Table t) {
                b.append("<table>\n<tr>");
                for (String h : t.header()) {
                    b.append("<th>").append(inline(h)).append("</th>");
                }
                b.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    b.append("<tr>");
                    for (String c : r) {
                        b.append("<td>").append(inline(c)).append("</td>");
                    }
                    b.append("</tr>\n");
                }
                b.append("</table>\n");
            } else if (block instanceof ReportBlock.Chart c) {
                b.append("<figure>\n").append(c.svg()).append("<figcaption>").append(inline(c.caption()))
                        .append("</figcaption>\n</figure>\n");
            } else if (block instanceof ReportBlock.Code c) {
                b.append("<pre><code>").append(SvgLineChart.esc(c.text().strip())).append("</code></pre>\n");
            }
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /** Escapes, turns `code` into code elements and **verdicts** into coloured words. */
    private static String inline(String text) {
        Matcher m = CODE.matcher(SvgLineChart.esc(text));
        return m.replaceAll("<code>$1</code>")
                .replace("**PASS**", "<span class=\"pass\">PASS</span>")
                .replace("**WARN**", "<span class=\"warn\">WARN</span>")
                .replace("**FAIL**", "<span class=\"fail\">FAIL</span>")
                .replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
    }
}
