package org.unlearnlab.app.training;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import org.unlearnlab.app.common.charts.ChartExport;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import org.unlearnlab.app.services.Errors;

import java.util.Objects;

/** Binds the Training page to {@link TrainingViewModel}; turns its point lists into chart series. */
public final class TrainingView {
    @FXML private BorderPane root;
    @FXML private Label configSummaryLabel;
    @FXML private Button trainButton;
    @FXML private Button cancelButton;
    @FXML private Label blockedLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label lossLabel;
    @FXML private Label accuracyLabel;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> accuracyChart;
    @FXML private NumberAxis lossEpochAxis;
    @FXML private NumberAxis lossAxis;
    @FXML private NumberAxis accuracyEpochAxis;
    @FXML private Label lossPlaceholder;
    @FXML private Label accuracyPlaceholder;
    @FXML private ListView<String> logView;

    private final TrainingViewModel viewModel;
    private final XYChart.Series<Number, Number> lossSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> accuracySeries = new XYChart.Series<>();

    public TrainingView(TrainingViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel);
    }

    @FXML
    private void initialize() {
        TrainingViewModel vm = viewModel;
        configSummaryLabel.textProperty().bind(vm.configSummaryProperty());
        trainButton.disableProperty().bind(vm.canTrainProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        blockedLabel.textProperty().bind(vm.blockedReasonProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());
        lossLabel.textProperty().bind(vm.lossTextProperty());
        accuracyLabel.textProperty().bind(vm.accuracyTextProperty());

        lossSeries.setName("batch loss");
        accuracySeries.setName("test accuracy");
        lossChart.getData().add(lossSeries);
        accuracyChart.getData().add(accuracySeries);
        follow(vm.lossPoints(), lossSeries);
        follow(vm.accuracyPoints(), accuracySeries);
        vm.plannedEpochsProperty().addListener((obs, old, epochs) -> scaleEpochAxes(epochs.intValue()));
        scaleEpochAxes(vm.plannedEpochsProperty().get());
        // Empty, the axis shows the range a 10-class loss starts in (ln 10 = 2.3) rather than a meaningless 0..100.
        lossAxis.autoRangingProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.lossPoints()));
        lossPlaceholder.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.lossPoints()));
        accuracyPlaceholder.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.accuracyPoints()));

        ChartExport.install(lossChart, lossChart, "training-loss", lossChart::getTitle);
        ChartExport.install(accuracyChart, accuracyChart, "training-accuracy", accuracyChart::getTitle);

        logView.setItems(vm.log());
        vm.log().addListener((ListChangeListener<String>) c -> {
            if (!vm.log().isEmpty()) {
                logView.scrollTo(vm.log().size() - 1);
            }
        });
        vm.failureProperty().addListener((obs, old, error) -> {
            if (error != null) {
                showFailure(error);
            }
        });
    }

    private void scaleEpochAxes(int epochs) {
        for (NumberAxis axis : new NumberAxis[]{lossEpochAxis, accuracyEpochAxis}) {
            axis.setAutoRanging(false);
            axis.setLowerBound(0);
            axis.setUpperBound(epochs);
            axis.setTickUnit(epochs <= 2 ? 0.25 : epochs <= 20 ? 1 : Math.ceil(epochs / 10.0));
        }
    }

    private static void follow(javafx.collections.ObservableList<TrainingViewModel.Point> points,
                               XYChart.Series<Number, Number> series) {
        points.addListener((ListChangeListener<TrainingViewModel.Point>) change -> {
            while (change.next()) {
                if (change.wasRemoved() || change.wasReplaced() || change.wasPermutated()) {
                    series.getData().setAll(points.stream().map(TrainingView::data).toList());
                    return;
                }
                for (TrainingViewModel.Point p : change.getAddedSubList()) {
                    series.getData().add(data(p));
                }
            }
        });
    }

    private static XYChart.Data<Number, Number> data(TrainingViewModel.Point p) {
        return new XYChart.Data<>(p.x(), p.y());
    }

    private void showFailure(Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        alert.setTitle("Training failed");
        alert.setHeaderText("Training failed");
        alert.setContentText(Errors.message(error));
        TextArea details = new TextArea(Errors.details(error));
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }

    @FXML
    private void onTrain() {
        viewModel.train();
    }

    @FXML
    private void onCancel() {
        viewModel.cancel();
    }

    public TrainingViewModel viewModel() {
        return viewModel;
    }
}
