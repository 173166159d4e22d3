package org.unlearnlab.app.requests;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitView;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.config.TwinMetric;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Binds the Requests page to {@link RequestsViewModel}: choices to controls, lists to tiles and bars. */
public final class RequestsView {
    private static final double THUMB = 48;

    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label configSummary;
    @FXML private Label problemLabel;
    @FXML private ComboBox<SystemKnowledge> systemBox;
    @FXML private ComboBox<TrainingSetKnowledge> trainingSetBox;
    @FXML private ComboBox<ForgetRequestKind> kindBox;
    @FXML private Spinner<Integer> countSpinner;
    @FXML private Spinner<Integer> classSpinner;
    @FXML private ComboBox<ForgetMethod> methodBox;
    @FXML private Spinner<Integer> repeatsSpinner;
    @FXML private CheckBox randomSparesBox;
    @FXML private CheckBox twinsBox;
    @FXML private ComboBox<TwinMetric> metricBox;
    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Label requestSummary;
    @FXML private FlowPane requestedGrid;
    @FXML private ComboBox<String> galleryBox;
    @FXML private FlowPane galleryGrid;
    @FXML private BarChart<String, Number> accuracyChart;
    @FXML private Label resultSummary;
    @FXML private ListView<String> logView;

    private final RequestsViewModel viewModel;

    public RequestsView(RequestsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel);
    }

    public RequestsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        RequestsViewModel vm = viewModel;
        runButton.disableProperty().bind(vm.canRunProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        progressBar.progressProperty().bind(vm.progressProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        configSummary.textProperty().bind(vm.configSummaryProperty());
        problemLabel.textProperty().bind(vm.problemProperty());
        requestSummary.textProperty().bind(vm.requestSummaryProperty());
        resultSummary.textProperty().bind(vm.resultSummaryProperty());
        logView.setItems(vm.log());

        choice(systemBox, List.of(SystemKnowledge.values()), vm.systemProperty(), SystemKnowledge::label);
        choice(trainingSetBox, List.of(TrainingSetKnowledge.values()), vm.trainingSetProperty(),
                TrainingSetKnowledge::label);
        choice(kindBox, RequestsViewModel.KINDS, vm.kindProperty(), ForgetRequestKind::label);
        choice(methodBox, RequestsViewModel.METHODS, vm.methodProperty(), ForgetMethod::label);
        choice(metricBox, List.of(TwinMetric.values()), vm.metricProperty(), TwinMetric::label);
        number(countSpinner, 1, 5000, vm.countProperty());
        number(classSpinner, 0, 9, vm.classLabelProperty());
        number(repeatsSpinner, 1, 10, vm.repeatsProperty());
        number(epochsSpinner, 0, 20, vm.healEpochsProperty());
        epochsSpinner.setTooltip(new Tooltip("0 = half the training epochs, rounded up"));
        randomSparesBox.selectedProperty().bindBidirectional(vm.randomSparesProperty());
        twinsBox.selectedProperty().bindBidirectional(vm.twinsProperty());
        metricBox.disableProperty().bind(vm.twinsProperty().not().or(vm.runningProperty()));
        classSpinner.disableProperty().bind(vm.kindProperty().isNotEqualTo(ForgetRequestKind.CLASS)
                .or(vm.runningProperty()));
        for (Node n : List.of(systemBox, trainingSetBox, kindBox, countSpinner, methodBox, repeatsSpinner,
                randomSparesBox, twinsBox, epochsSpinner)) {
            n.disableProperty().bind(vm.runningProperty());
        }

        galleryBox.setItems(vm.galleryChoices());
        galleryBox.valueProperty().bindBidirectional(vm.galleryChoiceProperty());
        follow(vm.requested(), requestedGrid, RequestsView::requestedTile);
        follow(vm.gallery(), galleryGrid, RequestsView::pairTile);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("test accuracy");
        accuracyChart.getData().add(series);
        vm.bars().addListener((ListChangeListener<RequestsBackend.Bar>) c -> series.getData().setAll(
                vm.bars().stream().map(b -> {
                    XYChart.Data<String, Number> d = new XYChart.Data<>(b.label(), b.accuracy());
                    d.nodeProperty().addListener((obs, old, node) -> {
                        if (node != null) {
                            Tooltip.install(node, new Tooltip(String.format(Locale.ROOT, "%s: %.4f (%s)", b.label(),
                                    b.accuracy(), b.detail())));
                        }
                    });
                    return d;
                }).toList()));
    }

    private static <T> void choice(ComboBox<T> box, List<T> items, ObjectProperty<T> value, Function<T, String> name) {
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return items.stream().filter(t -> name.apply(t).equals(s)).findFirst().orElse(null);
            }
        });
        box.valueProperty().bindBidirectional(value);
    }

    private static void number(Spinner<Integer> spinner, int min, int max, IntegerProperty value) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get());
        spinner.setValueFactory(f);
        spinner.setEditable(true);
        f.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                value.set(now);
            }
        });
        value.addListener((obs, old, now) -> f.setValue(now.intValue()));
    }

    private static <T> void follow(ObservableList<T> items, FlowPane pane, Function<T, Node> tile) {
        items.addListener((ListChangeListener<T>) c -> pane.getChildren().setAll(items.stream().map(tile).toList()));
    }

    private static Node requestedTile(RequestsBackend.RequestedDigit d) {
        Label top = caption((d.source().equals("test") ? "test " : "#") + d.index() + " · " + d.label());
        Label bottom = caption(d.accepted() ? (Double.isNaN(d.score()) ? "accepted"
                : String.format(Locale.ROOT, "%.3g", d.score()))
                : d.status().equals("refused-unseen") ? "refused: unseen" : "refused: duplicate");
        VBox box = new VBox(1, thumb(d.pixels()), top, bottom);
        box.getStyleClass().add(d.accepted() ? "requests-tile" : "requests-refused");
        return box;
    }

    private static Node pairTile(RequestsBackend.TwinDigit t) {
        HBox pair = new HBox(2, thumb(t.forgotten()), thumb(t.twin()));
        Label l = caption(t.forgottenLabel() + " → " + t.twinLabel() + (Double.isNaN(t.distance()) ? ""
                : String.format(Locale.ROOT, " · d %.3g", t.distance())));
        VBox box = new VBox(1, pair, l);
        box.getStyleClass().add("requests-tile");
        return box;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("requests-caption");
        return l;
    }

    private static DigitView thumb(float[] pixels) {
        DigitView v = new DigitView(THUMB);
        v.setPixels(pixels, ColorMaps.GRAYSCALE);
        return v;
    }

    @FXML
    private void onRun() {
        viewModel.run();
    }

    @FXML
    private void onCancel() {
        viewModel.cancel();
    }
}
