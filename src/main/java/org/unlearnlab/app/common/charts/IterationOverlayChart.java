package org.unlearnlab.app.common.charts;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The iteration curves of several runs in one chart: one series per run, named after it, for one metric at a
 * time (x = iteration, y = accuracy). Used by the Runs page and meant for a Compare page.
 *
 * <p>Each run's final full-test row is left out: it is measured on the whole test set, the loop's rows on a
 * subset, so joining it to the curve would draw a step that is no iteration. The footnote says so.
 */
public final class IterationOverlayChart extends VBox {
    /** Okabe–Ito without yellow (too light on white); past these, the colours repeat with dashed lines. */
    static final List<Color> PALETTE = List.of(Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73"),
            Color.web("#E69F00"), Color.web("#CC79A7"), Color.web("#56B4E9"), Color.web("#000000"));

    /** One run's curve: the name its series gets and its iteration rows as read from metrics.jsonl. */
    public record RunCurve(String name, List<IterationMetrics> iterations) {
        public RunCurve {
            iterations = List.copyOf(iterations);
        }
    }

    private final ObservableList<RunCurve> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric", Metric.FGSM_STABLE);
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis(0, 1, 0.1);
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final ComboBox<Metric> metricBox = new ComboBox<>(FXCollections.observableArrayList(Metric.values()));
    private final HBox legend = new HBox();
    private final Label placeholder = new Label("No runs to compare");

    public IterationOverlayChart() {
        getStyleClass().add("iteration-overlay");
        setSpacing(4);

        // Style classes, not ids: a page may hold two of these.
        metricBox.getStyleClass().add("overlay-metric");
        metricBox.valueProperty().bindBidirectional(metric);
        metricBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        Label title = new Label("Iteration curves");
        title.getStyleClass().add("chart-title");
        Label metricLabel = new Label("Metric");
        metricLabel.setLabelFor(metricBox);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, title, grow, metricLabel, metricBox);
        header.setAlignment(Pos.CENTER_LEFT);

        xAxis.setLabel("Unlearning iteration (0 = before unlearning)");
        // Whole iterations only, set in redraw(): auto-ranging would tick at 0.5 steps on short runs.
        xAxis.setAutoRanging(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(Charts.wholeNumberAxis());
        yAxis.setTickLabelFormatter(Charts.percentAxis());
        yAxis.setAutoRanging(false);
        chart.getStyleClass().add("overlay-line-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        // Our own legend: the default one cannot show dashes and uses the palette classes, not our colours.
        chart.setLegendVisible(false);
        chart.setMinHeight(180);
        placeholder.getStyleClass().add("chart-placeholder");
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(Bindings.isEmpty(runs));
        StackPane plot = new StackPane(chart, placeholder);
        VBox.setVgrow(plot, Priority.ALWAYS);

        legend.getStyleClass().add("chart-legend-row");
        legend.setAlignment(Pos.CENTER);
        Label note = new Label("Curves: the loop's evaluations on the iteration test subset. A run's final evaluation "
                + "on the full test set is not drawn (another test-set size); the table shows it.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.setTooltip(new Tooltip("The final full-test row is left out of the curves: it is measured on all "
                + "test images, the iterations on the iteration subset, so it would add a step that is no iteration."));

        getChildren().setAll(header, plot, legend, note);
        ChartExport.install(chart, this, "iteration-curves", () -> {
            Metric m = metric.get() == null ? Metric.FGSM_STABLE : metric.get();
            return "Iteration curves: " + m.label();
        });
        runs.addListener((ListChangeListener<RunCurve>) c -> redraw());
        metric.addListener((obs, old, m) -> redraw());
        redraw();
    }

    /** The runs shown; replace them with {@code runs().setAll(...)}. */
    public ObservableList<RunCurve> runs() {
        return runs;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    /** What the empty chart says ("Select two or more runs …"). */
    public StringProperty placeholderTextProperty() {
        return placeholder.textProperty();
    }

    /** The underlying chart, for tests and PNG export. */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /**
     * One series per run, in the order given: named after the run, x = iteration, y = {@code metric}'s accuracy,
     * each point carrying its {@link IterationMetrics} as extra value; final full-test rows are left out.
     */
    public static List<XYChart.Series<Number, Number>> series(List<RunCurve> runs, Metric metric) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        for (RunCurve run : runs) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(run.name());
            for (IterationMetrics m : run.iterations()) {
                double y = value(m, metric);
                if (!m.finalFullTest() && !Double.isNaN(y)) {
                    s.getData().add(new XYChart.Data<>(m.iteration(), y, m));
                }
            }
            out.add(s);
        }
        return out;
    }

    /** NaN when the row has no entry for that attack (rows written before it was evaluated). */
    private static double value(IterationMetrics m, Metric metric) {
        boolean missing = switch (metric) {
            case CLEAN -> m.clean() == null;
            case FGSM_STABLE -> m.fgsmStable() == null;
            case FGSM_PAPER -> m.fgsmPaper() == null;
            case PGD -> m.pgd() == null;
        };
        return missing ? Double.NaN : m.metric(metric);
    }

    private void redraw() {
        Metric m = metric.get() == null ? Metric.FGSM_STABLE : metric.get();
        List<XYChart.Series<Number, Number>> all = series(runs, m);
        List<Node> entries = new ArrayList<>();
        int maxIteration = 1;
        for (int i = 0; i < all.size(); i++) {
            XYChart.Series<Number, Number> s = all.get(i);
            String run = s.getName();
            Color color = PALETTE.get(i % PALETTE.size());
            boolean dashed = i >= PALETTE.size();
            // Charts.style decorates points (symbol, tooltip) as they are added, so they go in again after it.
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(s.getData());
            s.getData().clear();
            Charts.style(s, color, dashed, 2.5, d -> tip(run, m, d));
            Charts.setAll(s, points);
            for (XYChart.Data<Number, Number> d : s.getData()) {
                maxIteration = Math.max(maxIteration, d.getXValue().intValue());
            }
            entries.add(Charts.legendEntry(run, color, dashed));
        }
        chart.getData().setAll(all);
        yAxis.setLabel(m.label());
        xAxis.setLowerBound(0);
        xAxis.setUpperBound(maxIteration);
        xAxis.setTickUnit(Math.max(1, Math.ceil(maxIteration / 15.0)));
        legend.getChildren().setAll(Charts.legend(entries.toArray(Node[]::new)));
    }

    private static String tip(String run, Metric metric, XYChart.Data<Number, Number> d) {
        IterationMetrics m = (IterationMetrics) d.getExtraValue();
        String text = String.format(Locale.ROOT, "%s%nIteration %d: %s %s%nTraining set %,d · removed %,d%n"
                        + "Evaluated on %,d test images", run, m.iteration(), metric.label(),
                Charts.percent(d.getYValue().doubleValue()), m.trainSize(), m.removedTotal(), m.evaluated());
        AttackSummary attack = metric == Metric.FGSM_PAPER ? m.fgsmPaper()
                : metric == Metric.FGSM_STABLE ? m.fgsmStable() : null;
        if (attack != null) {
            text += String.format(Locale.ROOT, "%nZero gradient: %,d of %,d inputs (FGSM left them unchanged)",
                    attack.zeroGradientCount(), attack.evaluated());
        }
        return text;
    }
}
