package org.unlearnlab.app.unlearning;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * The forget-run part of the Unlearning page (ForgetResultsView.fxml, included in UnlearningView.fxml): binds the
 * {@link ForgetResultsViewModel} the Unlearning page hands it.
 */
public class ForgetResultsView {
    @FXML private Label headingLabel;
    @FXML private Label collapseLabel;
    @FXML private TableView<ForgetResultsViewModel.FigureRow> figuresTable;
    @FXML private TableColumn<ForgetResultsViewModel.FigureRow, String> modelColumn;
    @FXML private TableColumn<ForgetResultsViewModel.FigureRow, String> testColumn;
    @FXML private TableColumn<ForgetResultsViewModel.FigureRow, String> forgetColumn;
    @FXML private TableColumn<ForgetResultsViewModel.FigureRow, String> remainingColumn;
    @FXML private TableColumn<ForgetResultsViewModel.FigureRow, String> timeColumn;
    @FXML private Label distanceLabel;
    @FXML private Label repeatsLabel;
    @FXML private Label sisaLabel;
    @FXML private Button auditButton;
    @FXML private Button cancelAuditButton;
    @FXML private ProgressBar auditProgress;
    @FXML private Label auditStatusLabel;
    @FXML private TableView<ForgetResultsViewModel.AuditRow> auditTable;
    @FXML private TableColumn<ForgetResultsViewModel.AuditRow, String> attackColumn;
    @FXML private TableColumn<ForgetResultsViewModel.AuditRow, String> auditModelColumn;
    @FXML private TableColumn<ForgetResultsViewModel.AuditRow, String> auditForgetColumn;
    @FXML private TableColumn<ForgetResultsViewModel.AuditRow, String> auditRemainingColumn;
    @FXML private TableColumn<ForgetResultsViewModel.AuditRow, String> auditTestColumn;
    @FXML private Label auditNoteLabel;
    @FXML private ListView<String> hyperList;
    @FXML private VBox epsilonBox;
    @FXML private BarChart<String, Number> epsilonChart;
    @FXML private Label epsilonLabel;
    @FXML private VBox sweepBox;
    @FXML private LineChart<Number, Number> sweepChart;

    private ForgetResultsViewModel vm;

    /** Binds every control to {@code model}; called once by the Unlearning page. */
    public void bind(ForgetResultsViewModel model) {
        this.vm = model;
        headingLabel.textProperty().bind(vm.headingProperty());
        collapseLabel.textProperty().bind(vm.collapseWarningProperty());
        showWhenText(collapseLabel);
        figuresTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        figuresTable.setItems(vm.figures());
        column(modelColumn, ForgetResultsViewModel.FigureRow::model);
        column(testColumn, ForgetResultsViewModel.FigureRow::test);
        column(forgetColumn, ForgetResultsViewModel.FigureRow::forget);
        column(remainingColumn, ForgetResultsViewModel.FigureRow::remaining);
        column(timeColumn, ForgetResultsViewModel.FigureRow::time);
        distanceLabel.textProperty().bind(vm.distanceProperty());
        repeatsLabel.textProperty().bind(vm.repeatsNoteProperty());
        showWhenText(repeatsLabel);
        sisaLabel.textProperty().bind(vm.sisaRetrainedProperty());
        showWhenText(sisaLabel);

        auditButton.disableProperty().bind(vm.auditableProperty().not());
        cancelAuditButton.visibleProperty().bind(vm.auditRunningProperty());
        cancelAuditButton.managedProperty().bind(vm.auditRunningProperty());
        auditProgress.progressProperty().bind(vm.auditProgressProperty());
        auditProgress.visibleProperty().bind(vm.auditRunningProperty());
        auditProgress.managedProperty().bind(vm.auditRunningProperty());
        auditStatusLabel.textProperty().bind(vm.auditStatusProperty());
        showWhenText(auditStatusLabel);
        auditTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        auditTable.setItems(vm.auditRows());
        column(attackColumn, ForgetResultsViewModel.AuditRow::attack);
        column(auditModelColumn, ForgetResultsViewModel.AuditRow::model);
        column(auditForgetColumn, ForgetResultsViewModel.AuditRow::forget);
        column(auditRemainingColumn, ForgetResultsViewModel.AuditRow::remaining);
        column(auditTestColumn, ForgetResultsViewModel.AuditRow::test);
        auditNoteLabel.textProperty().bind(vm.auditNoteProperty());
        styleUninformative();

        hyperList.setItems(vm.hyperParameters());

        XYChart.Series<String, Number> bins = new XYChart.Series<>();
        epsilonChart.getData().add(bins);
        vm.epsilonBins().addListener((ListChangeListener<ForgetResultsViewModel.Bin>) c -> fillBins(bins));
        fillBins(bins);
        epsilonLabel.textProperty().bind(vm.epsilonSummaryProperty());
        epsilonBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.epsilonBins()));
        epsilonBox.managedProperty().bind(epsilonBox.visibleProperty());

        vm.sweep().addListener((ListChangeListener<ForgetResultsViewModel.SweepPoint>) c -> fillSweep());
        vm.methodNameProperty().addListener(o -> fillSweep());
        fillSweep();
        sweepBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.sweep()));
        sweepBox.managedProperty().bind(sweepBox.visibleProperty());
    }

    /** The "uninformative" statement stands out: it says the audit's figures cannot show forgetting here. */
    private void styleUninformative() {
        vm.auditUninformativeProperty().addListener((obs, old, u) -> {
            auditNoteLabel.getStyleClass().remove("uninformative");
            if (u) {
                auditNoteLabel.getStyleClass().add("uninformative");
            }
        });
    }

    private static <R> void column(TableColumn<R, String> c, Function<R, String> value) {
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
    }

    private static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private void fillBins(XYChart.Series<String, Number> bins) {
        bins.getData().setAll(vm.epsilonBins().stream()
                .map(b -> new XYChart.Data<String, Number>(b.label(), b.count())).toList());
    }

    private void fillSweep() {
        XYChart.Series<Number, Number> gold = new XYChart.Series<>();
        gold.setName("retrain (gold)");
        XYChart.Series<Number, Number> method = new XYChart.Series<>();
        method.setName(vm.methodNameProperty().get());
        XYChart.Series<Number, Number> original = new XYChart.Series<>();
        original.setName("original (no forgetting)");
        for (ForgetResultsViewModel.SweepPoint p : vm.sweep()) {
            gold.getData().add(new XYChart.Data<>(p.percent(), p.gold()));
            method.getData().add(new XYChart.Data<>(p.percent(), p.method()));
            original.getData().add(new XYChart.Data<>(p.percent(), p.original()));
        }
        sweepChart.getData().setAll(java.util.List.of(gold, method, original));
    }

    @FXML
    private void onAudit() {
        vm.runAudit();
    }

    @FXML
    private void onCancelAudit() {
        vm.cancelAudit();
    }
}
