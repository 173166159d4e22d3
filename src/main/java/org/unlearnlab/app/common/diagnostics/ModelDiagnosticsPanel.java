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

/**
 * "Diagnose model" and its result: a button that diagnoses the app's current model on the engine thread, and
 * the {@link DiagnosticsPane} showing the report. Usable from FXML; {@link #bind} connects it to its view-model.
 */
public final class ModelDiagnosticsPanel extends VBox {
    private final Button diagnoseButton = new Button("Diagnose model");
    private final Button cancelButton = new Button("Cancel");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label status = new Label();
    private final DiagnosticsPane pane = new DiagnosticsPane();

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

    /** Binds to {@code model}: the button diagnoses the model the view-model follows. */
    public void bind(ModelDiagnosticsViewModel model) {
        diagnoseButton.disableProperty().bind(model.runningProperty());
        diagnoseButton.setOnAction(e -> model.diagnoseCurrentModel());
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
