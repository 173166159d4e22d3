package org.unlearnlab.app.common.digits;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.awt.image.BufferedImage;

/**
 * Turns the engine's flat pixel arrays into images. Images are made at the data's own resolution (28x28)
 * and left to {@link DigitView} to enlarge without smoothing; the AWT variant bakes an integer scale in, for
 * exports that must look the same in any image viewer.
 */
public final class DigitImages {
    private DigitImages() {
    }

    /** The side of a square image with {@code n} pixels. */
    public static int side(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        if (s * s != n) {
            throw new IllegalArgumentException(n + " pixels do not make a square image");
        }
        return s;
    }

    public static int[] argb(float[] values, ColorMap map) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = map.argb(values[i]);
        }
        return out;
    }

    public static WritableImage toImage(float[] values, ColorMap map) {
        int s = side(values.length);
        WritableImage img = new WritableImage(s, s);
        img.getPixelWriter().setPixels(0, 0, s, s, PixelFormat.getIntArgbInstance(), argb(values, map), 0, s);
        return img;
    }

    /** An opaque image enlarged {@code scale} times by repeating pixels (nearest neighbour). */
    public static BufferedImage toBufferedImage(float[] values, ColorMap map, int scale) {
        int s = side(values.length);
        int[] src = argb(values, map);
        int big = s * scale;
        int[] dst = new int[big * big];
        for (int y = 0; y < big; y++) {
            int row = (y / scale) * s;
            for (int x = 0; x < big; x++) {
                dst[y * big + x] = src[row + x / scale];
            }
        }
        BufferedImage img = new BufferedImage(big, big, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, big, big, dst, 0, big);
        return img;
    }

    /** adversarial − clean, pixel by pixel. */
    public static float[] difference(float[] adversarial, float[] clean) {
        float[] d = new float[clean.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = adversarial[i] - clean[i];
        }
        return d;
    }
}
