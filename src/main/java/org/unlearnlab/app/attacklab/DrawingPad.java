package org.unlearnlab.app.attacklab;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitView;

import java.util.Arrays;

/**
 * A 28x28 canvas to draw a digit on with the mouse. It paints straight into the model's resolution with a
 * soft (Gaussian) brush, so what the user sees while drawing is exactly what the model will classify,
 * including the blocky, anti-aliased strokes of real MNIST digits. Right button erases.
 */
public class DrawingPad extends StackPane {
    public static final int SIDE = 28;
    private static final double SIGMA = 0.95;
    private static final int REACH = 3;
    private static final double STAMP_SPACING = 0.35;

    private final DigitView view;
    private final float[] pixels = new float[SIDE * SIDE];
    private final ReadOnlyObjectWrapper<float[]> drawing = new ReadOnlyObjectWrapper<>(this, "drawing", pixels.clone());
    private final ObjectProperty<Runnable> onStrokeFinished = new SimpleObjectProperty<>(this, "onStrokeFinished");
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    public DrawingPad(double size) {
        getStyleClass().add("drawing-pad");
        view = new DigitView(size);
        getChildren().add(view);
        setCursor(Cursor.CROSSHAIR);
        view.setPixels(pixels, ColorMaps.GRAYSCALE);
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = Double.NaN;
            stroke(e);
        });
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::stroke);
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            lastX = Double.NaN;
            Runnable r = onStrokeFinished.get();
            if (r != null) {
                r.run();
            }
        });
        setAccessibleText("Drawing pad: draw a digit with the mouse, right button erases");
    }

    /** The current drawing, a fresh copy after every change (so listeners always see a new value). */
    public ReadOnlyObjectProperty<float[]> drawingProperty() {
        return drawing.getReadOnlyProperty();
    }

    public ObjectProperty<Runnable> onStrokeFinishedProperty() {
        return onStrokeFinished;
    }

    public void clear() {
        Arrays.fill(pixels, 0);
        publish();
    }

    /** Replaces the drawing, e.g. with a test digit to start from. */
    public void setDrawing(float[] values) {
        System.arraycopy(values, 0, pixels, 0, pixels.length);
        publish();
    }

    /** Paints a stroke between two points given in pixel coordinates of the 28x28 grid. */
    public void paintLine(double x0, double y0, double x1, double y1, boolean erase) {
        double dist = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(dist / STAMP_SPACING));
        for (int i = 0; i <= steps; i++) {
            double t = i / (double) steps;
            stamp(x0 + t * (x1 - x0), y0 + t * (y1 - y0), erase);
        }
        publish();
    }

    private void stroke(MouseEvent e) {
        double side = Math.min(view.getWidth(), view.getHeight());
        if (side <= 0) {
            return;
        }
        double x = e.getX() / side * SIDE;
        double y = e.getY() / side * SIDE;
        boolean erase = e.getButton() == MouseButton.SECONDARY;
        if (Double.isNaN(lastX)) {
            paintLine(x, y, x, y, erase);
        } else {
            paintLine(lastX, lastY, x, y, erase);
        }
        lastX = x;
        lastY = y;
        e.consume();
    }

    private void stamp(double cx, double cy, boolean erase) {
        // Pixel centres sit at +0.5; the brush adds ink with a Gaussian falloff and saturates at 1 like a pen.
        int x0 = (int) Math.floor(cx) - REACH;
        int y0 = (int) Math.floor(cy) - REACH;
        for (int y = Math.max(0, y0); y <= Math.min(SIDE - 1, y0 + 2 * REACH); y++) {
            for (int x = Math.max(0, x0); x <= Math.min(SIDE - 1, x0 + 2 * REACH); x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double w = Math.exp(-(dx * dx + dy * dy) / (2 * SIGMA * SIGMA)) * 0.35;
                int i = y * SIDE + x;
                pixels[i] = erase ? (float) Math.max(0, pixels[i] - 2 * w) : (float) Math.min(1, pixels[i] + w);
            }
        }
    }

    private void publish() {
        view.setPixels(pixels, ColorMaps.GRAYSCALE);
        drawing.set(pixels.clone());
    }

    /**
     * The drawing moved so that its centre of mass sits in the middle, as MNIST's digits were prepared; a
     * digit drawn in a corner is otherwise misread no matter how well it is written.
     */
    public static float[] centred(float[] img) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = img[y * SIDE + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        }
        if (mass <= 0) {
            return img.clone();
        }
        int sx = (int) Math.round(SIDE / 2.0 - mx / mass);
        int sy = (int) Math.round(SIDE / 2.0 - my / mass);
        float[] out = new float[img.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int tx = x + sx;
                int ty = y + sy;
                if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
                    out[ty * SIDE + tx] = img[y * SIDE + x];
                }
            }
        }
        return out;
    }

    public static boolean isBlank(float[] img) {
        for (float v : img) {
            if (v > 0.05f) {
                return false;
            }
        }
        return true;
    }
}
