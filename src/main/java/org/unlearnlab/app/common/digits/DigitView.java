package org.unlearnlab.app.common.digits;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.Region;

/**
 * A square digit image enlarged without smoothing, so every one of the 28x28 pixels stays a sharp block at
 * any size, from a gallery thumbnail to a projector-sized detail view. It draws one shared image per digit,
 * which lets the gallery cache its thumbnails as 28x28 images and hand them out to cells as they scroll in.
 */
public class DigitView extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");

    public DigitView() {
        this(56);
    }

    public DigitView(double size) {
        getStyleClass().add("digit-view");
        getChildren().add(canvas);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setDigitSize(size);
        image.addListener((obs, old, img) -> draw());
    }

    /** Preferred side in pixels (the view stays square and draws at the smaller of its width and height). */
    public final void setDigitSize(double size) {
        setPrefSize(size, size);
        setMinSize(size, size);
        setMaxSize(size, size);
    }

    public final ObjectProperty<Image> imageProperty() {
        return image;
    }

    public final Image getImage() {
        return image.get();
    }

    public final void setImage(Image img) {
        image.set(img);
    }

    /** Renders {@code values} through {@code map}; null clears the view. */
    public final void setPixels(float[] values, ColorMap map) {
        setImage(values == null ? null : DigitImages.toImage(values, map));
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        double side = Math.max(0, Math.floor(Math.min(w, h)));
        double x = snapPositionX(in.getLeft() + (w - side) / 2);
        double y = snapPositionY(in.getTop() + (h - side) / 2);
        canvas.relocate(x, y);
        if (canvas.getWidth() != side || canvas.getHeight() != side) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double side = canvas.getWidth();
        g.clearRect(0, 0, side, canvas.getHeight());
        Image img = image.get();
        if (img == null || side <= 0) {
            return;
        }
        // Nearest-neighbour: with smoothing on, a 28-pixel digit blurs into a grey cloud at projector size.
        g.setImageSmoothing(false);
        g.drawImage(img, 0, 0, side, side);
    }
}
