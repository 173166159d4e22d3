package org.unlearnlab.engine.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html is rendered from report.md: every heading and table row of the Markdown is on the page, every linked
 * chart is inlined, and text from configs or error messages stays text.
 */
class ReportHtmlTest {
    private static final String NAME = "<script>alert(1)</script> & <b>bold</b>";
    private static final Pattern MD_HEADING = Pattern.compile("(#{1,6}) (.*)");
    private static final Pattern MD_SEPARATOR = Pattern.compile("\\|(-+\\|)+");
    private static final Pattern HTML_HEADING = Pattern.compile("<h([1-6])>(.*?)</h\\1>", Pattern.DOTALL);
    private static final Pattern HTML_ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern HTML_CELL = Pattern.compile("<t([hd])>(.*?)</t\\1>", Pattern.DOTALL);
    private static final Pattern MD_LINK = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)");

    @Test
    void theBlocksMarkdownBecomesThePageWithChartsInlinedAndTextEscaped(@TempDir Path dir) throws IOException {
        SvgLineChart chart = new SvgLineChart("PGD <accuracy>", "iteration", "accuracy").integerX()
                .add(NAME, new double[]{0, 1, 2}, new double[]{0.5, 0.6, 0.7});
        List<ReportBlock> blocks = List.of(
                new ReportBlock.Heading(1, "UnlearnLab reproduction report: " + NAME),
                new ReportBlock.Paragraph("From `compare-<x>`, **Reduced protocol.** a < b && c > d"),
                new ReportBlock.Heading(2, "Diagnostics of " + NAME),
                new ReportBlock.Bullets(List.of("**PASS** zero gradients: none", "**FAIL** of " + NAME)),
                new ReportBlock.Table(List.of("model", "status", "`code|cell`"), List.of(
                        List.of(NAME, "failed, java.lang.Foo.<init> threw", "**WARN**"),
                        List.of("a|b", "line\nbreak", "`x<y`"))),
                new ReportBlock.Chart("charts/one.svg", chart.render(), "First chart."),
                new ReportBlock.Chart("charts/two.svg", chart.render().replace("PGD", "FGSM"), "Second chart."),
                new ReportBlock.Code("{\"name\": \"" + NAME + "\", \"fence\": \"```\"}"));
        Files.createDirectories(dir.resolve("charts"));
        for (ReportBlock b : blocks) {
            if (b instanceof ReportBlock.Chart c) {
                Files.writeString(dir.resolve(c.fileName()), c.svg());
            }
        }
        Files.writeString(dir.resolve(ReportHtml.MARKDOWN), ReportMarkdown.markdown(blocks));
        String html = Files.readString(ReportHtml.write(dir));

        assertMarkdownIsOnThePage(dir, html);
        assertEquals(3, tableRows(html).size(), "the header and two rows");
        assertFalse(html.contains("<script>") || html.contains("<b>") || html.contains("<init>")
                || html.contains("<x>"), html);
        assertTrue(html.contains("<title>UnlearnLab reproduction report: &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                + "&lt;b&gt;bold&lt;/b&gt;</title>"), html);
        assertTrue(html.contains("<h1>UnlearnLab reproduction report: &lt;script&gt;"), html);
        assertTrue(html.contains("a &lt; b &amp;&amp; c &gt; d"), html);
        assertTrue(html.contains("<code>compare-&lt;x&gt;</code>"), html);
        assertTrue(html.contains("<strong class=\"pass\">PASS</strong>"), html);
        assertTrue(html.contains("<strong class=\"warn\">WARN</strong>"), html);
        assertTrue(html.contains("<strong>Reduced protocol.</strong>"), html);
        assertTrue(html.contains("<figcaption>First chart.</figcaption>"), html);
        assertTrue(html.contains("&quot;fence&quot;: &quot;```&quot;}\n</code></pre>"),
                "the code block holds its fence");
        assertFalse(html.contains("<img"), "no chart left as a link to a file beside the page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classroom", "paper-reduced"})
    void theCommittedReportsRenderCompletely(String name) throws IOException {
        Path folder = Path.of("docs", "reports", name);
        String html = ReportHtml.render(Files.readString(folder.resolve(ReportHtml.MARKDOWN)), folder);
        assertMarkdownIsOnThePage(folder, html);
        assertTrue(html.contains("<h1>UnlearnLab reproduction report: " + name + "</h1>"), "the heading");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<title>UnlearnLab reproduction report: "
                + name + "</title>") && html.contains("<style>"), "the page template");
    }

    @Test
    void aChartTheMarkdownLinksButTheFolderLacksIsNamed(@TempDir Path dir) throws IOException {
        Path report = Files.createDirectory(dir.resolve("report"));
        Files.writeString(report.resolve(ReportHtml.MARKDOWN), "# r\n\n![c](charts/gone.svg)\n\n*c*\n");
        IOException e = assertThrows(IOException.class, () -> ReportHtml.write(report));
        assertEquals(report.resolve(ReportHtml.MARKDOWN) + " links charts/gone.svg, which is not a file in " + report,
                e.getMessage());
        assertFalse(Files.exists(report.resolve(ReportHtml.HTML)));

        Files.writeString(report.resolve(ReportHtml.MARKDOWN), "# r\n\n![c](../outside.svg)\n");
        Files.writeString(dir.resolve("outside.svg"), "<svg/>");
        e = assertThrows(IOException.class, () -> ReportHtml.write(report),
                "only the folder's own files are inlined");
        assertTrue(e.getMessage().contains("../outside.svg"), e.getMessage());
    }

    @Test
    void htmlWrittenIntoAHandEditedMarkdownStaysText(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ReportHtml.MARKDOWN),
                "# A <i>title</i>\n\n<div onclick=\"x()\">block</div>\n\nan <img src=x onerror=y()> inline\n");
        String html = Files.readString(ReportHtml.write(dir));
        assertFalse(html.contains("<div") || html.contains("<img") || html.contains("<i>"), html);
        assertTrue(html.contains("<title>A &lt;i&gt;title&lt;/i&gt;</title>"), "the title as the heading shows it");
    }

    @Test
    void aFolderWithoutMarkdownIsRefused(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ReportHtml.write(dir));
        assertEquals(dir + ": no report.md to render", e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------------------

    /** Headings and table rows of the Markdown, in order, are the page's; each linked SVG is in it whole. */
    private static void assertMarkdownIsOnThePage(Path folder, String html) throws IOException {
        String md = Files.readString(folder.resolve(ReportHtml.MARKDOWN));
        List<String> mdHeadings = new ArrayList<>();
        List<List<String>> mdRows = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        boolean inCode = false;
        for (String line : md.lines().toList()) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher h = MD_HEADING.matcher(line);
            Matcher link = MD_LINK.matcher(line);
            if (inCode) {
                continue;
            } else if (h.matches()) {
                mdHeadings.add(h.group(1).length() + " " + plainMarkdown(h.group(2)));
            } else if (line.startsWith("|") && !MD_SEPARATOR.matcher(line).matches()) {
                List<String> cells = new ArrayList<>();
                for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
                    cells.add(plainMarkdown(c.strip().replace("\\|", "|")));
                }
                mdRows.add(cells);
            } else if (link.find()) {
                charts.add(link.group(1));
            }
        }
        List<String> htmlHeadings = new ArrayList<>();
        Matcher h = HTML_HEADING.matcher(html);
        while (h.find()) {
            htmlHeadings.add(h.group(1) + " " + plainHtml(h.group(2)));
        }
        assertFalse(mdHeadings.isEmpty());
        assertEquals(mdHeadings, htmlHeadings);
        assertFalse(mdRows.isEmpty());
        assertEquals(mdRows, tableRows(html));
        assertFalse(charts.isEmpty());
        for (String chart : charts) {
            assertTrue(html.contains(Files.readString(folder.resolve(chart)).strip()), chart + " is inlined");
        }
        assertEquals(charts.size(), html.split("<svg ", -1).length - 1, "one inlined SVG per linked chart");
    }

    private static List<List<String>> tableRows(String html) {
        List<List<String>> rows = new ArrayList<>();
        Matcher r = HTML_ROW.matcher(html);
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = HTML_CELL.matcher(r.group(1));
            while (c.find()) {
                cells.add(plainHtml(c.group(2)));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** What a reader sees of Markdown text: no code ticks, no bold stars, no escaping backslashes. */
    private static String plainMarkdown(String s) {
        return s.replace("`", "").replace("**", "").replaceAll("\\\\([!-/:-@\\[-`{-~])", "$1");
    }

    /** What a reader sees of HTML text: no tags, entities decoded. */
    private static String plainHtml(String s) {
        return s.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&").strip();
    }
}
