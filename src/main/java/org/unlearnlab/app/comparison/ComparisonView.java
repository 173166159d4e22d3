package org.unlearnlab.app.comparison;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Callback;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.app.common.diagnostics.DiagnosticsPane;
import org.unlearnlab.app.common.diagnostics.DiagnosticsText;
import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.report.ForgetSideBySide;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** Binds the Compare page to {@link ComparisonViewModel}; the folder chooser and the report dialog live here. */
public final class ComparisonView {
    @FXML private ComboBox<ComparisonViewModel.ConfigChoice> configBox;
    @FXML private HBox strategyBoxes;
    @FXML private CheckBox diagnoseCheck;
    @FXML private Spinner<Integer> subsetSpinner;
    @FXML private Button compareButton;
    @FXML private Button cancelButton;
    @FXML private Button openButton;
    @FXML private Button reportButton;
    @FXML private Button csvButton;
    @FXML private Label configSummary;
    @FXML private HBox progressRow;
    @FXML private ProgressBar progressBar;
    @FXML private Label stageLabel;
    @FXML private Label etaLabel;
    @FXML private Label messageLabel;
    @FXML private IterationOverlayChart overlayChart;
    @FXML private TableView<StrategyRow> table;
    @FXML private TableColumn<StrategyRow, String> strategyColumn;
    @FXML private TableColumn<StrategyRow, String> stateColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> iterationColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> removedColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> cleanColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> fgsmStableColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> fgsmPaperColumn;
    @FXML private TableColumn<StrategyRow, IterationMetrics> pgdColumn;
    @FXML private TableColumn<StrategyRow, DiagnosticsReport> verdictColumn;
    @FXML private Label logLabel;
    @FXML private DiagnosticsPane diagnosticsPane;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private javafx.scene.layout.VBox forgetCard;
    @FXML private Label forgetNoteLabel;
    @FXML private TableView<ForgetSideBySide.Row> forgetTable;
    @FXML private Label forgetMessageLabel;

    private final ComparisonViewModel viewModel;
    /** Opens the HTML report in the desktop's browser; null where there is none (tests, a headless screen). */
    private final Consumer<String> documentOpener;
    /** True while the view copies the view-model's selection into the table, so the copy does not echo back. */
    private boolean syncing;

    public ComparisonView(ComparisonViewModel viewModel, Consumer<String> documentOpener) {
        this.viewModel = Objects.requireNonNull(viewModel);
        this.documentOpener = documentOpener;
    }

