package org.unlearnlab.app.unlearning;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.control.GridView;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitDetailPane;
import org.unlearnlab.app.common.charts.ChartExport;
import org.unlearnlab.app.common.digits.ImageExport;
import org.unlearnlab.app.common.digits.RobustnessSeries;
import org.unlearnlab.app.common.digits.ThumbnailCache;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Controller of the unlearning page: iteration chart, removed-samples gallery, removals per class, exports. */
public class UnlearningView {
    @FXML private Label titleLabel;
    @FXML private Label statusLabel;
    @FXML private Button sessionButton;
    @FXML private Button openButton;
    @FXML private VBox chartFigure;
    @FXML private Node forgetPane;
    @FXML private ForgetResultsView forgetPaneController;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private StackPane chartStack;
    @FXML private LineChart<Number, Number> iterationChart;
    @FXML private NumberAxis iterationX;
    @FXML private NumberAxis accuracyY;
    @FXML private LineChart<Number, Number> sizeChart;
    @FXML private NumberAxis sizeX;
    @FXML private NumberAxis sizeY;
    @FXML private HBox chartLegendBox;
    @FXML private Label finalLabel;
    @FXML private ComboBox<GallerySort> sortBox;
    @FXML private ComboBox<Integer> classBox;
    @FXML private ComboBox<Integer> iterationBox;
    @FXML private Label shownLabel;
    @FXML private Label galleryHint;
    @FXML private Label galleryTitle;
    @FXML private StackPane galleryHolder;
    @FXML private VBox histogramFigure;
    private ChartExport chartExport;
    private ChartExport histogramExport;
    @FXML private BarChart<String, Number> histogram;
    @FXML private CategoryAxis histX;
    @FXML private NumberAxis histY;
    @FXML private VBox detailOverlay;
    @FXML private Label detailInfo;
    @FXML private DigitDetailPane detailPane;

    private final UnlearningViewModel vm;
    private GridView<RemovedSample> gridView;
    private final ThumbnailCache<Integer> cleanCache = new ThumbnailCache<>(20_000);
    private final ThumbnailCache<Long> twinCache = new ThumbnailCache<>(20_000);

    private final XYChart.Series<Number, Number> cleanSeries = new XYChart.Series<>();
    private RobustnessSeries attacks;
    private final XYChart.Series<Number, Number> thresholdSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> sizeSeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> countSeries = new XYChart.Series<>();
    private final Label thresholdLegend = new Label();

