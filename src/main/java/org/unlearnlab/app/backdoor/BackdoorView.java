package org.unlearnlab.app.backdoor;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitView;

import java.util.Objects;
import java.util.function.Function;

/** Binds the Backdoor page to {@link BackdoorViewModel}: point lists become chart series, pictures become tiles. */
public final class BackdoorView {
    private static final double THUMB = 56;

    @FXML private Label configSummary;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private DigitView triggerView;
    @FXML private FlowPane digitGrid;
    @FXML private FlowPane sharedGrid;
    @FXML private LineChart<Number, Number> stepChart;
    @FXML private TableView<BackdoorViewModel.MethodRow> methodTable;
    @FXML private ListView<String> logView;

    private final BackdoorViewModel viewModel;

    public BackdoorView(BackdoorViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel);
    }

    @FXML
    private void initialize() {
        BackdoorViewModel vm = viewModel;
        configSummary.textProperty().bind(vm.configSummaryProperty());
        runButton.disableProperty().bind(vm.runningProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        progressBar.progressProperty().bind(vm.progressProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        logView.setItems(vm.log());
        methodTable.setItems(vm.methods());
        column("method", BackdoorViewModel.MethodRow::method);
        column("clean acc.", BackdoorViewModel.MethodRow::clean);
        column("ASR", BackdoorViewModel.MethodRow::asr);
        column("robust acc.", BackdoorViewModel.MethodRow::robust);
        column("time", BackdoorViewModel.MethodRow::time);
        column("note", BackdoorViewModel.MethodRow::note);
        series(vm.asrPoints(), "SAU: attack success rate");
        series(vm.cleanPoints(), "SAU: clean accuracy");
        series(vm.robustPoints(), "SAU: robust accuracy");
        series(vm.fineTuneAsrPoints(), "fine-tune: attack success rate");
        triggerView.setDigitSize(84);
        vm.triggerProperty().addListener((obs, old, t) -> triggerView.setPixels(t, ColorMaps.GRAYSCALE));
        follow(vm.digits(), digitGrid, d -> tile(d.pixels(), "true " + d.label(),
                "before " + d.before() + " → after " + (d.after() < 0 ? "?" : d.after())));
        follow(vm.shared(), sharedGrid, s -> {
            VBox pair = new VBox(2, thumb(s.clean()), thumb(s.adversarial()));
            Label l = new Label("true " + s.label() + "; both say " + s.reference());
            l.getStyleClass().add("backdoor-caption");
            pair.getChildren().add(l);
            pair.getStyleClass().add("backdoor-tile");
            return pair;
        });
    }

    private void column(String title, Function<BackdoorViewModel.MethodRow, String> value) {
        TableColumn<BackdoorViewModel.MethodRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(title.equals("note") ? 260 : 110);
        methodTable.getColumns().add(c);
    }

    private void series(ObservableList<BackdoorViewModel.Point> points, String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        stepChart.getData().add(s);
        points.addListener((ListChangeListener<BackdoorViewModel.Point>) c ->
                s.getData().setAll(points.stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList()));
    }

    private static <T> void follow(ObservableList<T> items, FlowPane pane, Function<T, javafx.scene.Node> tile) {
        items.addListener((ListChangeListener<T>) c -> pane.getChildren().setAll(items.stream().map(tile).toList()));
    }

    private static VBox tile(float[] pixels, String top, String bottom) {
        Label a = new Label(top);
        Label b = new Label(bottom);
        a.getStyleClass().add("backdoor-caption");
        b.getStyleClass().add("backdoor-caption");
        VBox box = new VBox(2, thumb(pixels), a, b);
        box.getStyleClass().add("backdoor-tile");
        return box;
    }

    private static DigitView thumb(float[] pixels) {
        DigitView v = new DigitView(THUMB);
        v.setPixels(clamped(pixels), ColorMaps.GRAYSCALE);
        return v;
    }

    /** SAU's examples may leave [0,1] (the public code does not clip them); the tile shows them clipped. */
    private static float[] clamped(float[] pixels) {
        float[] out = pixels.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, out[i]));
        }
        return out;
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
