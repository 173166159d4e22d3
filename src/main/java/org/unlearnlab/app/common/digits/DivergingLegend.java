package org.unlearnlab.app.common.digits;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.Locale;

/**
 * The key to the perturbation images: a colour bar from −ε (blue, the attack darkened the pixel) through
 * 0 (white, untouched) to +ε (red, brightened), with its end values.
 */
public class DivergingLegend extends VBox {
    private final DoubleProperty epsilon = new SimpleDoubleProperty(this, "epsilon", 0.1);
    private final Label minLabel = new Label();
    private final Label maxLabel = new Label();

    public DivergingLegend() {
        getStyleClass().add("diverging-legend");
        Rectangle bar = new Rectangle(160, 12);
        bar.setFill(ColorMaps.DIVERGING_UNIT.gradient());
        bar.setStroke(javafx.scene.paint.Color.web("#888888"));
        bar.setStrokeWidth(0.5);
        Label zero = new Label("0");
        minLabel.getStyleClass().add("legend-value");
        maxLabel.getStyleClass().add("legend-value");
        zero.getStyleClass().add("legend-value");

        BorderPane values = new BorderPane();
        values.setLeft(minLabel);
        values.setCenter(zero);
        values.setRight(maxLabel);
        values.setMaxWidth(bar.getWidth());
        values.setPrefWidth(bar.getWidth());

        Label caption = new Label("Perturbation: darker ← → brighter");
        caption.getStyleClass().add("legend-caption");
        HBox barRow = new HBox(bar);
        barRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(caption, barRow, values);
        setSpacing(2);
        setFillWidth(false);
        Tooltip.install(this, new Tooltip("Each perturbation pixel is perturbed − clean.\n"
                + "Blue: the attack made the pixel darker; red: brighter; white: unchanged.\n"
                + "FGSM moves every pixel it can by exactly ±ε, so its noise is all full blue or full red\n"
                + "(except where clipping to [0, 1] stops it)."));
        epsilon.addListener((obs, old, e) -> update());
        update();
    }

    public final DoubleProperty epsilonProperty() {
        return epsilon;
    }

    public final void setEpsilon(double e) {
        epsilon.set(e);
    }

    private void update() {
        double e = epsilon.get();
        minLabel.setText(String.format(Locale.ROOT, "−%.3f", e));
        maxLabel.setText(String.format(Locale.ROOT, "+%.3f", e));
    }
}