    public UnlearningView(UnlearningViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        ReadOnlyBooleanProperty running = vm.sessionRunningProperty();
        ReadOnlyStringProperty phase = vm.sessionPhaseProperty();
        // Clean thumbnails are cached by dataset index: another dataset makes them wrong.
        vm.datasetGenerationProperty().addListener((obs, old, n) -> cleanCache.clear());
        titleLabel.textProperty().bind(vm.titleProperty());
        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String s = vm.statusProperty().get();
            if (s != null && !s.isEmpty()) {
                return s;
            }
            String whole = vm.sessionRunProgressProperty().get();
            return running.get() && !vm.showingFolderProperty().get()
                    ? "Running: " + (whole.isEmpty() ? "" : whole + " — ") + phase.get() : "";
        }, vm.statusProperty(), running, phase, vm.showingFolderProperty(), vm.sessionRunProgressProperty()));
        sessionButton.visibleProperty().bind(vm.showingFolderProperty());
        sessionButton.managedProperty().bind(vm.showingFolderProperty());
        openButton.setTooltip(new Tooltip("Show a finished run from disk (a folder with summary.json, metrics.jsonl, "
                + "removed.csv)"));
        bindForgetResults();
        bindChart();
        bindGallery(running);
        bindHistogram();
        bindDetail();
    }

    public UnlearningViewModel viewModel() {
        return vm;
    }

    /** A forget run shows its figures in place of the iteration chart, which it has none for. */
    private void bindForgetResults() {
        ForgetResultsViewModel forget = vm.forgetResults();
        forgetPaneController.bind(forget);
        forgetPane.visibleProperty().bind(forget.showingProperty());
        chartFigure.visibleProperty().bind(forget.showingProperty().not());
        forget.showingProperty().addListener((obs, old, on) -> split.setDividerPositions(on ? 0.68 : 0.45));
    }

    // ---- iteration chart ---------------------------------------------------------------------------------

    private void bindChart() {
        cleanSeries.setName("Clean");
        attacks = new RobustnessSeries(this::pointTip);
        thresholdSeries.setName("Threshold");
        sizeSeries.setName("Training-set size");
        Charts.style(cleanSeries, ColorMaps.CLEAN, false, 2.5, d -> pointTip("Clean accuracy", d));
        Charts.style(thresholdSeries, Color.web("#333333"), true, 1.5, null);
        Charts.style(sizeSeries, ColorMaps.TRAIN_SIZE, false, 2, d -> pointTip("Training-set size", d));
        List<XYChart.Series<Number, Number>> drawn = new ArrayList<>(List.of(thresholdSeries, cleanSeries));
        drawn.addAll(attacks.inDrawingOrder());
        iterationChart.getData().setAll(drawn);
        sizeChart.getData().setAll(List.of(sizeSeries));
        accuracyY.setTickLabelFormatter(Charts.percentAxis());
        sizeY.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%,d", n.longValue());
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s.replace(",", ""));
            }
        });
        // The overlay only contributes its line and right axis; its own x axis must not show twice.
        sizeX.setTickLabelFill(Color.TRANSPARENT);
        sizeX.setTickMarkVisible(false);
        thresholdLegend.setText("Threshold");
        thresholdLegend.setGraphic(Charts.legendEntry("", Color.web("#333333"), true).getGraphic());
        List<Node> legend = new ArrayList<>();
        legend.add(Charts.legendEntry("Clean", ColorMaps.CLEAN, false));
        legend.addAll(attacks.legendEntries());
        legend.add(thresholdLegend);
        legend.add(Charts.legendEntry("Training-set size (right axis)", ColorMaps.TRAIN_SIZE, false));
        chartLegendBox.getChildren().setAll(Charts.legend(legend.toArray(Node[]::new)));
        vm.iterations().addListener((ListChangeListener<IterationMetrics>) c -> refreshChart());
        vm.configProperty().addListener((obs, old, c) -> refreshChart());

        MenuItem csv = new MenuItem("Export per-iteration metrics as CSV…");
        csv.setOnAction(e -> onExportMetricsCsv());
        chartExport = ChartExport.install(iterationChart, chartFigure, "unlearning-iterations",
                iterationChart::getTitle, csv).onStatus(vm::showStatus);
        refreshChart();
    }

    private String pointTip(String what, XYChart.Data<Number, Number> d) {
        IterationMetrics m = (IterationMetrics) d.getExtraValue();
        String value = what.startsWith("Training") ? String.format(Locale.ROOT, "%,d samples", d.getYValue().intValue())
                : Charts.percent(d.getYValue().doubleValue());
        if (m == null) {
            return what + ": " + value;
        }
        return String.format(Locale.ROOT, "Iteration %d%n%s: %s%n%nClean %s · FGSM stable %s · FGSM paper %s · PGD %s"
                        + "%nZero gradient: %s (stable) · %s (paper)%nTraining set %,d · removed so far %,d"
                        + "%nEvaluated on %,d test images, %.1f s",
                m.iteration(), what, value, Charts.percent(m.clean().accuracy()),
                Charts.percent(m.fgsmStable().accuracy()), Charts.percent(m.fgsmPaper().accuracy()),
                Charts.percent(m.pgd().accuracy()), Charts.percent(m.fgsmStable().zeroGradientShare()),
                Charts.percent(m.fgsmPaper().zeroGradientShare()), m.trainSize(), m.removedTotal(), m.evaluated(),
                m.millis() / 1000.0);
    }

    private void refreshChart() {
        List<IterationMetrics> rows = vm.loopRows();
        fill(cleanSeries, rows, m -> m.clean().accuracy());
        fill(attacks.stable, rows, m -> m.fgsmStable().accuracy());
        fill(attacks.paper, rows, m -> m.fgsmPaper().accuracy());
        fill(attacks.pgd, rows, m -> m.pgd().accuracy());
        fill(attacks.zeroStable, rows, m -> m.fgsmStable().zeroGradientShare());
        fill(attacks.zeroPaper, rows, m -> m.fgsmPaper().zeroGradientShare());
        fill(sizeSeries, rows, IterationMetrics::trainSize);

        int last = rows.isEmpty() ? 1 : Math.max(1, rows.get(rows.size() - 1).iteration());
        double unit = Math.max(1, Math.ceil(last / 15.0));
        for (NumberAxis x : List.of(iterationX, sizeX)) {
            x.setUpperBound(last);
            x.setTickUnit(unit);
        }
        double t = vm.threshold();
        if (Double.isNaN(t)) {
            thresholdSeries.getData().clear();
            thresholdLegend.setText("Threshold (none)");
        } else {
            List<XYChart.Data<Number, Number>> line = List.of(new XYChart.Data<>(0, t), new XYChart.Data<>(last, t));
            Charts.setAll(thresholdSeries, line);
            Metric metric = vm.thresholdMetric();
            thresholdLegend.setText("Threshold: stop when " + metric.label() + " ≥ " + Charts.percent(t));
        }

        IterationMetrics fin = vm.finalRow();
        finalLabel.setText(fin == null ? (rows.isEmpty() ? "No iterations yet." : "")
                : String.format(Locale.ROOT, "Final model on all %,d test images: clean %s · FGSM stable %s · "
                        + "FGSM paper %s · PGD %s · zero-gradient share %s (stable), %s (paper)",
                fin.evaluated(), Charts.percent(fin.clean().accuracy()), Charts.percent(fin.fgsmStable().accuracy()),
                Charts.percent(fin.fgsmPaper().accuracy()), Charts.percent(fin.pgd().accuracy()),
                Charts.percent(fin.fgsmStable().zeroGradientShare()), Charts.percent(fin.fgsmPaper().zeroGradientShare())));
    }

    private static void fill(XYChart.Series<Number, Number> s, List<IterationMetrics> rows,
                             ToDoubleFunction<IterationMetrics> y) {
        // Points that are already drawn stay (with their tooltips); new iterations are appended as they finish.
        boolean prefixSame = s.getData().size() <= rows.size();
        for (int i = 0; prefixSame && i < s.getData().size(); i++) {
            prefixSame = s.getData().get(i).getExtraValue() == rows.get(i);
        }
        if (!prefixSame) {
            s.getData().clear();
        }
        for (int i = s.getData().size(); i < rows.size(); i++) {
            IterationMetrics m = rows.get(i);
            Charts.append(s, new XYChart.Data<>(m.iteration(), y.applyAsDouble(m), m));
        }
    }

    // ---- gallery -----------------------------------------------------------------------------------------

    private void bindGallery(ObservableBooleanValue running) {
        RemovedGalleryModel g = vm.gallery();
        gridView = new GridView<>(g.visible());
        gridView.getStyleClass().add("removed-grid");
        gridView.setCellWidth(2 * RemovedSampleCell.THUMB + 16);
        gridView.setCellHeight(RemovedSampleCell.THUMB + 42);
        // Cells grow with the text, so their captions still fit in presentation mode's larger font.
        shownLabel.fontProperty().addListener((obs, old, f) -> {
            double scale = Math.max(1, f.getSize() / 13.0);
            gridView.setCellWidth(Math.round((2 * RemovedSampleCell.THUMB + 16) * scale));
            gridView.setCellHeight(Math.round(RemovedSampleCell.THUMB + 42 * scale));
        });
        gridView.setHorizontalCellSpacing(4);
        gridView.setVerticalCellSpacing(4);
        gridView.setCellFactory(v -> new RemovedSampleCell(vm, cleanCache, twinCache));
        galleryHolder.getChildren().setAll(gridView);
        Label empty = new Label("No removed samples yet. They appear here as the unlearning loop removes them.");
        empty.getStyleClass().add("gallery-empty");
        empty.visibleProperty().bind(Bindings.isEmpty(g.visible()));
        empty.setMouseTransparent(true);
        galleryHolder.getChildren().add(empty);

        sortBox.getItems().setAll(GallerySort.values());
        sortBox.valueProperty().bindBidirectional(g.sortProperty());
        classBox.setItems(withAll(g.classes()));
        classBox.setConverter(choiceConverter("All classes", c -> "Class " + className(c)));
        classBox.setValue(-1);
        classBox.valueProperty().addListener((obs, old, v) -> g.classFilterProperty().set(v == null || v < 0 ? null : v));
        g.classFilterProperty().addListener((obs, old, v) -> classBox.setValue(v == null ? -1 : v));
        iterationBox.setItems(withAll(g.iterations()));
        iterationBox.setConverter(choiceConverter("All iterations", i -> "Iteration " + i));
        iterationBox.setValue(-1);
        iterationBox.valueProperty().addListener((obs, old, v) ->
                g.iterationFilterProperty().set(v == null || v < 0 ? null : v));
        g.iterationFilterProperty().addListener((obs, old, v) -> iterationBox.setValue(v == null ? -1 : v));
        shownLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%,d of %,d shown", g.shownProperty().get(), g.samples().size()),
                g.shownProperty(), g.samples()));
        galleryHint.textProperty().bind(Bindings.createStringBinding(() -> hint(running.get()), vm.configProperty(),
                vm.modelZipProperty(), vm.showingFolderProperty(), running, vm.forgetResults().showingProperty()));
        galleryTitle.textProperty().bind(Bindings.createStringBinding(vm::galleryTitle,
                vm.forgetResults().showingProperty()));
        histogram.titleProperty().bind(Bindings.createStringBinding(vm::perClassTitle,
                vm.forgetResults().showingProperty()));
        histY.labelProperty().bind(Bindings.createStringBinding(vm::galleryTitle,
                vm.forgetResults().showingProperty()));

        MenuItem sheet = new MenuItem("Save gallery as PNG contact sheet…");
        sheet.setOnAction(e -> onExportSheet());
        MenuItem csv = new MenuItem("Save gallery as CSV…");
        csv.setOnAction(e -> onExportCsv());
        ContextMenu menu = new ContextMenu(sheet, csv);
        gridView.setOnContextMenuRequested(e -> menu.show(gridView, e.getScreenX(), e.getScreenY()));
        vm.twinGenerationProperty().addListener((obs, old, n) -> twinCache.clear());
    }

    private String hint(boolean running) {
        ExperimentConfig c = vm.configProperty().get();
        if (vm.forgetResults().showingProperty().get()) {
            return "The training digits the request asked to forget · label · what the original model predicted for"
                    + " each, and its loss there, before the method unlearned it";
        }
        if (running && !vm.showingFolderProperty().get()) {
            return "Left: the training digit that was removed · right: its adversarial twin, drawn once the run "
                    + "finishes (the engine is busy with the run until then). Label → prediction of the adversarial "
                    + "version when it was ranked.";
        }
        String attack = vm.twinAttack().label() + String.format(Locale.ROOT, ", ε = %.3f", vm.twinEpsilon());
        String model = vm.showingFolderProperty().get() && vm.modelZipProperty().get() != null
                ? "the run's final model" : "the app's current model";
        return "Left: removed training digit · right: its adversarial twin (" + attack + ", " + model
                + ") · label → what the model predicted for the adversarial version when it was ranked"
                + (c == null ? "" : " in run '" + c.name() + "'");
    }

    private static javafx.collections.ObservableList<Integer> withAll(javafx.collections.ObservableList<Integer> items) {
        javafx.collections.ObservableList<Integer> out = javafx.collections.FXCollections.observableArrayList();
        Runnable sync = () -> {
            List<Integer> all = new ArrayList<>();
            all.add(-1);
            all.addAll(items);
            // Edit in place rather than setAll: replacing every item clears the combo box's selection,
            // which left the filter blank each time a new iteration or class arrived during a run.
            out.retainAll(all);
            for (int i = 0; i < all.size(); i++) {
                if (i >= out.size() || !out.get(i).equals(all.get(i))) {
                    out.add(i, all.get(i));
                }
            }
        };
        items.addListener((ListChangeListener<Integer>) c -> sync.run());
        sync.run();
        return out;
    }

    private static StringConverter<Integer> choiceConverter(String all, java.util.function.IntFunction<String> one) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null || v < 0 ? all : one.apply(v);
            }

            @Override
            public Integer fromString(String s) {
                return -1;
            }
        };
    }

    private String className(int c) {
        return c >= 0 && c < vm.classNames().size() ? vm.classNames().get(c) : Integer.toString(c);
    }

    GridView<RemovedSample> gridView() {
        return gridView;
    }

    ThumbnailCache<Integer> cleanCache() {
        return cleanCache;
    }

    VBox detailOverlay() {
        return detailOverlay;
    }

    DigitDetailPane detailPane() {
        return detailPane;
    }

    // ---- histogram ---------------------------------------------------------------------------------------

    private void bindHistogram() {
        histogram.getData().setAll(List.of(countSeries));
        histY.setTickLabelFormatter(Charts.wholeNumberAxis());
        vm.gallery().classCountsProperty().addListener((obs, old, counts) -> refreshHistogram());
        vm.gallery().classFilterProperty().addListener((obs, old, c) -> refreshHistogram());
        vm.classNames().addListener((ListChangeListener<String>) c -> refreshHistogram());
        histogramExport = ChartExport.install(histogram, histogramFigure, "removals-per-class",
                () -> "Removed samples per class").onStatus(vm::showStatus);
        refreshHistogram();
    }

    private void refreshHistogram() {
        int[] counts = vm.gallery().classCountsProperty().get();
        if (countSeries.getData().size() != counts.length) {
            List<XYChart.Data<String, Number>> bars = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                XYChart.Data<String, Number> d = new XYChart.Data<>(className(c), counts[c]);
                int cls = c;
                d.nodeProperty().addListener((obs, old, node) -> decorateBar(node, cls));
                bars.add(d);
            }
            countSeries.getData().setAll(bars);
        }
        for (int c = 0; c < counts.length; c++) {
            XYChart.Data<String, Number> d = countSeries.getData().get(c);
            d.setYValue(counts[c]);
            decorateBar(d.getNode(), c);
        }
    }

    private void decorateBar(Node node, int cls) {
        if (node == null) {
            return;
        }
        Integer filter = vm.gallery().classFilterProperty().get();
        boolean chosen = filter != null && filter == cls;
        node.setStyle("-fx-bar-fill: " + Charts.web(chosen ? ColorMaps.FGSM_PAPER : ColorMaps.PGD) + ";");
        int n = vm.gallery().classCountsProperty().get().length > cls ? vm.gallery().classCountsProperty().get()[cls] : 0;
        Tooltip.install(node, new Tooltip("Class " + className(cls) + ": " + n + " removed"
                + (chosen ? "\nClick again to show every class" : "\nClick to show only this class")));
        node.setOnMouseClicked(e -> {
            Integer cur = vm.gallery().classFilterProperty().get();
            vm.gallery().classFilterProperty().set(cur != null && cur == cls ? null : cls);
        });
        node.setStyle(node.getStyle() + " -fx-cursor: hand;");
    }

    /** Bar heights as drawn; for tests. */
    int[] histogramValues() {
        return countSeries.getData().stream().mapToInt(d -> d.getYValue().intValue()).toArray();
    }

    // ---- detail ------------------------------------------------------------------------------------------

    private void bindDetail() {
        detailPane.setSubject("Training digit");
        vm.gallery().selectedProperty().addListener((obs, old, s) -> showDetail(s));
        vm.twins().addListener((MapChangeListener<Integer, AdversarialDigit>) c -> {
            RemovedSample s = vm.gallery().selectedProperty().get();
            if (s != null && c.wasAdded() && c.getKey() == s.datasetIndex()) {
                showDetail(s);
            }
        });
        detailOverlay.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onCloseDetail();
            } else if (e.getCode() == KeyCode.LEFT) {
                onPrevious();
            } else if (e.getCode() == KeyCode.RIGHT) {
                onNext();
            }
        });
    }

    private void showDetail(RemovedSample s) {
        detailOverlay.setVisible(s != null);
        if (s == null) {
            return;
        }
        detailInfo.setText(String.format(Locale.ROOT, "Removed in iteration %d · adversarial loss %.4f when ranked "
                        + "(its adversarial version was predicted as %s)", s.iteration(), s.loss(),
                className(s.adversarialPrediction())));
        AdversarialDigit twin = vm.twins().get(s.datasetIndex());
        if (twin == null) {
            vm.requestTwin(s);
            detailPane.setEmptyText("Training digit #" + s.datasetIndex() + ": computing its adversarial twin…");
            detailPane.show(null, 0, "", vm.classNames());
        } else {
            detailPane.show(twin, vm.twinEpsilon(), String.format(Locale.ROOT, "%s, ε = %.3f, with %s",
                    vm.twinAttack().label(), vm.twinEpsilon(),
                    vm.modelZipProperty().get() != null ? "the run's final model" : "the current model"),
                    vm.classNames());
        }
        detailOverlay.requestFocus();
    }

    @FXML
    void onCloseDetail() {
        vm.gallery().selectedProperty().set(null);
    }

    @FXML
    void onPrevious() {
        vm.gallery().selectRelative(-1);
    }

    @FXML
    void onNext() {
        vm.gallery().selectRelative(1);
    }

    // ---- sources and export ------------------------------------------------------------------------------

    @FXML
    void onShowSession() {
        vm.showSession();
    }

    @FXML
    void onOpenFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a run folder");
        Path root = vm.runsRoot();
        if (root != null && Files.isDirectory(root)) {
            dc.setInitialDirectory(root.toFile());
        }
        File dir = dc.showDialog(window());
        if (dir != null) {
            vm.openFolder(dir.toPath());
        }
    }

    @FXML
    void onExportChart() {
        File f = chooseFile("Save the iteration chart", "unlearning-iterations.png", "PNG image (2x)", "*.png");
        if (f != null) {
            exportChart(f.toPath());
        }
    }

    @FXML
    void onExportChartSvg() {
        File f = chooseFile("Save the iteration chart", "unlearning-iterations.svg", "SVG image", "*.svg");
        if (f != null) {
            exportChartSvg(f.toPath());
        }
    }

    @FXML
    void onExportHistogram() {
        File f = chooseFile("Save the removals per class", "removals-per-class.png", "PNG image (2x)", "*.png");
        if (f != null) {
            exportHistogram(f.toPath());
        }
    }

    @FXML
    void onExportMetricsCsv() {
        File f = chooseFile("Save the per-iteration metrics as CSV", "iterations.csv", "CSV table", "*.csv");
        if (f != null) {
            vm.exportIterationsCsv(f.toPath());
        }
    }

    @FXML
    void onExportSheet() {
        File f = chooseFile("Save the gallery as a contact sheet", "removed-samples.png", "PNG image", "*.png");
        if (f != null) {
            vm.exportContactSheet(f.toPath());
        }
    }

    @FXML
    void onExportCsv() {
        File f = chooseFile("Save the gallery as CSV", "removed-samples.csv", "CSV table", "*.csv");
        if (f != null) {
            vm.exportCsv(f.toPath());
        }
    }

    /** Writes the iteration chart with its legend and final-row line, at twice its size on screen. */
    void exportChart(Path file) {
        write(file, "png", chartExport::writePng);
    }

    /** Writes the iteration chart's accuracy series as SVG (the training-set size overlay has its own axis). */
    void exportChartSvg(Path file) {
        write(file, "svg", chartExport::writeSvg);
    }

    void exportHistogram(Path file) {
        write(file, "png", histogramExport::writePng);
    }

    private interface FigureWriter {
        void write(Path file) throws IOException;
    }

    private void write(Path file, String extension, FigureWriter writer) {
        Path f = ImageExport.withExtension(file, extension);
        try {
            writer.write(f);
            vm.figureSaved(f, null);
        } catch (IOException | RuntimeException e) {
            vm.figureSaved(f, e);
        }
    }

    private File chooseFile(String title, String name, String description, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        return fc.showSaveDialog(window());
    }

    private javafx.stage.Window window() {
        return titleLabel.getScene() == null ? null : titleLabel.getScene().getWindow();
    }

}
