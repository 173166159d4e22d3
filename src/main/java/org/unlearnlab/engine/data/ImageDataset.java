package org.unlearnlab.engine.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Grayscale images with integer class labels, held as one float array in [0,1] (row-major, image after
 * image), so that models can copy it once into a single native array and slice views from it.
 * Immutable: the arrays handed out by {@link #pixels()} and {@link #labels()} must not be modified.
 */
public final class ImageDataset {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    public ImageDataset(String name, int rows, int cols, float[] pixels, int[] labels, List<String> classNames) {
        this.name = Objects.requireNonNull(name);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + rows + "x" + cols);
        }
        if (pixels.length != (long) labels.length * rows * cols) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixels for "
                    + rows + "x" + cols + " images");
        }
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.."
                        + (classNames.size() - 1));
            }
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    /** All images, image after image; shared, do not modify. */
    public float[] pixels() {
        return pixels;
    }

    /** All labels; shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of one image's pixels. */
    public float[] image(int index) {
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, index * n, (index + 1) * n);
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The first {@code n} images (all of them when n is 0 or at least the size). */
    public ImageDataset head(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        return new ImageDataset(name, rows, cols, Arrays.copyOf(pixels, n * pixelsPerImage()),
                Arrays.copyOf(labels, n), classNames);
    }

    /** The images at {@code indices}, in that order. */
    public ImageDataset select(int[] indices) {
        int n = pixelsPerImage();
        float[] px = new float[indices.length * n];
        int[] lb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, px, i * n, n);
            lb[i] = labels[indices[i]];
        }
        return new ImageDataset(name, rows, cols, px, lb, classNames);
    }
}
