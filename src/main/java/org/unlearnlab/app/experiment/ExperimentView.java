package org.unlearnlab.app.experiment;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RankingSource;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Binds the experiment form to {@link ExperimentViewModel}; file choosers are the only logic of its own. */
public final class ExperimentView {
    @FXML private BorderPane root;
    @FXML private FlowPane presetButtons;
    @FXML private Button loadButton;
    @FXML private Button saveButton;
    @FXML private TextField nameField;
    @FXML private TextArea descriptionField;
    @FXML private TextField dataFolderField;
    @FXML private TextField trainLimitField;
    @FXML private TextField testLimitField;
    @FXML private ComboBox<ModelPreset> presetCombo;
    @FXML private TextField epochsField;
    @FXML private TextField batchSizeField;
    @FXML private TextField learningRateField;
    @FXML private TextField seedField;
    @FXML private Slider epsilonSlider;
    @FXML private TextField epsilonField;
    @FXML private ComboBox<FgsmVariant> fgsmVariantCombo;
    @FXML private TextField pgdStepsField;
    @FXML private TextField pgdStepSizeField;
    @FXML private CheckBox pgdRandomStartCheck;
    @FXML private ComboBox<UnlearningStrategy> strategyCombo;
    @FXML private TextField samplesPerIterationField;
    @FXML private TextField maxIterationsField;
    @FXML private TextField thresholdField;
    @FXML private ComboBox<Metric> thresholdMetricCombo;
    @FXML private ComboBox<RetrainMode> retrainCombo;
    @FXML private TextField retrainEpochsField;
    @FXML private TextField poolSizeField;
    @FXML private ComboBox<RankingSource> rankingSourceCombo;
    @FXML private CheckBox stopAtThresholdCheck;
    @FXML private TextField iterationSubsetField;
    @FXML private CheckBox finalFullTestCheck;
    @FXML private Button runButton;
    @FXML private Button cancelRunButton;
    @FXML private Label runReasonLabel;
    @FXML private Label messageLabel;
    @FXML private Label runProgressLabel;
    @FXML private Label runKindLabel;

    private final ExperimentViewModel viewModel;
    private final ValidationSupport validation = new ValidationSupport();
    private File lastFolder;

