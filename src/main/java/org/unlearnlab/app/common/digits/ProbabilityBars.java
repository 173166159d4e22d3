package org.unlearnlab.app.common.digits;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.List;
import java.util.Locale;

/**
 * The ten class probabilities as horizontal bars, optionally two per class (before and after an attack),
 * so a viewer sees where the probability mass went. The true class's row is marked.
 */
public class ProbabilityBars extends VBox {
    private static final double BAR_WIDTH = 320;

    private final GridPane grid = new GridPane();
    private final Label beforeKey = new Label();
    private final Label afterKey = new Label();
    private List<String> classNames = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private float[] before;
    private float[] after;
    private int trueLabel = -1;

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        grid.setHgap(6);
        grid.setVgap(2);
        beforeKey.setGraphic(swatch(ColorMaps.BEFORE));
        afterKey.setGraphic(swatch(ColorMaps.AFTER));
        HBox keys = new HBox(12, beforeKey, afterKey);
        keys.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(keys, grid);
        setSpacing(4);
        setKeys("Clean", "Perturbed");
        showAfterKey(false);
        rebuild();
    }

    public void setClassNames(List<String> names) {
        classNames = List.copyOf(names);
        rebuild();
    }

    public void setKeys(String beforeName, String afterName) {
        beforeKey.setText(beforeName);
        afterKey.setText(afterName);
    }

    /** @param after may be null, then only one bar per class is drawn */
    public void setProbabilities(float[] before, float[] after, int trueLabel) {
        this.before = before;
        this.after = after;
        this.trueLabel = trueLabel;
        showAfterKey(after != null);
        rebuild();
    }

    private void showAfterKey(boolean on) {
        afterKey.setVisible(on);
        afterKey.setManaged(on);
    }

    /** Bar lengths for tests and accessibility: fraction of the full width, per class. */
    public float[] before() {
        return before;
    }

    public float[] after() {
        return after;
    }

    private void rebuild() {
        grid.getChildren().clear();
        for (int c = 0; c < classNames.size(); c++) {
            Label name = new Label(classNames.get(c));
            name.getStyleClass().add("class-name");
            if (c == trueLabel) {
                name.getStyleClass().add("true-class");
                name.setText(classNames.get(c) + " ✓");
            }
            name.setMinWidth(Region.USE_PREF_SIZE);
            VBox bars = new VBox(1);
            bars.getChildren().add(bar(before, c, ColorMaps.BEFORE));
            if (after != null) {
                bars.getChildren().add(bar(after, c, ColorMaps.AFTER));
            }
            bars.setAlignment(Pos.CENTER_LEFT);
            Label value = new Label(valueText(c));
            value.getStyleClass().add("probability-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, c);
            grid.add(bars, 1, c);
            grid.add(value, 2, c);
            GridPane.setHgrow(bars, Priority.NEVER);
        }
        grid.setPadding(new Insets(2, 0, 0, 0));
    }

    private String valueText(int c) {
        if (before == null) {
            return "";
        }
        String b = percent(before[c]);
        return after == null ? b : b + " → " + percent(after[c]);
    }

    private static String percent(float p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    private static StackPane bar(float[] p, int c, javafx.scene.paint.Color color) {
        double v = p == null ? 0 : Math.max(0, Math.min(1, p[c]));
        Rectangle track = new Rectangle(BAR_WIDTH, 8);
        track.getStyleClass().add("bar-track");
        track.setFill(javafx.scene.paint.Color.web("#eeeeee"));
        // A sliver stays visible for tiny probabilities so that an empty bar reads as "≈0", not as missing.
        Rectangle fill = new Rectangle(Math.max(v > 0 ? 1 : 0, v * BAR_WIDTH), 8, color);
        StackPane s = new StackPane(track, fill);
        s.setAlignment(Pos.CENTER_LEFT);
        return s;
    }

    private static Rectangle swatch(javafx.scene.paint.Color c) {
        return new Rectangle(12, 12, c);
    }
}
