package org.unlearnlab.app.runs;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.engine.runs.RunStatus;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Binds the Runs table to {@link RunsViewModel}. */
public final class RunsView {
    @FXML private Label locationLabel;
    @FXML private TableView<RunRow> table;
    @FXML private TableColumn<RunRow, String> nameColumn;
    @FXML private TableColumn<RunRow, String> startedColumn;
    @FXML private TableColumn<RunRow, String> strategyColumn;
    @FXML private TableColumn<RunRow, String> modelColumn;
    @FXML private TableColumn<RunRow, RunStatus> statusColumn;
    @FXML private TableColumn<RunRow, Number> iterationsColumn;
    @FXML private TableColumn<RunRow, Number> cleanColumn;
    @FXML private TableColumn<RunRow, Number> fgsmColumn;
    @FXML private TableColumn<RunRow, Number> pgdColumn;
    @FXML private Button refreshButton;
    @FXML private Button copyButton;
    @FXML private Label messageLabel;

    private RunsViewModel viewModel;

    public void init(AppContext context) {
        init(new RunsViewModel(context));
    }

    void init(RunsViewModel vm) {
        this.viewModel = vm;
        locationLabel.setText("Every run is recorded in its own folder under " + vm.storeLocation()
                + " (config, metrics, removed samples, final model).");
        table.setItems(vm.runs());
        table.setPlaceholder(new Label("No runs yet: run an experiment on the Experiment page."));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        startedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().started()));
        strategyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().strategy()));
        modelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().model()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        statusColumn.setCellFactory(col -> new StatusCell());
        iterationsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().iterations()));
        percent(cleanColumn, RunRow::clean);
        percent(fgsmColumn, RunRow::fgsm);
        percent(pgdColumn, RunRow::pgd);

        vm.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        copyButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        refreshButton.disableProperty().bind(vm.loadingProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.refresh();
    }

    private static void percent(TableColumn<RunRow, Number> column, ToDoubleFunction<RunRow> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(c.getValue())));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : Double.isNaN(item.doubleValue()) ? "–"
                        : String.format(Locale.US, "%.1f%%", 100 * item.doubleValue()));
            }
        });
        column.getStyleClass().add("number-column");
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
            }
        }
    }

    @FXML
    private void onRefresh() {
        viewModel.refresh();
    }

    @FXML
    private void onCopyFolder() {
        viewModel.copySelectedFolder(path -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(path);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    public RunsViewModel viewModel() {
        return viewModel;
    }
}