    public ExperimentView(ExperimentViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel);
    }

    @FXML
    private void initialize() {
        ExperimentViewModel vm = viewModel;
        Map<Control, String> fields = new LinkedHashMap<>();
        text(nameField, vm.nameProperty(), "name", fields);
        descriptionField.textProperty().bindBidirectional(vm.descriptionProperty());
        fields.put(descriptionField, "description");
        text(dataFolderField, vm.dataFolderProperty(), "data.folder", fields);
        text(trainLimitField, vm.trainLimitProperty(), "data.trainLimit", fields);
        text(testLimitField, vm.testLimitProperty(), "data.testLimit", fields);
        choice(presetCombo, ModelPreset.values(), ModelPreset::displayName, vm.presetProperty(), "model.preset", fields);
        text(epochsField, vm.epochsProperty(), "training.epochs", fields);
        text(batchSizeField, vm.batchSizeProperty(), "training.batchSize", fields);
        text(learningRateField, vm.learningRateProperty(), "training.learningRate", fields);
        text(seedField, vm.seedProperty(), "training.seed", fields);
        epsilonSlider.setMin(0);
        epsilonSlider.setMax(ExperimentViewModel.EPSILON_SLIDER_MAX);
        epsilonSlider.valueProperty().bindBidirectional(vm.epsilonSliderProperty());
        text(epsilonField, vm.epsilonProperty(), "attack.epsilon", fields);
        choice(fgsmVariantCombo, FgsmVariant.values(), FgsmVariant::label, vm.fgsmVariantProperty(),
                "attack.fgsmVariant", fields);
        text(pgdStepsField, vm.pgdStepsProperty(), "attack.pgdSteps", fields);
        text(pgdStepSizeField, vm.pgdStepSizeProperty(), "attack.pgdStepSize", fields);
        pgdRandomStartCheck.selectedProperty().bindBidirectional(vm.pgdRandomStartProperty());
        choice(strategyCombo, UnlearningStrategy.values(), UnlearningStrategy::label, vm.strategyProperty(),
                "unlearning.strategy", fields);
        text(samplesPerIterationField, vm.samplesPerIterationProperty(), "unlearning.samplesPerIteration", fields);
        text(maxIterationsField, vm.maxIterationsProperty(), "unlearning.maxIterations", fields);
        text(thresholdField, vm.thresholdProperty(), "unlearning.threshold", fields);
        choice(thresholdMetricCombo, Metric.values(), Metric::label, vm.thresholdMetricProperty(),
                "unlearning.thresholdMetric", fields);
        choice(retrainCombo, RetrainMode.values(), RetrainMode::label, vm.retrainProperty(), "unlearning.retrain",
                fields);
        text(retrainEpochsField, vm.retrainEpochsProperty(), "unlearning.retrainEpochs", fields);
        text(poolSizeField, vm.poolSizeProperty(), "unlearning.poolSize", fields);
        choice(rankingSourceCombo, RankingSource.values(), RankingSource::label, vm.rankingSourceProperty(),
                "unlearning.rankingSource", fields);
        stopAtThresholdCheck.selectedProperty().bindBidirectional(vm.stopAtThresholdProperty());
        text(iterationSubsetField, vm.iterationSubsetProperty(), "evaluation.iterationSubset", fields);
        finalFullTestCheck.selectedProperty().bindBidirectional(vm.finalFullTestProperty());

        validation.setValidationDecorator(new CompoundValidationDecoration(new GraphicValidationDecoration(),
                new StyleClassValidationDecoration()));
        fields.forEach((control, field) -> validation.registerValidator(control, false,
                (Control c, Object value) -> {
                    String problem = vm.problemFor(field);
                    return ValidationResult.fromErrorIf(c, problem, problem != null);
                }));
        // A control's validator runs when its own value changes, but rules tie fields together (k x iterations
        // against the training images), so every change of the problem list re-checks all of them.
        vm.problems().addListener((ListChangeListener<Object>) change -> validation.revalidate());

        runButton.disableProperty().bind(vm.runnableProperty().not());
        cancelRunButton.visibleProperty().bind(vm.experimentRunningProperty());
        cancelRunButton.managedProperty().bind(vm.experimentRunningProperty());
        runReasonLabel.textProperty().bind(vm.runBlockedReasonProperty());
        runKindLabel.textProperty().bind(vm.runKindProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        runProgressLabel.textProperty().bind(vm.runProgressProperty());
        runProgressLabel.visibleProperty().bind(vm.runProgressProperty().isNotEmpty());
        runProgressLabel.managedProperty().bind(runProgressLabel.visibleProperty());

        vm.presets().addListener((ListChangeListener<ConfigPreset>) change -> showPresets());
        showPresets();
    }

    private void showPresets() {
        presetButtons.getChildren().clear();
        for (ConfigPreset p : viewModel.presets()) {
            Button b = new Button(p.title());
            b.getStyleClass().add("preset-button");
            b.setId("preset-" + p.config().name());
            String description = p.config().description();
            b.setTooltip(new Tooltip((description == null || description.isBlank() ? "" : description + "\n")
                    + "from " + p.source()));
            b.setOnAction(e -> viewModel.applyPreset(p));
            presetButtons.getChildren().add(b);
        }
        if (viewModel.presets().isEmpty()) {
            Label none = new Label("none found (no sample-configs folder)");
            none.getStyleClass().add("muted");
            presetButtons.getChildren().add(none);
        }
    }

    private static void text(TextField field, javafx.beans.property.StringProperty property, String name,
                             Map<Control, String> fields) {
        field.textProperty().bindBidirectional(property);
        fields.put(field, name);
    }

    private static <T> void choice(ComboBox<T> combo, T[] values, Function<T, String> label,
                                   ObjectProperty<T> property, String name, Map<Control, String> fields) {
        combo.getItems().setAll(values);
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String s) {
                return combo.getItems().stream().filter(v -> label.apply(v).equals(s)).findFirst().orElse(null);
            }
        });
        combo.valueProperty().bindBidirectional(property);
        fields.put(combo, name);
    }

    @FXML
    private void onRun() {
        viewModel.run();
    }

    @FXML
    private void onCancelRun() {
        viewModel.cancelRun();
    }

    @FXML
    private void onLoad() {
        FileChooser chooser = configChooser("Load experiment config");
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            lastFolder = file.getParentFile();
            viewModel.loadFile(file.toPath());
        }
    }

    @FXML
    private void onSave() {
        FileChooser chooser = configChooser("Save experiment config");
        String name = viewModel.nameProperty().get();
        chooser.setInitialFileName((name == null || name.isBlank() ? "experiment" : name.strip()) + ".json");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            lastFolder = file.getParentFile();
            viewModel.saveFile(file.toPath());
        }
    }

    @FXML
    private void onBrowseData() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder with MNIST-style IDX files");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            viewModel.dataFolderProperty().set(dir.getAbsolutePath());
        }
    }

    private FileChooser configChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment configs (*.json)", "*.json"));
        File initial = lastFolder;
        if (initial == null) {
            Path samples = PresetLibrary.standard().folder();
            initial = samples == null ? null : samples.toFile();
        }
        if (initial != null && initial.isDirectory()) {
            chooser.setInitialDirectory(initial);
        }
        return chooser;
    }

    public ExperimentViewModel viewModel() {
        return viewModel;
    }
}
