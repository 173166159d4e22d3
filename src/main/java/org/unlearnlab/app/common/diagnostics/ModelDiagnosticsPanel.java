package org.unlearnlab.app.common.diagnostics;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.engine.config.ExperimentConfig;

/**
 * "Diagnose model" and its result: a button that diagnoses the app's current model on the engine thread, and
 * the {@link DiagnosticsPane} showing the report. Usable from FXML; {@link #init} connects it to the app.
 */
public final class ModelDiagnosticsPanel extends VBox {
    private final Button diagnoseButton = new Button("Diagnose model");
    private final Button cancelButton = new Button("Cancel");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label status = new Label();
    private final DiagnosticsPane pane = new DiagnosticsPane();
    private ModelDiagnosticsViewModel vm;

    public ModelDiagnosticsPanel() {
        getStyleClass().add("model-diagnostics");
        setSpacing(8);
        diagnoseButton.setId("diagnoseModelButton");
        diagnoseButton.setDefaultButton(false);
        diagnoseButton.setTooltip(new Tooltip("FGSM (both losses), PGD, an ε sweep up to 0.5 and a transfer attack "
                + "from a separately trained clean model, on " + ModelDiagnosticsViewModel.SUBSET + " test images"));
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        status.setWrapText(true);
        status.getStyleClass().add("lab-status");
        HBox bar = new HBox(8, diagnoseButton, cancelButton, busy, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        cancelButton.setDisable(true);
        pane.emptyTextProperty().set("Press “Diagnose model” to check the current model for gradient masking.");
        pane.getStyleClass().add("card");
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().setAll(bar, scroll);
    }

    /** Diagnoses {@code context}'s current model with the Experiment page's attack settings. */
    public void init(AppContext context) {
        bind(new ModelDiagnosticsViewModel(context.taskExecutor(), new EngineModelDiagnostics(context)));
        diagnoseButton.setOnAction(e -> {
            ModelInfo m = context.modelProperty().get();
            ExperimentConfig config = context.experimentConfigProperty().get();
            vm.diagnose(m == null ? "current model" : m.summary(),
                    config == null ? ExperimentConfig.defaults() : config);
        });
    }

    /** Binds to {@code model}; the button then does nothing until {@link #init} (tests call diagnose themselves). */
    public void bind(ModelDiagnosticsViewModel model) {
        this.vm = model;
        diagnoseButton.disableProperty().bind(model.runningProperty());
        cancelButton.disableProperty().bind(model.runningProperty().not());
        cancelButton.setOnAction(e -> model.cancel());
        busy.visibleProperty().bind(model.runningProperty());
        status.textProperty().bind(model.statusProperty());
        pane.reportProperty().bind(model.reportProperty());
    }

    public DiagnosticsPane pane() {
        return pane;
    }
}