    @FXML
    private void initialize() {
        ComparisonViewModel vm = viewModel;
        configBox.setItems(vm.configs());
        configBox.valueProperty().bindBidirectional(vm.configProperty());
        configSummary.textProperty().bind(vm.configSummaryProperty());
        for (UnlearningStrategy s : StrategyComparison.ALL) {
            CheckBox box = new CheckBox(s.label());
            box.setId("strategy-" + s.id());
            box.selectedProperty().bindBidirectional(vm.strategySelectedProperty(s));
            box.disableProperty().bind(vm.runningProperty());
            strategyBoxes.getChildren().add(box);
        }
        diagnoseCheck.selectedProperty().bindBidirectional(vm.diagnoseProperty());
        diagnoseCheck.setTooltip(new Tooltip("After each run: FGSM with both losses, PGD, an ε sweep up to 0.5 and a "
                + "transfer attack from a separately trained clean model"));
        subsetSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(100, 10_000,
                vm.diagnosticsSubsetProperty().get(), 100));
        subsetSpinner.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.diagnosticsSubsetProperty().set(v);
            }
        });
        subsetSpinner.disableProperty().bind(vm.diagnoseProperty().not().or(vm.runningProperty()));
        configBox.disableProperty().bind(vm.runningProperty());
        diagnoseCheck.disableProperty().bind(vm.runningProperty());

        compareButton.disableProperty().bind(vm.runningProperty().or(vm.anyStrategyProperty().not()));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        openButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        csvButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.rows()));
        reportButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty())
                .or(vm.folderProperty().isNull()));

        progressBar.progressProperty().bind(vm.progressProperty());
        // The row takes no room until there is something to say (a comparison runs or has just ended).
        progressRow.visibleProperty().bind(vm.runningProperty().or(vm.stageTextProperty().isNotEmpty()));
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        stageLabel.textProperty().bind(vm.stageTextProperty());
        etaLabel.textProperty().bind(vm.etaTextProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        logLabel.textProperty().bind(vm.lastLogProperty());

        overlayChart.placeholderTextProperty().set("Press Compare, or open a comparison folder, to see one curve "
                + "per strategy");
        overlayChart.runs().setAll(vm.curves());
        vm.curves().addListener((ListChangeListener<IterationOverlayChart.RunCurve>) c ->
                overlayChart.runs().setAll(vm.curves()));

        bindTable(vm);
        bindForgetTable(vm.forgetRuns());
        diagnosticsPane.reportProperty().bind(vm.selectedDiagnosticsProperty());
        diagnosticsPane.emptyTextProperty().bind(vm.diagnosticsNoteProperty());

        vm.reportFileProperty().addListener((obs, old, html) -> {
            if (html != null) {
                // Not inside the change notification: the dialog's nested event loop would hold up its other listeners.
                Platform.runLater(() -> offerToOpen(html));
            }
        });
    }

    /** The forget table takes the strategies' place while it holds runs; its columns are the report's. */
    private void bindForgetTable(ForgetComparisonViewModel forget) {
        forgetCard.visibleProperty().bind(forget.showingProperty());
        forgetCard.managedProperty().bind(forgetCard.visibleProperty());
        split.visibleProperty().bind(forget.showingProperty().not());
        split.managedProperty().bind(split.visibleProperty());
        forgetNoteLabel.textProperty().bind(forget.requestNoteProperty());
        forgetMessageLabel.textProperty().bind(forget.messageProperty());
        messageLabel.textProperty().unbind();
        messageLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                        forget.showingProperty().get() ? "" : viewModel.messageProperty().get(),
                forget.showingProperty(), viewModel.messageProperty()));
        List<String> header = forget.header();
        for (int i = 0; i < header.size(); i++) {
            int col = i;
            TableColumn<ForgetSideBySide.Row, String> c = new TableColumn<>(header.get(i));
            c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(
                    forget.cells(d.getValue()).get(col)));
            // Share of the width: the run name, the "0.581 (0.573)" AUC pairs and the collapse text need more.
            c.setPrefWidth(i == header.size() - 1 ? 190 : i == 0 ? 120 : header.get(i).endsWith(" AUC") ? 112 : 80);
            forgetTable.getColumns().add(c);
        }
        forgetTable.setItems(forget.rows());
        forgetTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ForgetSideBySide.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("collapsed-method");
                if (!empty && row != null && row.collapse() != null) {
                    getStyleClass().add("collapsed-method");
                }
            }
        });
        javafx.scene.control.MenuItem remove = new javafx.scene.control.MenuItem("Remove from the table");
        remove.setOnAction(e -> {
            ForgetSideBySide.Row r = forgetTable.getSelectionModel().getSelectedItem();
            if (r != null) {
                forget.remove(r);
            }
        });
        forgetTable.setContextMenu(new javafx.scene.control.ContextMenu(remove));
    }

    @FXML
    void onAddForgetRuns() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a forget run folder, or a folder of runs");
        File dir = chooser.showDialog(table.getScene() == null ? null : table.getScene().getWindow());
        if (dir != null) {
            viewModel.forgetRuns().add(dir.toPath());
        }
    }

    @FXML
    void onClearForgetRuns() {
        viewModel.forgetRuns().clear();
    }

    @FXML
    void onExportCsv() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the comparison table as CSV");
        chooser.setInitialFileName("comparison.csv");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV table", "*.csv"));
        File f = chooser.showSaveDialog(table.getScene() == null ? null : table.getScene().getWindow());
        if (f != null) {
            viewModel.exportTableCsv(f.toPath());
        }
    }

    private void bindTable(ComparisonViewModel vm) {
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No comparison yet"));
        javafx.scene.control.MenuItem csv = new javafx.scene.control.MenuItem("Export table as CSV…");
        csv.setOnAction(e -> onExportCsv());
        table.setContextMenu(new javafx.scene.control.ContextMenu(csv));
        strategyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        strategyColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String label, boolean empty) {
                super.updateItem(label, empty);
                StrategyRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : label);
                setTooltip(row == null ? null : new Tooltip(ComparisonViewModel.describe(row.id())));
            }
        });
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        for (TableColumn<StrategyRow, IterationMetrics> col : java.util.List.of(iterationColumn, removedColumn,
                cleanColumn, fgsmStableColumn, fgsmPaperColumn, pgdColumn)) {
            col.setCellValueFactory(c -> c.getValue().latestProperty());
            col.getStyleClass().add("number-column");
        }
        iterationColumn.setCellFactory(metricCell(m -> m.finalFullTest() ? m.iteration() + " (full)"
                : Integer.toString(m.iteration()), m -> m.finalFullTest()
                ? "The final evaluation on the whole test set" : "Evaluated on " + m.evaluated() + " test images"));
        removedColumn.setCellFactory(metricCell(m -> String.format(Locale.ROOT, "%,d", m.removedTotal()), null));
        cleanColumn.setCellFactory(metricCell(m -> percent(m.clean() == null ? Double.NaN : m.clean().accuracy()), null));
        fgsmStableColumn.setCellFactory(metricCell(m -> withZeros(m.fgsmStable()), m -> zeroTip(m.fgsmStable())));
        fgsmPaperColumn.setCellFactory(metricCell(m -> withZeros(m.fgsmPaper()), m -> zeroTip(m.fgsmPaper())));
        pgdColumn.setCellFactory(metricCell(m -> m.pgd() == null ? "–" : percent(m.pgd().accuracy()), null));
        verdictColumn.setCellValueFactory(c -> c.getValue().diagnosticsProperty());
        verdictColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(DiagnosticsReport r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(DiagnosticsText.badge(r.overall()));
                badge.getStyleClass().addAll("verdict-badge", DiagnosticsText.styleClass(r.overall()));
                badge.setMinWidth(Label.USE_PREF_SIZE);
                setGraphic(badge);
            }
        });

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!syncing && row != null) {
                vm.selectedProperty().set(row);
            }
        });
        vm.selectedProperty().addListener((obs, old, row) -> select(row));
        vm.rows().addListener((ListChangeListener<StrategyRow>) c -> select(vm.selectedProperty().get()));
    }

    private void select(StrategyRow row) {
        syncing = true;
        try {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        } finally {
            syncing = false;
        }
    }

    private static Callback<TableColumn<StrategyRow, IterationMetrics>, TableCell<StrategyRow, IterationMetrics>>
    metricCell(Function<IterationMetrics, String> text, Function<IterationMetrics, String> tooltip) {
        return col -> new TableCell<>() {
            @Override
            protected void updateItem(IterationMetrics m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : text.apply(m));
                setTooltip(empty || m == null || tooltip == null ? null : new Tooltip(tooltip.apply(m)));
            }
        };
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "–" : Charts.percent(v);
    }

    /** "41.2% (3)": accuracy and, in brackets, the inputs whose gradient was exactly zero. */
    static String withZeros(AttackSummary a) {
        return a == null ? "–" : percent(a.accuracy()) + " (" + a.zeroGradientCount() + ")";
    }

    private static String zeroTip(AttackSummary a) {
        return a == null ? "Not measured" : String.format(Locale.ROOT, "In brackets: %,d of %,d inputs had an exactly "
                + "zero input gradient, so FGSM left them unchanged", a.zeroGradientCount(), a.evaluated());
    }

    // ---- actions -------------------------------------------------------------------------------------------

    @FXML
    void onCompare() {
        viewModel.compare();
    }

    @FXML
    void onCancel() {
        viewModel.cancel();
    }

    @FXML
    void onOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a comparison folder");
        Path start = viewModel.folderProperty().get() != null ? viewModel.folderProperty().get().getParent() : null;
        if (start != null && Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        File dir = chooser.showDialog(table.getScene() == null ? null : table.getScene().getWindow());
        if (dir != null) {
            viewModel.openFolder(dir.toPath());
        }
    }

    @FXML
    void onWriteReport() {
        viewModel.writeReport();
    }

    /** Offers to open the report in the desktop's browser; without one (headless, tests) the message says where it is. */
    private void offerToOpen(Path html) {
        if (documentOpener == null || table.getScene() == null || table.getScene().getWindow() == null) {
            return;
        }
        ButtonType open = new ButtonType("Open report", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The report was written to\n" + html
                + "\n\nOpen it in the browser?", open, ButtonType.CLOSE);
        alert.setTitle("Reproduction report");
        alert.setHeaderText("Report written");
        alert.initOwner(table.getScene().getWindow());
        alert.showAndWait().filter(b -> b == open).ifPresent(b -> {
            try {
                documentOpener.accept(html.toUri().toString());
            } catch (RuntimeException e) {
                messageLabel.textProperty().unbind();
                messageLabel.setText("Cannot open a browser here; the report is " + html);
            }
        });
    }

    /** For tests. */
    ComparisonViewModel viewModel() {
        return viewModel;
    }

    IterationOverlayChart overlayChart() {
        return overlayChart;
    }

    DiagnosticsPane diagnosticsPane() {
        return diagnosticsPane;
    }

    TableView<StrategyRow> table() {
        return table;
    }
}
