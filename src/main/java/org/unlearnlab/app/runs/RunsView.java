package org.unlearnlab.app.runs;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.DirectoryChooser;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Binds the Runs table, its toolbar and the overlay chart to {@link RunsViewModel}; dialogs live here. */
public final class RunsView {
    @FXML private Label locationLabel;
    @FXML private TextField filterField;
    @FXML private TableView<RunRow> table;
    @FXML private TableColumn<RunRow, String> nameColumn;
    @FXML private TableColumn<RunRow, String> startedColumn;
    @FXML private TableColumn<RunRow, String> strategyColumn;
    @FXML private TableColumn<RunRow, String> modelColumn;
    @FXML private TableColumn<RunRow, RunStatus> statusColumn;
    @FXML private TableColumn<RunRow, Number> iterationsColumn;
    @FXML private TableColumn<RunRow, Number> removedColumn;
    @FXML private TableColumn<RunRow, Number> cleanColumn;
    @FXML private TableColumn<RunRow, Number> fgsmStableColumn;
    @FXML private TableColumn<RunRow, Number> fgsmPaperColumn;
    @FXML private TableColumn<RunRow, Number> pgdColumn;
    @FXML private Button refreshButton;
    @FXML private Button openButton;
    @FXML private Button rerunButton;
    @FXML private Button resumeButton;
    @FXML private Button deleteButton;
    @FXML private Button copyButton;
    @FXML private Button appRootButton;
    @FXML private Button chooseRootButton;
    @FXML private Label messageLabel;
    @FXML private IterationOverlayChart overlayChart;

    private final RunsViewModel viewModel;
    /** True while the view copies the view-model's selection into the table, so the copy does not echo back. */
    private boolean syncing;

