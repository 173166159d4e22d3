package org.unlearnlab.app.common.charts;

import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.app.common.digits.ImageExport;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.report.SvgLineChart;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every chart's "Export as SVG…" and "Export as PNG (2x)…", installed once per chart as its context menu. The SVG
 * is the chart's series redrawn by the reports' {@link SvgLineChart} (one SVG writer in the project; a vector file
 * a teacher can scale onto a slide), the PNG a snapshot of the chart and its legend at twice the on-screen size.
 */
public final class ChartExport {
    /** The PNG export's scale: sharp on a projector or a printed page. */
    public static final double PNG_SCALE = 2;

    private final XYChart<?, ?> chart;
    private final Node figure;
    private final String fileStem;
    private final Supplier<String> title;
    private Consumer<String> status;
    private ContextMenu menu;

    private ChartExport(XYChart<?, ?> chart, Node figure, String fileStem, Supplier<String> title) {
        this.chart = chart;
        this.figure = figure;
        this.fileStem = fileStem;
        this.title = title;
    }

    /**
     * Gives {@code chart} the export context menu.
     *
     * @param figure   what the PNG shows: the chart, or a box holding it with its legend
     * @param fileStem the file name the chooser proposes, without extension ("accuracy-vs-epsilon")
     * @param title    the SVG's title, read when exporting (charts whose title changes with a choice)
     * @param extra    further entries after the two exports (a table's CSV)
     */
    public static ChartExport install(XYChart<?, ?> chart, Node figure, String fileStem, Supplier<String> title,
                                      MenuItem... extra) {
        ChartExport export = new ChartExport(chart, figure, fileStem, title);
        MenuItem svg = new MenuItem("Export as SVG…");
        svg.setOnAction(e -> export.chooseAndWrite("svg"));
        MenuItem png = new MenuItem("Export as PNG (2x)…");
        png.setOnAction(e -> export.chooseAndWrite("png"));
        ContextMenu menu = new ContextMenu(svg, png);
        if (extra.length > 0) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(extra);
        }
        // On the figure, not the chart: an overlay on top of the chart (the training-set size) gets the clicks.
        figure.setOnContextMenuRequested(e -> menu.show(figure, e.getScreenX(), e.getScreenY()));
        chart.getProperties().put(ChartExport.class, export);
        export.menu = menu;
        return export;
    }

    /** The context menu: the two exports, then any extra entries. */
    public ContextMenu menu() {
        return menu;
    }

    /** The export installed on {@code chart}, or null. */
    public static ChartExport of(XYChart<?, ?> chart) {
        return (ChartExport) chart.getProperties().get(ChartExport.class);
    }

    /**
     * Where "Saved …" and "Could not save …" go (a page's status line); without one, a failure shows in an error
     * dialog and a success says nothing (the file is where the user chose).
     */
    public ChartExport onStatus(Consumer<String> sink) {
        this.status = sink;
        return this;
    }

    private void chooseAndWrite(String extension) {
        FileChooser fc = new FileChooser();
        fc.setTitle(extension.equals("svg") ? "Export chart as SVG" : "Export chart as PNG (2x)");
        fc.setInitialFileName(fileStem + "." + extension);
        fc.getExtensionFilters().add(extension.equals("svg")
                ? new FileChooser.ExtensionFilter("SVG image", "*.svg")
                : new FileChooser.ExtensionFilter("PNG image", "*.png"));
        Window owner = chart.getScene() == null ? null : chart.getScene().getWindow();
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            Path file = ImageExport.withExtension(f.toPath(), extension);
            try {
                if (extension.equals("svg")) {
                    writeSvg(file);
                } else {
                    writePng(file);
                }
                if (status != null) {
                    status.accept("Saved the chart to " + file);
                }
            } catch (IOException | RuntimeException e) {
                String message = "Could not save the chart to " + file + ": " + e.getMessage();
                if (status != null) {
                    status.accept(message);
                } else {
                    Alert alert = new Alert(Alert.AlertType.ERROR, message);
                    alert.initOwner(owner);
                    alert.show();
                }
            }
        }
    }

    /** Writes the chart's series as SVG (any thread that may read the chart: the FX thread). */
    public void writeSvg(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, svg(chart, title.get()));
    }

    /** Snapshots the figure at {@link #PNG_SCALE} times its size (FX thread). */
    public void writePng(Path file) throws IOException {
        ImageExport.writePng(ImageExport.snapshot(figure, PNG_SCALE), file);
    }

    /**
     * The SVG of {@code chart}: every series with points, in its on-screen colour and dash, on the chart's y range
     * (0..1 for accuracies, the axis' bounds otherwise) and with its axis labels; a chart on a category axis as
     * bars. Points whose y is not a number are left out.
     */
    public static String svg(XYChart<?, ?> chart, String title) {
        SvgLineChart svg = new SvgLineChart(title, label(chart.getXAxis()), label(chart.getYAxis()));
        // A category axis (a bar chart's classes): each category is an x index, drawn as bars.
        List<String> categories = chart.getXAxis() instanceof CategoryAxis c
                ? new ArrayList<>(c.getCategories()) : null;
        if (categories != null && categories.isEmpty()) {
            // An auto-ranging category axis learns its categories at layout: before that, the data's order.
            chart.getData().forEach(s -> s.getData().forEach(d -> {
                if (!categories.contains(String.valueOf(d.getXValue()))) {
                    categories.add(String.valueOf(d.getXValue()));
                }
            }));
        }
        boolean wholeX = true;
        double yLow = Double.POSITIVE_INFINITY;
        double yHigh = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<?, ?> s : chart.getData()) {
            List<double[]> points = new ArrayList<>();
            for (XYChart.Data<?, ?> d : s.getData()) {
                double xv = d.getXValue() instanceof Number x ? x.doubleValue()
                        : categories != null ? categories.indexOf(String.valueOf(d.getXValue())) : Double.NaN;
                if (d.getYValue() instanceof Number y && (xv >= 0 || d.getXValue() instanceof Number)) {
                    Number x = xv;
                    points.add(new double[]{x.doubleValue(), y.doubleValue()});
                    wholeX &= x.doubleValue() == Math.rint(x.doubleValue());
                    if (Double.isFinite(y.doubleValue())) {
                        yLow = Math.min(yLow, y.doubleValue());
                        yHigh = Math.max(yHigh, y.doubleValue());
                    }
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            Charts.LineStyle style = Charts.styleOf(s);
            svg.add(s.getName() == null ? "" : s.getName(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray(), style == null ? null : style.hex(),
                    style != null && style.dashed());
        }
        if (categories != null) {
            svg.categories(categories);
        } else if (wholeX) {
            svg.integerX();
        }
        double[] range = yRange(chart.getYAxis(), yLow, yHigh);
        if (range[0] != 0 || range[1] != 1) {
            svg.yRange(range[0], range[1]);
        }
        return svg.render();
    }

    /**
     * 0..1 whenever the data fits in it (accuracies and shares, as in the reports); otherwise a fixed axis' own
     * bounds, or from 0 (or the lowest point, if negative) to the highest point for an auto-ranging one.
     */
    private static double[] yRange(Axis<?> axis, double low, double high) {
        boolean none = low > high;
        if (none || (low >= 0 && high <= 1)) {
            return new double[]{0, 1};
        }
        if (axis instanceof NumberAxis n && !n.isAutoRanging() && n.getUpperBound() > n.getLowerBound()) {
            return new double[]{Math.min(n.getLowerBound(), low), Math.max(n.getUpperBound(), high)};
        }
        double from = Math.min(0, low);
        return new double[]{from, high > from ? high : from + 1};
    }

    private static String label(Axis<?> axis) {
        return axis.getLabel() == null ? "" : axis.getLabel();
    }
}
