package org.unlearnlab.app.common.digits;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
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
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getRenderScaleX() : 1;
        int target = (int) Math.round(side * scale);
        // The enlargement is done here, pixel by pixel, rather than left to the renderer: the software
        // pipeline's nearest-neighbour scaling is off by one pixel, and smoothing blurs a 28-pixel digit into
        // a grey cloud at projector size. Drawn 1:1, every block edge lands exactly where it should.
        if (img != enlargedFrom || enlarged == null || (int) enlarged.getWidth() != target) {
            enlarged = enlarge(img, target);
            enlargedFrom = img;
        }
        g.setImageSmoothing(false);
        g.drawImage(enlarged, 0, 0, side, side);
    }

    private Image enlargedFrom;
    private WritableImage enlarged;

    /** Nearest-neighbour enlargement of a square image to {@code size} pixels; blocks differ by at most one pixel. */
    static WritableImage enlarge(Image src, int size) {
        int n = (int) src.getWidth();
        int[] in = new int[n * n];
        src.getPixelReader().getPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), in, 0, n);
        int[] map = new int[size];
        for (int i = 0; i < size; i++) {
            map[i] = Math.min(n - 1, (int) ((long) i * n / size));
        }
        int[] out = new int[size * size];
        for (int y = 0; y < size; y++) {
            int row = map[y] * n;
            for (int x = 0; x < size; x++) {
                out[y * size + x] = in[row + map[x]];
            }
        }
        WritableImage img = new WritableImage(size, size);
        img.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), out, 0, size);
        return img;
    }
}
