package org.unlearnlab.engine.report;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.files.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a report folder's {@code report.md} into one self-contained {@code report.html}: the Markdown through
 * CommonMark (with GFM tables) into the page template, each linked {@code charts/*.svg} inlined. The Markdown is the
 * report's one source; the page is always derived from it, so the two cannot say different things.
 */
public final class ReportHtml {
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private static final String TEMPLATE = "report-page.html";
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    /** A link with a scheme (https:, file:) or from the root: not a chart of this folder. */
    private static final Pattern EXTERNAL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:|/");
    private static final Set<String> VERDICTS = Set.copyOf(Arrays.stream(Verdict.values()).map(Enum::name).toList());

    /** **PASS**, **WARN** and **FAIL** get their colour from the template's classes of the same names. */
    private static final AttributeProvider VERDICT_CLASSES = (node, tag, attributes) -> {
        if (node instanceof StrongEmphasis && node.getFirstChild() instanceof Text t && t.getNext() == null
                && VERDICTS.contains(t.getLiteral())) {
            attributes.put("class", t.getLiteral().toLowerCase(Locale.ROOT));
        }
    };

    private ReportHtml() {
    }

    /**
     * Writes {@code folder/report.html} from {@code folder/report.md} and the SVG files it links.
     *
     * @return the HTML file
     * @throws IOException when the Markdown is missing or links a chart that is not in the folder
     */
    public static Path write(Path folder) throws IOException {
        Path md = folder.resolve(MARKDOWN);
        if (!Files.isRegularFile(md)) {
            throw new IOException(folder + ": no " + MARKDOWN + " to render");
        }
        Path html = folder.resolve(HTML);
        AtomicFiles.writeString(html, render(Files.readString(md, StandardCharsets.UTF_8), folder));
        return html;
    }

    /** The page for {@code markdown}, whose relative SVG links are read from {@code folder}. */
    static String render(String markdown, Path folder) throws IOException {
        Node document = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        inlineCharts(document, folder);
        // escapeHtml: text from a config or an error message is shown as written, never taken as markup.
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
                .nodeRendererFactory(ChartRenderer::new)
                .attributeProviderFactory(context -> VERDICT_CLASSES)
                .build().render(document);
        String page = template();
        int at = page.indexOf("{{body}}");
        return page.substring(0, at).replace("{{title}}", SvgLineChart.esc(title(document))) + body
                + page.substring(at + "{{body}}".length());
    }

    private static String template() {
        try (InputStream in = ReportHtml.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String title(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 1) {
                return plainText(h);
            }
        }
        return "UnlearnLab report";
    }

    private static String plainText(Node node) {
        StringBuilder b = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                b.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                b.append(code.getLiteral());
            }

            @Override
            public void visit(HtmlInline html) {
                // Shown as text on the page (escapeHtml), so the title shows it too.
                b.append(html.getLiteral());
            }
        });
        return b.toString();
    }

    /**
     * Replaces each image that links an SVG file of the folder by that SVG, so the page needs no files beside it.
     * A chart paragraph followed by an emphasised caption paragraph (how {@link ReportMarkdown} writes a chart)
     * becomes one figure with that caption.
     */
    private static void inlineCharts(Node document, Path folder) throws IOException {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        for (Image image : images) {
            String link = image.getDestination();
            if (!link.toLowerCase(Locale.ROOT).endsWith(".svg") || EXTERNAL.matcher(link).lookingAt()) {
                continue;
            }
            String svg = readSvg(folder, link);
            Node paragraph = image.getParent();
            Node caption = paragraph.getNext();
            if (paragraph instanceof Paragraph && image.getPrevious() == null && image.getNext() == null
                    && caption instanceof Paragraph && caption.getFirstChild() instanceof Emphasis emphasis
                    && emphasis.getNext() == null) {
                ChartFigure figure = new ChartFigure(svg);
                for (Node n = emphasis.getFirstChild(); n != null; ) {
                    Node next = n.getNext();
                    figure.appendChild(n);
                    n = next;
                }
                paragraph.insertBefore(figure);
                paragraph.unlink();
                caption.unlink();
            } else {
                image.insertBefore(new ChartImage(svg));
                image.unlink();
            }
        }
    }

    private static String readSvg(Path folder, String link) throws IOException {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(link).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            throw new IOException(folder.resolve(MARKDOWN) + " links " + link + ", which is not a file in " + folder);
        }
        String svg = Files.readString(file, StandardCharsets.UTF_8).strip();
        // An XML declaration is allowed at the top of an .svg file but not inside an HTML page.
        return svg.startsWith("<?xml") ? svg.substring(svg.indexOf("?>") + 2).strip() : svg;
    }

    /** A chart with its caption. */
    private static final class ChartFigure extends CustomBlock {
        final String svg;

        ChartFigure(String svg) {
            this.svg = svg;
        }
    }

    /** A chart standing in text, without a caption. */
    private static final class ChartImage extends CustomNode {
        final String svg;

        ChartImage(String svg) {
            this.svg = svg;
        }
    }

    private static final class ChartRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        ChartRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(ChartFigure.class, ChartImage.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof ChartImage image) {
                context.getWriter().raw(image.svg);
                return;
            }
            ChartFigure figure = (ChartFigure) node;
            context.getWriter().line();
            context.getWriter().raw("<figure>\n" + figure.svg + "\n<figcaption>");
            for (Node n = figure.getFirstChild(); n != null; n = n.getNext()) {
                context.render(n);
            }
            context.getWriter().raw("</figcaption>\n</figure>");
            context.getWriter().line();
        }
    }
}
