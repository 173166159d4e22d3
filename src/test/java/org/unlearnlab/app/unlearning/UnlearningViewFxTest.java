package org.unlearnlab.app.unlearning;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.files.CsvTable;
import org.unlearnlab.engine.runs.IterationMetricsCsv;
import org.unlearnlab.engine.runs.RemovedSamplesCsv;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class UnlearningViewFxTest {
    private UnlearningView view;
    private UnlearningViewModel vm;
    private UnlearningViewModelTest.FakeTwins twins;
    private Parent root;

    @Start
    void start(Stage stage) throws Exception {
        twins = new UnlearningViewModelTest.FakeTwins();
        // Inline execution on the FX thread: this test is about the view, not the threading.
        vm = new UnlearningViewModel(new CurrentThreadTaskExecutor(), twins, () -> twins.train);
        FXMLLoader loader = new FXMLLoader(Objects.requireNonNull(
                UnlearningView.class.getResource("/org/unlearnlab/app/unlearning/UnlearningView.fxml")));
        loader.setControllerFactory(type -> type == ForgetResultsView.class ? new ForgetResultsView()
                : new UnlearningView(vm));
        root = loader.load();
        view = loader.getController();
        stage.setScene(new Scene(root, 1260, 780));
        stage.show();
    }

    private void showSmallRun(FxRobot robot) {
        RunData run = new RunData(Path.of("20260101-120000-small"), ExperimentConfig.defaults(),
                List.of(UnlearningViewModelTest.row(0, 20, 0.2, false), UnlearningViewModelTest.row(1, 17, 0.4, false),
                        UnlearningViewModelTest.row(2, 14, 0.6, false), UnlearningViewModelTest.row(2, 14, 0.55, true)),
                RemovedGalleryModelTest.SAMPLES, null);
        robot.interact(() -> vm.showRun(run));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<RemovedSampleCell> filledCells(FxRobot robot) {
        Set<RemovedSampleCell> cells = robot.lookup(".removed-cell").queryAllAs(RemovedSampleCell.class);
        return cells.stream().filter(c -> c.getItem() != null && c.isVisible()).collect(Collectors.toList());
    }

    @Test
    void galleryShowsEveryRemovedSampleOfAFinishedRunWithItsTwin(FxRobot robot) {
        showSmallRun(robot);
        List<RemovedSampleCell> cells = filledCells(robot);
        assertEquals(Set.of(10, 11, 12, 13, 14, 15),
                cells.stream().map(c -> c.getItem().datasetIndex()).collect(Collectors.toSet()));
        Set<String> texts = robot.lookup(".cell-labels").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.toSet());
        assertTrue(texts.containsAll(Set.of("3 → 5", "7 → 1", "9 → 4")), texts.toString());
        assertTrue(cells.stream().allMatch(c -> c.twinView().getImage() != null), "every visible twin arrived");

        int[] counts = new int[10];
        counts[0] = 1;
        counts[3] = 3;
        counts[7] = 1;
        counts[9] = 1;
        assertArrayEquals(counts, view.histogramValues());

        robot.interact(() -> vm.gallery().classFilterProperty().set(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(10, 12, 14), filledCells(robot).stream().map(c -> c.getItem().datasetIndex())
                .collect(Collectors.toSet()));
        assertArrayEquals(counts, view.histogramValues(), "the histogram keeps every class");
        assertTrue(robot.lookup("#titleLabel").queryAs(Label.class).getText().contains("2 iterations"));
    }

    @Test
    void clickingAThumbnailOpensItsDetail(FxRobot robot) {
        showSmallRun(robot);
        RemovedSampleCell cell = filledCells(robot).stream().filter(c -> c.getItem().datasetIndex() == 11)
                .findFirst().orElseThrow();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.detailOverlay().isVisible());
        assertEquals(11, view.detailPane().digit().index());
        robot.clickOn("Next ▶");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(15, view.detailPane().digit().index(), "next in the gallery's order (highest loss first)");
        robot.clickOn("← Gallery");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.detailOverlay().isVisible());
    }

    @Test
    void thousandsOfRemovedSamplesRenderOnlyTheVisibleThumbnails(FxRobot robot) {
        List<RemovedSample> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(new RemovedSample(i, i % 10, (i + 1) % 10, 10 - i / 250.0, 1 + i / 500));
        }
        robot.interact(() -> vm.showRun(new RunData(Path.of("big"), ExperimentConfig.defaults(), List.of(), many, null)));
        WaitForAsyncUtils.waitForFxEvents();
        int rendered = view.cleanCache().renders();
        assertTrue(rendered > 0 && rendered < 400, "thumbnails are rendered lazily, rendered " + rendered);
        int requested = twins.batches.stream().mapToInt(List::size).sum();
        assertTrue(requested < 400, "only visible twins are attacked, attacked " + requested);
    }

    @Test
    void exportsWriteAPngChartAContactSheetAndACsv(FxRobot robot, @TempDir Path dir) throws Exception {
        showSmallRun(robot);
        robot.interact(() -> view.exportChart(dir.resolve("chart.png")));
        BufferedImage chart = ImageIO.read(dir.resolve("chart.png").toFile());
        assertNotNull(chart);
        VBoxSize size = sizeOf(robot, "#chartFigure");
        assertEquals(2 * size.w, chart.getWidth(), 2, "the PNG is the chart at twice its screen size");
        assertEquals(2 * size.h, chart.getHeight(), 2);

        robot.interact(() -> view.exportChartSvg(dir.resolve("chart")));
        String svg = Files.readString(dir.resolve("chart.svg"));
        assertTrue(svg.contains("<title>Clean: 2, 0.9800</title>"), "the clean curve's last loop point");
        assertTrue(svg.contains(": 1, 0.4000</title>"), "FGSM-stable at iteration 1");

        robot.interact(() -> vm.exportIterationsCsv(dir.resolve("iterations.csv")));
        List<List<String>> csv = CsvTable.parse(Files.readString(dir.resolve("iterations.csv")));
        assertEquals(IterationMetricsCsv.HEADER, csv.get(0));
        assertEquals(5, csv.size(), "the header and four rows, the final full test included");
        assertEquals(List.of("1", "false", "17"), csv.get(2).subList(0, 3));
        int fgsmStable = IterationMetricsCsv.HEADER.indexOf("fgsm_stable_accuracy");
        assertEquals(0.4, Double.parseDouble(csv.get(2).get(fgsmStable)));
        assertEquals("true", csv.get(4).get(1));

        robot.interact(() -> view.exportHistogram(dir.resolve("hist")));
        BufferedImage hist = ImageIO.read(dir.resolve("hist.png").toFile());
        assertNotNull(hist);
        assertTrue(hist.getWidth() > 100 && hist.getHeight() > 100);

        robot.interact(() -> vm.exportContactSheet(dir.resolve("sheet.png")));
        BufferedImage sheet = ImageIO.read(dir.resolve("sheet.png").toFile());
        assertNotNull(sheet);
        assertEquals(ContactSheet.size(6)[0], sheet.getWidth());
        assertEquals(ContactSheet.size(6)[1], sheet.getHeight());

        robot.interact(() -> vm.exportCsv(dir.resolve("removed.csv")));
        List<String> lines = Files.readAllLines(dir.resolve("removed.csv"));
        assertEquals(RemovedSamplesCsv.HEADER, lines.get(0));
        assertEquals(7, lines.size());
        assertEquals("11,7,1,9.0,1", lines.get(1), "rows follow the gallery's order");
    }

    private record VBoxSize(int w, int h) {
    }

    private static VBoxSize sizeOf(FxRobot robot, String query) {
        javafx.scene.Node n = robot.lookup(query).query();
        return new VBoxSize((int) Math.ceil(n.getLayoutBounds().getWidth()), (int) Math.ceil(n.getLayoutBounds().getHeight()));
    }
}
