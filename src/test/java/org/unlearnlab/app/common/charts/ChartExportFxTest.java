package org.unlearnlab.app.common.charts;

import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.unlearnlab.app.common.digits.Charts;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ChartExportFxTest {
    private LineChart<Number, Number> chart;
    private VBox figure;
    private ChartExport export;

    @Start
    void start(Stage stage) {
        NumberAxis x = new NumberAxis();
        x.setLabel("Iteration");
        NumberAxis y = new NumberAxis(0, 1, 0.2);
        y.setLabel("Accuracy");
        chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        XYChart.Series<Number, Number> clean = new XYChart.Series<>();
        clean.setName("Clean");
        Charts.style(clean, Color.web("#0072B2"), false, 2, d -> "clean");
        XYChart.Series<Number, Number> fgsm = new XYChart.Series<>();
        fgsm.setName("FGSM <stable>");
        Charts.style(fgsm, Color.web("#D55E00"), true, 2, d -> "fgsm");
        chart.getData().setAll(List.of(clean, fgsm));
        Charts.setAll(clean, List.of(new XYChart.Data<>(0, 0.98), new XYChart.Data<>(1, 0.97),
                new XYChart.Data<>(2, 0.96)));
        Charts.setAll(fgsm, List.of(new XYChart.Data<>(0, 0.25), new XYChart.Data<>(1, 0.5),
                new XYChart.Data<>(2, 0.75)));
        figure = new VBox(chart);
        export = ChartExport.install(chart, figure, "iterations", () -> "Accuracy per iteration");
        stage.setScene(new Scene(figure, 500, 300));
        stage.show();
    }

    @Test
    void theSvgHoldsEverySeriesPointsColoursLabelsAndTitle(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.svg");
        robot.interact(() -> {
            try {
                export.writeSvg(file);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        String svg = Files.readString(file);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.contains(">Accuracy per iteration</text>"), "title");
        assertTrue(svg.contains(">Iteration</text>") && svg.contains(">Accuracy</text>"), "axis labels");
        assertTrue(svg.contains("<title>Clean: 1, 0.9700</title>"), "a point of the first series");
        assertTrue(svg.contains("<title>FGSM &lt;stable&gt;: 2, 0.7500</title>"), "escaped name and a point");
        assertTrue(svg.contains("stroke=\"#0072b2\" stroke-width=\"2\"/>"), "the on-screen colour, solid");
        assertTrue(svg.contains("stroke=\"#d55e00\" stroke-width=\"2\" stroke-dasharray=\"7 5\""), "dashed as shown");
        assertEquals(2, svg.split("<polyline ", -1).length - 1, "one line per series");
        assertEquals(6, svg.split("<circle ", -1).length - 1, "one marker per point");
    }

    @Test
    void thePngIsTwiceTheFiguresSizeOnScreen(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");
        double[] size = new double[2];
        robot.interact(() -> {
            size[0] = figure.getWidth();
            size[1] = figure.getHeight();
            try {
                export.writePng(file);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png);
        assertTrue(size[0] > 100, "the figure is laid out");
        assertEquals(2 * size[0], png.getWidth(), 1);
        assertEquals(2 * size[1], png.getHeight(), 1);
    }

    @Test
    void theContextMenuOffersBothExports(FxRobot robot) {
        // A request on the chart (where the user right-clicks) reaches the figure's handler and opens the menu.
        robot.interact(() -> chart.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 20,
                120, 120, false, null)));
        assertTrue(export.menu().isShowing());
        assertEquals(List.of("Export as SVG…", "Export as PNG (2x)…"),
                export.menu().getItems().stream().map(MenuItem::getText).toList());
        assertSame(export, ChartExport.of(chart));
        robot.interact(() -> export.menu().hide());
    }

    @Test
    void lossesAndCountsKeepTheirRangeAndABarChartBecomesBars(FxRobot robot) {
        String[] svgs = new String[2];
        robot.interact(() -> {
            LineChart<Number, Number> loss = new LineChart<>(new NumberAxis(), new NumberAxis());
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("batch loss");
            s.getData().addAll(new XYChart.Data<>(0.5, 2.3), new XYChart.Data<>(1.0, 0.4));
            loss.getData().add(s);
            svgs[0] = ChartExport.svg(loss, "Loss");

            BarChart<String, Number> bars = new BarChart<>(new CategoryAxis(), new NumberAxis());
            XYChart.Series<String, Number> counts = new XYChart.Series<>();
            counts.setName("removed");
            counts.getData().addAll(new XYChart.Data<>("0", 3), new XYChart.Data<>("1", 12));
            bars.getData().add(counts);
            svgs[1] = ChartExport.svg(bars, "Removed per class");
        });
        assertTrue(svgs[0].contains("<title>batch loss: 0.5, 2.3</title>"), svgs[0]);
        assertTrue(svgs[0].contains(">2</text>"), "a y tick above 1: the axis is not clipped to accuracies");
        assertTrue(svgs[1].contains("<title>removed: 1, 12</title></rect>"), svgs[1]);
        assertEquals(2, svgs[1].split("</title></rect>", -1).length - 1, "one bar per class");
        assertTrue(svgs[1].contains(">1</text>"), "the category's name under its bar");
    }
}
