package org.unlearnlab.app.common.digits;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.util.Duration;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Colours, dashes, point tooltips and legends for the app's line charts. Series are coloured by hand
 * (not by the default-colorN palette) so a metric keeps its colour in every chart and in the exports,
 * and the legend is our own so it can show dashed lines.
 */
public final class Charts {
    private Charts() {
    }

    public static String web(Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    private static final Map<XYChart.Series<?, ?>, Consumer<XYChart.Data<?, ?>>> DECORATORS = new WeakHashMap<>();
    private static final Map<XYChart.Series<?, ?>, LineStyle> STYLES = new WeakHashMap<>();

    /** How {@link #style} drew a series: its colour as "#rrggbb" and whether it is dashed (for the exports). */
    public record LineStyle(String hex, boolean dashed) {
    }

    /** The style {@link #style} gave {@code series}, or null for a series it never styled. */
    public static LineStyle styleOf(XYChart.Series<?, ?> series) {
        return STYLES.get(series);
    }

    /**
     * Styles {@code series}'s line and remembers how to draw its points: add points with {@link #append}, which
     * gives each its symbol and tooltip before the chart sees it (a node set afterwards would never be drawn).
     *
     * @param width   line width in pixels; a wider line drawn first stays visible under a narrower one
     * @param tooltip text for a point, or null for no symbols and no tooltips (reference lines)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <X, Y> void style(XYChart.Series<X, Y> series, Color color, boolean dashed, double width,
                                    Function<XYChart.Data<X, Y>, String> tooltip) {
        String hex = web(color);
        String lineStyle = "-fx-stroke: " + hex + "; -fx-stroke-width: " + width + ";"
                + (dashed ? " -fx-stroke-dash-array: 7 5;" : "");
        series.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                node.setStyle(lineStyle);
            }
        });
        if (series.getNode() != null) {
            series.getNode().setStyle(lineStyle);
        }
        DECORATORS.put(series, d -> decorate((XYChart.Data) d, hex, dashed, (Function) tooltip));
        STYLES.put(series, new LineStyle(hex, dashed));
    }

    /** Adds a point to a series styled with {@link #style}, symbol and tooltip included. */
    public static <X, Y> void append(XYChart.Series<X, Y> series, XYChart.Data<X, Y> point) {
        Consumer<XYChart.Data<?, ?>> decorator = DECORATORS.get(series);
        if (decorator != null) {
            decorator.accept(point);
        }
        series.getData().add(point);
    }

    /** Replaces every point of a styled series. */
    public static <X, Y> void setAll(XYChart.Series<X, Y> series, java.util.List<XYChart.Data<X, Y>> points) {
        Consumer<XYChart.Data<?, ?>> decorator = DECORATORS.get(series);
        if (decorator != null) {
            points.forEach(decorator);
        }
        series.getData().setAll(points);
    }

    private static <X, Y> void decorate(XYChart.Data<X, Y> d, String hex, boolean dashed,
                                        Function<XYChart.Data<X, Y>, String> tooltip) {
        Region symbol = new Region();
        if (tooltip == null) {
            symbol.setVisible(false);
            symbol.setMouseTransparent(true);
            d.setNode(symbol);
            return;
        }
        symbol.getStyleClass().add("chart-point");
        double size = dashed ? 7 : 9;
        symbol.setPrefSize(size, size);
        symbol.setMaxSize(size, size);
        symbol.setStyle("-fx-background-color: " + hex + ", white; -fx-background-insets: 0, 2;"
                + " -fx-background-radius: " + (dashed ? "0" : "5") + "; -fx-padding: " + size / 2 + ";");
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(80));
        tip.setShowDuration(Duration.seconds(30));
        tip.setOnShowing(e -> tip.setText(tooltip.apply(d)));
        Tooltip.install(symbol, tip);
        d.setNode(symbol);
    }

    /** One legend entry: a short line in the series' colour and dash. */
    public static Label legendEntry(String text, Color color, boolean dashed) {
        Line line = new Line(0, 0, 22, 0);
        line.setStroke(color);
        line.setStrokeWidth(dashed ? 2 : 3);
        if (dashed) {
            line.getStrokeDashArray().setAll(6.0, 4.0);
        }
        Label l = new Label(text, line);
        l.getStyleClass().add("chart-legend-entry");
        return l;
    }

    public static FlowPane legend(Node... entries) {
        FlowPane p = new FlowPane(16, 4, entries);
        p.setPrefWrapLength(1500);
        p.getStyleClass().add("chart-legend-row");
        p.setAlignment(Pos.CENTER);
        return p;
    }

    /** Tick labels for a 0..1 axis shown as "40%". */
    public static javafx.util.StringConverter<Number> percentAxis() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(java.util.Locale.ROOT, "%.0f%%", n.doubleValue() * 100);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace("%", "")) / 100;
            }
        };
    }

    /** Tick labels for counts (iterations, samples): whole numbers only, fractional ticks left blank. */
    public static javafx.util.StringConverter<Number> wholeNumberAxis() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        };
    }

    public static String percent(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }
}
