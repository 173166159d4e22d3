package org.unlearnlab.app.common.digits;

import javafx.scene.Node;
import javafx.scene.chart.XYChart;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The five series every robustness chart shows (FGSM stable, FGSM paper, PGD, and the two zero-gradient
 * shares), named, coloured and ordered one way everywhere, so the sweep and the iteration chart read alike.
 */
public final class RobustnessSeries {
    public final XYChart.Series<Number, Number> stable = new XYChart.Series<>();
    public final XYChart.Series<Number, Number> paper = new XYChart.Series<>();
    public final XYChart.Series<Number, Number> pgd = new XYChart.Series<>();
    public final XYChart.Series<Number, Number> zeroStable = new XYChart.Series<>();
    public final XYChart.Series<Number, Number> zeroPaper = new XYChart.Series<>();

    /** @param tooltip point tooltip, given the metric's description ("PGD accuracy") and the point */
    public RobustnessSeries(BiFunction<String, XYChart.Data<Number, Number>, String> tooltip) {
        stable.setName("FGSM stable");
        paper.setName("FGSM paper");
        pgd.setName("PGD");
        zeroStable.setName("Zero-gradient share, FGSM stable");
        zeroPaper.setName("Zero-gradient share, FGSM paper");
        Charts.style(paper, ColorMaps.FGSM_PAPER, false, 5, d -> tooltip.apply("FGSM paper accuracy", d));
        Charts.style(stable, ColorMaps.FGSM_STABLE, false, 2.5, d -> tooltip.apply("FGSM stable accuracy", d));
        Charts.style(pgd, ColorMaps.PGD, false, 2.5, d -> tooltip.apply("PGD accuracy", d));
        Charts.style(zeroPaper, ColorMaps.FGSM_PAPER, true, 2, d -> tooltip.apply("Zero-gradient share, FGSM paper", d));
        Charts.style(zeroStable, ColorMaps.FGSM_STABLE, true, 2, d -> tooltip.apply("Zero-gradient share, FGSM stable", d));
    }

    /** FGSM paper is drawn first and wider: where both FGSM losses give the same accuracy, both stay visible. */
    public List<XYChart.Series<Number, Number>> inDrawingOrder() {
        return List.of(paper, stable, pgd, zeroPaper, zeroStable);
    }

    public List<Node> legendEntries() {
        return List.of(
                Charts.legendEntry("FGSM stable", ColorMaps.FGSM_STABLE, false),
                Charts.legendEntry("FGSM paper (wide line)", ColorMaps.FGSM_PAPER, false),
                Charts.legendEntry("PGD", ColorMaps.PGD, false),
                Charts.legendEntry("Zero-gradient share (FGSM stable)", ColorMaps.FGSM_STABLE, true),
                Charts.legendEntry("Zero-gradient share (FGSM paper)", ColorMaps.FGSM_PAPER, true));
    }
}
