package org.unlearnlab.app.common.diagnostics;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.unlearnlab.app.common.charts.ChartExport;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.app.common.digits.RobustnessSeries;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.metrics.SweepPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The gradient-masking diagnostics of one model: the four checks with a PASS/WARN/FAIL badge (symbol, word and
 * colour) and their one-sentence explanations, the measured figures (zero-gradient counts next to FGSM), and the
 * accuracy-vs-ε sweep against the chance line. Set {@link #reportProperty()}; null shows {@link #emptyTextProperty()}.
 */
public final class DiagnosticsPane extends VBox {
    /** Ten classes: an attack that works pushes accuracy down to here at large ε. */
    static final double CHANCE = 0.1;

    private final ObjectProperty<DiagnosticsReport> report = new SimpleObjectProperty<>(this, "report");
    private final Label empty = new Label("No diagnostics yet");
    private final Label heading = new Label();
    private final Label overallBadge = new Label();
    private final Label overallText = new Label();
    private final GridPane checks = new GridPane();
    private final GridPane figures = new GridPane();
    private final NumberAxis epsAxis = new NumberAxis(0, 0.5, 0.05);
    private final NumberAxis accAxis = new NumberAxis(0, 1, 0.2);
    private final LineChart<Number, Number> sweepChart = new LineChart<>(epsAxis, accAxis);
    private final RobustnessSeries sweep = new RobustnessSeries(DiagnosticsPane::tip);
    private final XYChart.Series<Number, Number> chance = new XYChart.Series<>();
    private final VBox content;

    public DiagnosticsPane() {
        getStyleClass().add("diagnostics-pane");
        setSpacing(8);

        Label title = new Label("Gradient-masking diagnostics");
        title.getStyleClass().add("card-title");
        heading.getStyleClass().add("muted");
        heading.setWrapText(true);
        overallBadge.getStyleClass().add("verdict-badge");
        overallBadge.setMinWidth(Label.USE_PREF_SIZE);
        overallText.setWrapText(true);
        overallText.getStyleClass().add("diagnostics-overall");
        HBox overall = new HBox(8, overallBadge, overallText);
        overall.setAlignment(Pos.CENTER_LEFT);

        checks.getStyleClass().add("diagnostics-checks");
        checks.setHgap(10);
        checks.setVgap(8);
        ColumnConstraints badgeCol = new ColumnConstraints();
        badgeCol.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints textCol = new ColumnConstraints();
        textCol.setHgrow(Priority.ALWAYS);
        textCol.setFillWidth(true);
        checks.getColumnConstraints().setAll(badgeCol, textCol);

        figures.getStyleClass().add("diagnostics-figures");
        figures.setHgap(12);
        figures.setVgap(3);

        epsAxis.setLabel("ε (L∞ budget)");
        accAxis.setLabel("Accuracy");
        accAxis.setTickLabelFormatter(Charts.percentAxis());
        epsAxis.setMinorTickVisible(false);
        accAxis.setMinorTickVisible(false);
        sweepChart.getStyleClass().add("diagnostics-sweep");
        sweepChart.setAnimated(false);
        sweepChart.setLegendVisible(false);
        sweepChart.setCreateSymbols(true);
        sweepChart.setMinHeight(200);
        sweepChart.setPrefHeight(240);
        chance.setName("Chance (10%)");
        Charts.style(chance, Color.web("#6E7781"), true, 1.5, null);
        sweepChart.getData().setAll(List.of(chance, sweep.paper, sweep.stable, sweep.pgd));
        List<Node> legendEntries = new ArrayList<>(sweep.legendEntries().subList(0, 3));
        legendEntries.add(Charts.legendEntry("Chance (10%)", Color.web("#6E7781"), true));
        Label sweepTitle = new Label("Accuracy vs ε: every curve should fall toward chance by ε = 0.5");
        sweepTitle.getStyleClass().add("section-title");
        sweepTitle.setWrapText(true);

        Label checksTitle = new Label("Checks");
        checksTitle.getStyleClass().add("section-title");
        Label figuresTitle = new Label("Measured");
        figuresTitle.getStyleClass().add("section-title");
        // The chart and its legend in one box: the PNG export shows both.
        VBox sweepFigure = new VBox(8, sweepChart, Charts.legend(legendEntries.toArray(Node[]::new)));
        content = new VBox(8, heading, overall, checksTitle, checks, figuresTitle, figures, sweepTitle, sweepFigure);
        ChartExport.install(sweepChart, sweepFigure, "diagnostics-sweep", () -> {
            DiagnosticsReport r = report.get();
            return "Accuracy vs epsilon" + (r == null ? "" : ": " + r.model());
        });
        empty.getStyleClass().addAll("muted", "diagnostics-empty");
        empty.setWrapText(true);
        getChildren().setAll(title, empty, content);

        report.addListener((obs, old, r) -> show(r));
        show(null);
    }

    public ObjectProperty<DiagnosticsReport> reportProperty() {
        return report;
    }

    public void setReport(DiagnosticsReport r) {
        report.set(r);
    }

    /** What shows instead when there is no report. */
    public StringProperty emptyTextProperty() {
        return empty.textProperty();
    }

    /** The sweep chart, for tests and export. */
    public LineChart<Number, Number> sweepChart() {
        return sweepChart;
    }

    private void show(DiagnosticsReport r) {
        empty.setVisible(r == null);
        empty.setManaged(r == null);
        content.setVisible(r != null);
        content.setManaged(r != null);
        if (r == null) {
            return;
        }
        heading.setText(DiagnosticsText.heading(r));
        badge(overallBadge, r.overall());
        overallText.setText(DiagnosticsText.overall(r));

        checks.getChildren().clear();
        int row = 0;
        for (DiagnosticCheck c : r.checks()) {
            Label b = new Label();
            badge(b, c.verdict());
            b.setMinWidth(Label.USE_PREF_SIZE);
            Label t = new Label(c.title());
            t.getStyleClass().add("diagnostics-check-title");
            Label e = new Label(c.explanation());
            e.getStyleClass().add("diagnostics-check-explanation");
            e.setWrapText(true);
            e.setMinHeight(Label.USE_PREF_SIZE);
            VBox text = new VBox(1, t, e);
            text.getStyleClass().add("diagnostics-check");
            text.setId("check-" + c.id());
            GridPane.setValignment(b, VPos.TOP);
            checks.addRow(row++, b, text);
        }

        figures.getChildren().clear();
        row = 0;
        for (DiagnosticsText.Figure f : DiagnosticsText.figures(r)) {
            Label l = new Label(f.label());
            l.getStyleClass().add("diagnostics-figure-label");
            Label v = new Label(f.value());
            v.getStyleClass().add("diagnostics-figure-value");
            v.setTooltip(new Tooltip(f.tooltip()));
            GridPane.setHalignment(l, HPos.LEFT);
            figures.addRow(row++, l, v);
        }

        List<SweepPoint> pts = r.sweep() == null ? List.of() : r.sweep();
        fill(sweep.stable, pts, SweepPoint::fgsmStable);
        fill(sweep.paper, pts, SweepPoint::fgsmPaper);
        fill(sweep.pgd, pts, SweepPoint::pgd);
        double maxEps = pts.stream().mapToDouble(SweepPoint::epsilon).max().orElse(0.5);
        epsAxis.setUpperBound(Math.max(0.05, maxEps));
        epsAxis.setTickUnit(maxEps > 0.25 ? 0.1 : 0.05);
        Charts.setAll(chance, List.of(new XYChart.Data<>(0, CHANCE), new XYChart.Data<>(Math.max(0.05, maxEps), CHANCE)));
    }

    private static void badge(Label l, Verdict v) {
        l.setText(DiagnosticsText.badge(v));
        l.getStyleClass().removeIf(c -> c.startsWith("verdict-") && !c.equals("verdict-badge"));
        if (!l.getStyleClass().contains("verdict-badge")) {
            l.getStyleClass().add("verdict-badge");
        }
        l.getStyleClass().add(DiagnosticsText.styleClass(v));
    }

    private static void fill(XYChart.Series<Number, Number> s, List<SweepPoint> pts, ToDoubleFunction<SweepPoint> y) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (SweepPoint p : pts) {
            data.add(new XYChart.Data<>(p.epsilon(), y.applyAsDouble(p)));
        }
        Charts.setAll(s, data);
    }

    private static String tip(String what, XYChart.Data<Number, Number> d) {
        return String.format(Locale.ROOT, "%s%nε = %.3f: %s", what, d.getXValue().doubleValue(),
                Charts.percent(d.getYValue().doubleValue()));
    }
}
