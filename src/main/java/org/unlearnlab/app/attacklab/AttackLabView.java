package org.unlearnlab.app.attacklab;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.unlearnlab.app.common.diagnostics.ModelDiagnosticsPanel;
import org.unlearnlab.app.common.diagnostics.ModelDiagnosticsViewModel;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.app.common.digits.DigitDetailPane;
import org.unlearnlab.app.common.digits.DivergingLegend;
import org.unlearnlab.app.common.charts.ChartExport;
import org.unlearnlab.app.common.digits.ImageExport;
import org.unlearnlab.app.common.digits.ProbabilityBars;
import org.unlearnlab.app.common.digits.RobustnessSeries;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.metrics.SweepPoint;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Controller of the attack lab: binds {@code AttackLabView.fxml} to an {@link AttackLabViewModel}. */
public class AttackLabView {
    @FXML private ComboBox<DigitChoice> choiceBox;
    @FXML private ComboBox<Integer> classBox;
    @FXML private Spinner<Integer> countSpinner;
    @FXML private Button newDigitsButton;
    @FXML private HBox attackToggles;
    @FXML private ToggleButton fgsmStableToggle;
    @FXML private ToggleButton fgsmPaperToggle;
    @FXML private ToggleButton pgdToggle;
    @FXML private ToggleButton cwToggle;
    @FXML private Slider epsilonSlider;
    @FXML private Spinner<Double> epsilonSpinner;
    @FXML private DivergingLegend legend;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label statusLabel;
    @FXML private TabPane tabs;
    @FXML private Tab digitsTab;
    @FXML private Tab sweepTab;
    @FXML private Tab drawTab;
    @FXML private ScrollPane gridScroll;
    @FXML private FlowPane grid;
    @FXML private VBox detailOverlay;
    @FXML private DigitDetailPane detailPane;
    @FXML private Spinner<Integer> subsetSpinner;
    @FXML private Button sweepButton;
    @FXML private Button cancelSweepButton;
    @FXML private ProgressBar sweepProgress;
    @FXML private Label sweepStatus;
    @FXML private VBox sweepFigure;
    @FXML private LineChart<Number, Number> sweepChart;
    private ChartExport sweepExport;
    @FXML private NumberAxis sweepY;
    @FXML private HBox sweepLegendBox;
    @FXML private StackPane padHolder;
    @FXML private CheckBox centreCheck;
    @FXML private ProbabilityBars drawBars;
    @FXML private ComboBox<Integer> drawLabelBox;
    @FXML private DigitDetailPane drawDetail;
    @FXML private ModelDiagnosticsPanel diagnosticsPanel;

    private final ToggleGroup attackGroup = new ToggleGroup();
    private final AttackLabViewModel vm;
    private final ModelDiagnosticsViewModel diagnostics;
    private DrawingPad pad;
    // Held so the bidirectional binding of the spinner to the epsilon property is not garbage-collected.
    private ObjectProperty<Double> epsilonObject;

    /** @param diagnostics the "Diagnose model" tab's view-model */
    public AttackLabView(AttackLabViewModel vm, ModelDiagnosticsViewModel diagnostics) {
        this.vm = Objects.requireNonNull(vm);
        this.diagnostics = Objects.requireNonNull(diagnostics);
    }

    @FXML
    private void initialize() {
        bindToolbar();
        bindGrid();
        bindSweep();
        bindDrawing();
        diagnosticsPanel.bind(diagnostics);
    }

    AttackLabViewModel viewModel() {
        return vm;
    }

    // ---- toolbar -----------------------------------------------------------------------------------------