    public RunsView(RunsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel);
    }

    @FXML
    private void initialize() {
        RunsViewModel vm = viewModel;
        locationLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.showingAppRoot()
                ? "Every run is recorded in its own folder under " + vm.storeLocation()
                + " (config, metrics, removed samples, final model). Select two or more to compare their curves."
                : "Showing the runs in " + vm.rootProperty().get() + ". This app records its own runs in "
                + vm.storeLocation() + ".", vm.rootProperty()));
        filterField.textProperty().bindBidirectional(vm.filterProperty());

        table.setItems(vm.visibleRuns());
        vm.visibleRuns().comparatorProperty().bind(table.comparatorProperty());
        table.setPlaceholder(new Label("No runs here yet: run an experiment on the Experiment page."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        text(nameColumn, RunRow::name);
        text(startedColumn, RunRow::started);
        text(strategyColumn, RunRow::strategy);
        text(modelColumn, RunRow::model);
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        statusColumn.setCellFactory(col -> new StatusCell());
        count(iterationsColumn, RunRow::iterations);
        count(removedColumn, RunRow::removed);
        percent(cleanColumn, RunRow::clean, r -> "");
        percent(fgsmStableColumn, RunRow::fgsmStable, r -> "");
        // The zero-gradient count says whether the paper-loss FGSM accuracy means anything (see AttackSummary).
        percent(fgsmPaperColumn, RunRow::fgsmPaper, r -> r.paperZeroGradient() < 0 ? ""
                : String.format(Locale.ROOT, " (%,d)", r.paperZeroGradient()));
        percent(pgdColumn, RunRow::pgd, r -> "");
        Label paperHeader = new Label("FGSM paper (zero-grad.)");
        paperHeader.setTooltip(new Tooltip("FGSM accuracy with the paper's loss, and in brackets how many test inputs "
                + "had a zero input gradient, which FGSM leaves unchanged: a high count makes the accuracy meaningless."));
        fgsmPaperColumn.setGraphic(paperHeader);
        fgsmPaperColumn.setText("");

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> {
            if (!syncing) {
                vm.selection().setAll(List.copyOf(table.getSelectionModel().getSelectedItems()));
            }
        });
        vm.selection().addListener((ListChangeListener<RunRow>) c -> selectInTable(vm.selection()));
        table.setRowFactory(t -> {
            TableRow<RunRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.openSelected();
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.openSelected();
            } else if (e.getCode() == KeyCode.DELETE) {
                onDelete();
            }
        });
        table.setContextMenu(contextMenu());

        openButton.disableProperty().bind(vm.oneSelectedProperty().not());
        rerunButton.disableProperty().bind(vm.oneSelectedProperty().not());
        resumeButton.disableProperty().bind(vm.resumableProperty().not());
        copyButton.disableProperty().bind(vm.oneSelectedProperty().not());
        deleteButton.disableProperty().bind(vm.deletableProperty().not());
        refreshButton.disableProperty().bind(vm.loadingProperty());
        appRootButton.visibleProperty().bind(Bindings.createBooleanBinding(() -> !vm.showingAppRoot(),
                vm.rootProperty()));
        appRootButton.managedProperty().bind(appRootButton.visibleProperty());
        messageLabel.textProperty().bind(vm.messageProperty());

        overlayChart.placeholderTextProperty().bind(Bindings.createStringBinding(() ->
                vm.selection().size() < 2 ? "Select two or more runs (Ctrl- or Shift-click) to overlay their curves"
                        : "Reading the runs' metrics…", vm.selection()));
        Bindings.bindContent(overlayChart.runs(), vm.overlay());
        overlayChart.metricProperty().bindBidirectional(vm.overlayMetricProperty());
        vm.refresh();
    }

    private void selectInTable(List<RunRow> rows) {
        if (List.copyOf(table.getSelectionModel().getSelectedItems()).equals(rows)) {
            return;
        }
        syncing = true;
        try {
            table.getSelectionModel().clearSelection();
            rows.forEach(table.getSelectionModel()::select);
        } finally {
            syncing = false;
        }
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem("Open on the Unlearning page");
        open.setOnAction(e -> viewModel.openSelected());
        MenuItem rerun = new MenuItem("Re-run: load its config");
        rerun.setOnAction(e -> viewModel.rerunSelected());
        MenuItem resume = new MenuItem("Resume from its last finished iteration");
        resume.setOnAction(e -> viewModel.resumeSelected());
        resume.disableProperty().bind(viewModel.resumableProperty().not());
        MenuItem copy = new MenuItem("Copy folder path");
        copy.setOnAction(e -> onCopyFolder());
        MenuItem delete = new MenuItem("Delete…");
        delete.setOnAction(e -> onDelete());
        for (MenuItem single : List.of(open, rerun, copy)) {
            single.disableProperty().bind(viewModel.oneSelectedProperty().not());
        }
        delete.disableProperty().bind(viewModel.deletableProperty().not());
        return new ContextMenu(open, rerun, resume, copy, new SeparatorMenuItem(), delete);
    }

    private static void text(TableColumn<RunRow, String> column, Function<RunRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private static void count(TableColumn<RunRow, Number> column, Function<RunRow, Integer> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.getStyleClass().add("number-column");
    }

    /** Percent cells that sort by the number; runs without an evaluation show a dash and sort first. */
    private static void percent(TableColumn<RunRow, Number> column, ToDoubleFunction<RunRow> value,
                                Function<RunRow, String> suffix) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(c.getValue())));
        column.setComparator((a, b) -> Double.compare(nanLow(a), nanLow(b)));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("subset-metric");
                setTooltip(null);
                RunRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || item == null || row == null) {
                    setText(null);
                    return;
                }
                if (Double.isNaN(item.doubleValue())) {
                    setText("–");
                    return;
                }
                setText(String.format(Locale.US, "%.1f%%", 100 * item.doubleValue()) + suffix.apply(row));
                if (!row.finalFullTest()) {
                    getStyleClass().add("subset-metric");
                }
                setTooltip(new Tooltip(row.finalFullTest() ? "Final evaluation on the whole test set"
                        : "From iteration " + row.iterations() + " on the iteration test subset: this run has no "
                        + "final full-test evaluation (italic)"));
            }
        });
        column.getStyleClass().add("number-column");
    }

    private static double nanLow(Number n) {
        return n == null || Double.isNaN(n.doubleValue()) ? Double.NEGATIVE_INFINITY : n.doubleValue();
    }

    /** The status in words plus a colour class; the word alone carries the meaning. */
    private static final class StatusCell extends TableCell<RunRow, RunStatus> {
        @Override
        protected void updateItem(RunStatus status, boolean empty) {
            super.updateItem(status, empty);
            getStyleClass().removeIf(c -> c.startsWith("status-"));
            setTooltip(null);
            if (empty || status == null) {
                setText(null);
                return;
            }
            setText(status.id());
            getStyleClass().add("status-" + status.id());
            RunRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row != null && !row.message().isBlank()) {
                setTooltip(new Tooltip(row.message()));
            } else if (status == RunStatus.INCOMPLETE) {
                setTooltip(new Tooltip("Its process ended without finishing the run (killed, crashed, machine off)"));
            }
        }
    }

    @FXML
    private void onRefresh() {
        viewModel.refresh();
    }

    @FXML
    private void onOpen() {
        viewModel.openSelected();
    }

    @FXML
    private void onRerun() {
        viewModel.rerunSelected();
    }

    @FXML
    private void onResume() {
        viewModel.resumeSelected();
    }

    @FXML
    private void onDelete() {
        String refusal = viewModel.deleteRefusal();
        if (refusal != null) {
            // The view-model says why; no dialog for something that cannot be done.
            viewModel.deleteSelected();
            return;
        }
        List<RunRow> rows = List.copyOf(viewModel.selection());
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(table.getScene() == null ? null : table.getScene().getWindow());
        confirm.setTitle("Delete runs");
        confirm.setHeaderText("Delete " + RunsViewModel.describe(rows) + "?");
        String what = rows.size() == 1 ? "This folder and everything in it" : "These folders and everything in them";
        String folders = rows.stream().limit(8).map(r -> r.folder().toString()).collect(Collectors.joining("\n"));
        confirm.setContentText(what + " (config, metrics, removed samples, model) will be deleted for good:\n"
                + folders + (rows.size() > 8 ? "\n…" : ""));
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, delete);
        // Cancel is the default, so a reflexive Enter keeps the runs.
        ((Button) confirm.getDialogPane().lookupButton(delete)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        if (confirm.showAndWait().filter(delete::equals).isPresent()) {
            viewModel.deleteSelected();
        }
    }

    @FXML
    private void onCopyFolder() {
        viewModel.copySelectedFolder(path -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(path);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    @FXML
    private void onChooseRoot() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder of runs");
        Path current = viewModel.rootProperty().get();
        if (current != null && Files.isDirectory(current)) {
            chooser.setInitialDirectory(current.toFile());
        }
        File dir = chooser.showDialog(table.getScene().getWindow());
        if (dir != null) {
            viewModel.chooseRoot(dir.toPath());
        }
    }

    @FXML
    private void onAppRoot() {
        viewModel.useAppRoot();
    }

    public RunsViewModel viewModel() {
        return viewModel;
    }
}
