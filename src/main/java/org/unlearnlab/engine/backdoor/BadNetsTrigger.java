package org.unlearnlab.engine.backdoor;

import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.data.ImageDataset;

import java.util.Arrays;

/**
 * A BadNets-style trigger: a filled square of one pixel value stamped over an image. Stamping sets pixels rather
 * than adding to them, so stamping twice gives the same image as stamping once.
 *
 * @param size  side of the square, in pixels
 * @param row   top row
 * @param col   left column
 * @param value the pixel value the square is set to, in [0,1]
 */
public record BadNetsTrigger(int size, int row, int col, float value) {

    public static BadNetsTrigger of(BackdoorSettings.Trigger t) {
        return new BadNetsTrigger(t.size(), t.row(), t.col(), (float) t.value());
    }

    /** Stamps the square, in place, onto the {@code width}-wide image at {@code offset} of {@code pixels}. */
    public void stampInPlace(float[] pixels, int offset, int width) {
        for (int r = row; r < row + size; r++) {
            Arrays.fill(pixels, offset + r * width + col, offset + r * width + col + size, value);
        }
    }

    /** A stamped copy of one image. */
    public float[] stamped(float[] image, int width) {
        float[] out = image.clone();
        stampInPlace(out, 0, width);
        return out;
    }

    /**
     * A copy of {@code data} with the images at {@code indices} stamped and, when {@code relabelTo >= 0}, their
     * labels set to it; the other images and labels are left as they are.
     */
    public ImageDataset stampedCopy(ImageDataset data, int[] indices, int relabelTo) {
        float[] px = data.pixels().clone();
        int[] labels = data.labels().clone();
        int n = data.pixelsPerImage();
        for (int i : indices) {
            stampInPlace(px, i * n, data.cols());
            if (relabelTo >= 0) {
                labels[i] = relabelTo;
            }
        }
        return new ImageDataset(data.name(), data.rows(), data.cols(), px, labels, data.classNames());
    }

    /** The trigger alone on a black image, for display. */
    public float[] alone(int rows, int cols) {
        float[] out = new float[rows * cols];
        stampInPlace(out, 0, cols);
        return out;
    }
}
