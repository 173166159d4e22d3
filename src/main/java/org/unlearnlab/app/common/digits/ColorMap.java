package org.unlearnlab.app.common.digits;

import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a pixel value to a colour through a 256-entry lookup table, so that rendering thousands of
 * thumbnails costs one array read per pixel.
 *
 * <p>Values are given in the map's domain [{@link #min()}, {@link #max()}] and clamped to it.
 */
public final class ColorMap {
    private static final int SIZE = 256;

    private final String name;
    private final double min;
    private final double max;
    private final int[] argb;
    private final Color[] anchors;

    private ColorMap(String name, double min, double max, Color[] anchors) {
        if (!(max > min)) {
            throw new IllegalArgumentException("empty colour map domain [" + min + ", " + max + "]");
        }
        this.name = name;
        this.min = min;
        this.max = max;
        this.anchors = anchors.clone();
        this.argb = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            argb[i] = toArgb(interpolate(anchors, i / (double) (SIZE - 1)));
        }
    }

    /** A map that interpolates linearly between evenly spaced {@code anchors} over [min, max]. */
    public static ColorMap of(String name, double min, double max, Color... anchors) {
        if (anchors.length < 2) {
            throw new IllegalArgumentException("a colour map needs at least two anchors");
        }
        return new ColorMap(name, min, max, anchors);
    }

    /** The same colours over another domain; used to rescale the diverging map to the current epsilon. */
    public ColorMap withDomain(double newMin, double newMax) {
        return new ColorMap(name, newMin, newMax, anchors);
    }

    public String name() {
        return name;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public int argb(double value) {
        double t = (value - min) / (max - min);
        int i = (int) Math.round(t * (SIZE - 1));
        return argb[Math.max(0, Math.min(SIZE - 1, i))];
    }

    public Color color(double value) {
        int c = argb(value);
        return Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
    }

    /** A left-to-right gradient of the whole map, for legends. */
    public LinearGradient gradient() {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < anchors.length; i++) {
            stops.add(new Stop(i / (double) (anchors.length - 1), anchors[i]));
        }
        return new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops);
    }

    private static Color interpolate(Color[] anchors, double t) {
        double pos = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= anchors.length - 1) {
            return anchors[anchors.length - 1];
        }
        return anchors[lo].interpolate(anchors[lo + 1], pos - lo);
    }

    private static int toArgb(Color c) {
        return 0xff000000
                | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    @Override
    public String toString() {
        return name + " [" + min + ", " + max + "]";
    }
}