    private void bindToolbar() {
        choiceBox.getItems().setAll(DigitChoice.values());
        choiceBox.valueProperty().bindBidirectional(vm.choiceProperty());
        choiceBox.setTooltip(new Tooltip("Random test digits, only those the model already gets wrong, or those "
                + "with the highest clean loss (least confident)."));

        classBox.setConverter(classConverter("All classes"));
        classBox.getItems().setAll(classItems());
        classBox.setValue(-1);
        classBox.valueProperty().addListener((obs, old, v) ->
                vm.digitClassProperty().set(v == null || v < 0 ? null : v));
        vm.classNames().addListener((ListChangeListener<String>) c -> {
            classBox.setConverter(classConverter("All classes"));
            drawLabelBox.setConverter(classConverter("The model's answer"));
        });

        countSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 96, vm.countProperty().get()));
        countSpinner.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.countProperty().set(v);
            }
        });
        countSpinner.setTooltip(new Tooltip("How many test digits to show"));
        newDigitsButton.setTooltip(new Tooltip("Draw another set of digits with the same choice"));

        fgsmStableToggle.setUserData(AttackKind.FGSM_STABLE);
        fgsmPaperToggle.setUserData(AttackKind.FGSM_PAPER);
        pgdToggle.setUserData(AttackKind.PGD);
        cwToggle.setUserData(AttackKind.CW);
        fgsmStableToggle.setTooltip(new Tooltip("One signed-gradient step on the cross-entropy of the logits: "
                + "numerically stable, so its gradient is rarely zero."));
        fgsmPaperToggle.setTooltip(new Tooltip("FGSM on Keras' clipped-softmax cross-entropy, as in the paper: "
                + "on confident digits the gradient is often exactly zero and the attack does nothing."));
        pgdToggle.setTooltip(new Tooltip("Projected gradient descent: several small steps inside the ε-ball, "
                + "the standard check that a defence is not just masking gradients."));
        cwToggle.setTooltip(new Tooltip("Carlini-Wagner L2: the smallest change (in L2) that flips each digit, found "
                + "by optimisation. It has no ε, so the slider does not apply; each card shows the L2 distance. "
                + "Slow: it attacks the first " + AttackLabViewModel.CW_MAX_DIGITS + " digits only."));
        for (ToggleButton t : List.of(fgsmStableToggle, fgsmPaperToggle, pgdToggle, cwToggle)) {
            t.setToggleGroup(attackGroup);
            if (t.getUserData() == vm.kindProperty().get()) {
                t.setSelected(true);
            }
        }
        attackGroup.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                // A segmented choice always has one attack: clicking the selected one again keeps it.
                old.setSelected(true);
            } else {
                vm.kindProperty().set((AttackKind) t.getUserData());
            }
        });
        vm.kindProperty().addListener((obs, old, k) -> attackGroup.getToggles().forEach(t -> {
            if (t.getUserData() == k) {
                t.setSelected(true);
            }
        }));

        epsilonSlider.valueProperty().bindBidirectional(vm.epsilonProperty());
        SpinnerValueFactory.DoubleSpinnerValueFactory eps = new SpinnerValueFactory.DoubleSpinnerValueFactory(
                0, AttackLabViewModel.MAX_EPSILON, vm.epsilonProperty().get(), 0.005);
        eps.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    double v = Double.parseDouble(s.trim().replace(',', '.'));
                    return Math.max(0, Math.min(AttackLabViewModel.MAX_EPSILON, v));
                } catch (NumberFormatException e) {
                    return vm.epsilonProperty().get();
                }
            }
        });
        epsilonSpinner.setValueFactory(eps);
        epsilonObject = vm.epsilonProperty().asObject();
        eps.valueProperty().bindBidirectional(epsilonObject);
        epsilonSpinner.setTooltip(new Tooltip("ε: how far the attack may move each pixel (pixels are 0 = black "
                + "to 1 = white). Type an exact value and press Enter."));
        epsilonSlider.setTooltip(new Tooltip("Drag to re-attack the digits on screen live (not for C&W, which has no ε)"));
        epsilonSlider.disableProperty().bind(vm.epsilonAppliesProperty().not());
        epsilonSpinner.disableProperty().bind(vm.epsilonAppliesProperty().not());

        legend.epsilonProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> vm.shownEpsilonProperty().get() == null ? vm.epsilonProperty().get()
                        : vm.shownEpsilonProperty().get(),
                vm.shownEpsilonProperty(), vm.epsilonProperty()));
        statusLabel.textProperty().bind(vm.statusProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
    }

    private static List<Integer> classItems() {
        return List.of(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    private StringConverter<Integer> classConverter(String all) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                if (v == null || v < 0) {
                    return all;
                }
                return v < vm.classNames().size() ? "Class " + vm.classNames().get(v) : "Class " + v;
            }

            @Override
            public Integer fromString(String s) {
                return -1;
            }
        };
    }

    // ---- grid and detail ---------------------------------------------------------------------------------

    private void bindGrid() {
        vm.digits().addListener((ListChangeListener<AdversarialDigit>) c -> refreshGrid());
        vm.selectedProperty().addListener((obs, old, d) -> showDetail(d));
        detailOverlay.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onCloseDetail();
            } else if (e.getCode() == KeyCode.LEFT) {
                onPreviousDigit();
            } else if (e.getCode() == KeyCode.RIGHT) {
                onNextDigit();
            }
        });
        refreshGrid();
    }

    private void refreshGrid() {
        List<AdversarialDigit> digits = vm.digits();
        // Reuse the cards: on a slider move only their images change, so the grid neither flickers nor scrolls.
        while (grid.getChildren().size() > digits.size()) {
            grid.getChildren().remove(grid.getChildren().size() - 1);
        }
        while (grid.getChildren().size() < digits.size()) {
            DigitCard card = new DigitCard();
            card.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    vm.selectedProperty().set(card.digit());
                }
            });
            card.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    vm.selectedProperty().set(card.digit());
                }
            });
            card.setFocusTraversable(true);
            grid.getChildren().add(card);
        }
        double eps = shownBudget();
        for (int i = 0; i < digits.size(); i++) {
            ((DigitCard) grid.getChildren().get(i)).show(digits.get(i), eps, vm.classNames());
        }
    }

    private AttackKind shownKind() {
        return vm.shownKindProperty().get() == null ? vm.kindProperty().get() : vm.shownKindProperty().get();
    }

    /** The ε the shown digits were attacked with; NaN when their attack (C&amp;W) has none. */
    private double shownBudget() {
        if (!shownKind().usesEpsilon()) {
            return Double.NaN;
        }
        return vm.shownEpsilonProperty().get() == null ? vm.epsilonProperty().get() : vm.shownEpsilonProperty().get();
    }

    /** The cards in grid order; for tests. */
    List<DigitCard> cards() {
        return grid.getChildren().stream().map(DigitCard.class::cast).toList();
    }

    private void showDetail(AdversarialDigit d) {
        detailOverlay.setVisible(d != null);
        if (d == null) {
            return;
        }
        double eps = shownBudget();
        AttackKind k = shownKind();
        detailPane.show(d, Double.isNaN(eps) ? DigitCard.colourScale(d) : eps, Double.isNaN(eps)
                ? String.format(Locale.ROOT, "%s, L2 distance %.2f", k.label(), d.l2Distance())
                : String.format(Locale.ROOT, "%s, ε = %.3f", k.label(), eps), vm.classNames());
        detailOverlay.requestFocus();
    }

    @FXML
    void onCloseDetail() {
        vm.selectedProperty().set(null);
    }

    @FXML
    void onPreviousDigit() {
        step(-1);
    }

    @FXML
    void onNextDigit() {
        step(1);
    }

    private void step(int delta) {
        List<AdversarialDigit> digits = vm.digits();
        AdversarialDigit cur = vm.selectedProperty().get();
        if (digits.isEmpty() || cur == null) {
            return;
        }
        int i = digits.indexOf(cur);
        int next = Math.floorMod(i + delta, digits.size());
        vm.selectedProperty().set(digits.get(next));
    }

    @FXML
    void onNewDigits() {
        vm.newDigits();
    }

    // ---- sweep -------------------------------------------------------------------------------------------

    private RobustnessSeries sweep;

    private void bindSweep() {
        sweep = new RobustnessSeries(this::sweepTip);
        sweepChart.getData().setAll(sweep.inDrawingOrder());
        sweepY.setTickLabelFormatter(percentAxis());
        sweepLegendBox.getChildren().setAll(Charts.legend(sweep.legendEntries().toArray(Node[]::new)));
        vm.sweepPoints().addListener((ListChangeListener<SweepPoint>) c -> refreshSweep());

        subsetSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(50, 10_000,
                vm.sweepSubsetProperty().get(), 50));
        subsetSpinner.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.sweepSubsetProperty().set(v);
            }
        });
        subsetSpinner.setTooltip(new Tooltip("The first n test images; 500 takes a few seconds, PGD dominates the time."));
        sweepButton.disableProperty().bind(vm.sweepRunningProperty());
        cancelSweepButton.disableProperty().bind(vm.sweepRunningProperty().not());
        sweepProgress.progressProperty().bind(vm.sweepProgressProperty());
        sweepStatus.textProperty().bind(vm.sweepStatusProperty());

        sweepExport = ChartExport.install(sweepChart, sweepFigure, "accuracy-vs-epsilon",
                () -> "Accuracy vs epsilon").onStatus(this::showExportStatus);
    }

    private String sweepTip(String what, XYChart.Data<Number, Number> d) {
        return String.format(Locale.ROOT, "%s\nε = %.3f: %s", what, d.getXValue().doubleValue(),
                Charts.percent(d.getYValue().doubleValue()));
    }

    private void refreshSweep() {
        List<SweepPoint> pts = List.copyOf(vm.sweepPoints());
        fill(sweep.stable, pts, SweepPoint::fgsmStable);
        fill(sweep.paper, pts, SweepPoint::fgsmPaper);
        fill(sweep.pgd, pts, SweepPoint::pgd);
        fill(sweep.zeroStable, pts, SweepPoint::zeroShareStable);
        fill(sweep.zeroPaper, pts, SweepPoint::zeroSharePaper);
    }

    private static void fill(XYChart.Series<Number, Number> s, List<SweepPoint> pts, ToDoubleFunction<SweepPoint> y) {
        // Append only what is new, so points already drawn keep their nodes (and an open tooltip).
        if (s.getData().size() > pts.size()) {
            s.getData().clear();
        }
        for (int i = s.getData().size(); i < pts.size(); i++) {
            Charts.append(s, new XYChart.Data<>(pts.get(i).epsilon(), y.applyAsDouble(pts.get(i))));
        }
    }

    static StringConverter<Number> percentAxis() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%.0f%%", n.doubleValue() * 100);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace("%", "")) / 100;
            }
        };
    }

    @FXML
    void onSweep() {
        vm.runSweep();
    }

    @FXML
    void onCancelSweep() {
        vm.cancelSweep();
    }

    @FXML
    void onExportSweepChart() {
        File f = choosePng("accuracy-vs-epsilon.png");
        if (f != null) {
            exportSweepChart(f.toPath());
        }
    }

    /** Writes the sweep chart with its legend as PNG, at twice its size on screen. */
    void exportSweepChart(Path file) {
        try {
            sweepExport.writePng(ImageExport.withExtension(file, "png"));
        } catch (IOException e) {
            showExportStatus("Could not save the chart: " + e.getMessage());
        }
    }

    /** Shows {@code message} in the status line until the view-model says something new. */
    private void showExportStatus(String message) {
        statusLabel.textProperty().unbind();
        statusLabel.setText(message);
        vm.statusProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                vm.statusProperty().removeListener(this);
                statusLabel.textProperty().bind(vm.statusProperty());
            }
        });
    }

    private File choosePng(String name) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save chart as PNG (2x)");
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        return fc.showSaveDialog(grid.getScene() == null ? null : grid.getScene().getWindow());
    }

    // ---- drawing -----------------------------------------------------------------------------------------

    private void bindDrawing() {
        pad = new DrawingPad(280);
        padHolder.getChildren().setAll(pad);
        pad.drawingProperty().addListener((obs, old, px) -> vm.setDrawing(px));
        centreCheck.selectedProperty().bindBidirectional(vm.centreDrawingProperty());
        centreCheck.setTooltip(new Tooltip("MNIST digits are centred by their centre of mass; a digit drawn off "
                + "centre is often misread. The model is shown the centred version."));
        centreCheck.selectedProperty().addListener((obs, old, on) -> vm.setDrawing(pad.drawingProperty().get()));
        vm.drawProbabilitiesProperty().addListener((obs, old, p) -> drawBars.setProbabilities(p, null, -1));
        drawBars.setKeys("Your drawing", "");

        drawLabelBox.setConverter(classConverter("The model's answer"));
        drawLabelBox.getItems().setAll(classItems());
        drawLabelBox.setValue(-1);
        drawLabelBox.valueProperty().addListener((obs, old, v) ->
                vm.drawLabelProperty().set(v == null || v < 0 ? null : v));
        drawLabelBox.setTooltip(new Tooltip("The digit you meant. The attack pushes away from this label; "
                + "by default it takes the model's current answer."));
        drawDetail.setEmptyText("Draw a digit, then press “Attack my digit” to see what the attack does to it.");
        vm.drawAttackProperty().addListener((obs, old, d) -> {
            double eps = vm.epsilonProperty().get();
            AttackKind k = vm.kindProperty().get();
            // A new stroke clears the old result: it belonged to a different drawing.
            if (d != null && !k.usesEpsilon()) {
                drawDetail.show(d, DigitCard.colourScale(d), String.format(Locale.ROOT, "%s, L2 distance %.2f",
                        k.label(), d.l2Distance()), vm.classNames());
            } else {
                drawDetail.show(d, eps, d == null ? "" : String.format(Locale.ROOT, "%s, ε = %.3f", k.label(), eps),
                        vm.classNames());
            }
        });
        drawDetail.show(null, 0, "", vm.classNames());
    }

    @FXML
    void onClearDrawing() {
        pad.clear();
        drawDetail.show(null, 0, "", vm.classNames());
    }

    @FXML
    void onAttackDrawing() {
        vm.attackDrawing();
    }

    DrawingPad pad() {
        return pad;
    }

    TabPane tabs() {
        return tabs;
    }

    Slider epsilonSlider() {
        return epsilonSlider;
    }
}
