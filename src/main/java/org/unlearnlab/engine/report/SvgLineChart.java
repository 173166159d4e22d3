package org.unlearnlab.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as standalone SVG, so a report needs no image library and stays a text file
 * (diffable, and readable in any browser). Accuracy charts: y from 0 to 1 unless {@link #yRange} says otherwise.
 * The app's chart export writes its line charts through this class too, so a chart saved from the app and one in
 * a report look alike.
 */
public final class SvgLineChart {
    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"};

    /** @param colour "#rrggbb", or null for the palette's colour at the series' index */
    record Series(String name, double[] x, double[] y, String colour, boolean dashed) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double chanceLevel = -1;
    private boolean integerX;
    private double yMin = 0;
    private double yMax = 1;
    private List<String> categories;

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title == null ? "" : title;
        this.xLabel = xLabel == null ? "" : xLabel;
        this.yLabel = yLabel == null ? "" : yLabel;
    }

    public SvgLineChart add(String name, double[] x, double[] y) {
        return add(name, x, y, null, false);
    }

    /**
     * A series in a colour of its own ("#rrggbb"; null for the palette's) and, if {@code dashed}, dashed: the app's
     * charts keep a metric's colour in their exports.
     */
    public SvgLineChart add(String name, double[] x, double[] y, String colour, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name == null ? "" : name, x.clone(), y.clone(), colour, dashed));
        return this;
    }

    /** Draws a dotted line at chance accuracy. */
    public SvgLineChart chance(double level) {
        this.chanceLevel = level;
        return this;
    }

    public SvgLineChart integerX() {
        this.integerX = true;
        return this;
    }

    /**
     * A bar chart over named categories instead of lines: x value i of a series is the bar at {@code labels[i]}
     * (removals per class). One writer for both keeps the exports alike.
     */
    public SvgLineChart categories(List<String> labels) {
        this.categories = List.copyOf(labels);
        return this;
    }

    /** The y axis from {@code min} to {@code max} (losses, sample counts) instead of 0..1. */
    public SvgLineChart yRange(double min, double max) {
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("y range " + min + ".." + max);
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    public String render() {
        int left = 56;
        // The legend sits right of the plot; a long series name widens the picture instead of being cut off
        // (about 6.6 px a character at font-size 12).
        int longest = series.stream().mapToInt(x -> x.name.length()).max().orElse(0);
        int right = Math.max(190, 40 + (int) Math.ceil(6.6 * longest));
        int w = left + 394 + right;
        int h = 360;
        int top = 34;
        int bottom = 46;
        double pw = w - left - right;
        double ph = h - top - bottom;
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double v : s.x) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 0;
            xMax = 1;
        }
        if (categories != null) {
            xMin = -0.5;
            xMax = Math.max(1, categories.size()) - 0.5;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        final double x0 = xMin;
        final double xr = xMax - xMin;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"%s\">%n", w, h, w, h, esc(title)));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", left, esc(title)));
        for (double v : yTicks()) {
            double y = top + ph - unit(v) * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + 4, isUnitRange() ? String.format(Locale.ROOT, "%.1f", v) : trim(v)));
        }
        for (double xv : categories != null ? categoryTicks() : xTicks(xMin, xMax)) {
            double x = left + (xv - x0) / xr * pw;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>%n", x, top + (int) ph, x, top + ph + 4));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x, top + ph + 17,
                    categories != null ? esc(categories.get((int) xv))
                            : integerX ? String.valueOf(Math.round(xv)) : trim(xv)));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>%n", left, top, pw, ph));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + pw / 2, h - 8, esc(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n", top + ph / 2, esc(yLabel)));
        if (chanceLevel >= 0) {
            double y = top + ph - unit(chanceLevel) * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"1 4\"/>%n", left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\" text-anchor=\"end\">chance</text>%n", left + pw - 4, y - 4));
        }
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String colour = ser.colour != null ? ser.colour : PALETTE[s % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < ser.x.length; i++) {
                double x = left + (ser.x[i] - x0) / xr * pw;
                double y = top + ph - unit(ser.y[i]) * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String pattern = ser.colour != null ? (ser.dashed ? "7 5" : "") : DASHES[s % DASHES.length];
            String dash = pattern.isEmpty() ? "" : " stroke-dasharray=\"" + pattern + "\"";
            double ly = top + 8 + s * 20;
            double lx = left + pw + 14;
            if (categories != null) {
                double slot = pw / Math.max(1, categories.size()) * 0.7 / series.size();
                for (int i = 0; i < ser.x.length; i++) {
                    double x = left + (ser.x[i] - x0) / xr * pw - slot * series.size() / 2 + slot * s;
                    double y = top + ph - unit(ser.y[i]) * ph;
                    String at = ser.x[i] >= 0 && ser.x[i] < categories.size() ? categories.get((int) ser.x[i])
                            : trim(ser.x[i]);
                    b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\"><title>%s: %s, %s</title></rect>%n", x, y, slot, top + ph - y, colour,
                            esc(ser.name), esc(at), trim(ser.y[i])));
                }
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"8\" fill=\"%s\"/>%n",
                        lx, ly - 4, colour));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 28, ly + 4,
                        esc(ser.name)));
                continue;
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    pts.toString().strip(), colour, dash));
            for (int i = 0; i < ser.x.length; i++) {
                double x = left + (ser.x[i] - x0) / xr * pw;
                double y = top + ph - unit(ser.y[i]) * ph;
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s, %s</title></circle>%n",
                        x, y, colour, esc(ser.name), trim(ser.x[i]), isUnitRange()
                                ? String.format(Locale.ROOT, "%.4f", ser.y[i]) : trim(ser.y[i])));
            }
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    lx, ly, lx + 22, ly, colour, dash));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 28, ly + 4, esc(ser.name)));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private List<Double> xTicks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        if (integerX) {
            long step = Math.max(1, Math.round(Math.ceil((max - min) / 10)));
            for (long v = Math.round(min); v <= max + 1e-9; v += step) {
                ticks.add((double) v);
            }
            return ticks;
        }
        double step = niceStep((max - min) / 6);
        for (double v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
            ticks.add(v);
        }
        return ticks;
    }

    private List<Double> categoryTicks() {
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            ticks.add((double) i);
        }
        return ticks;
    }

    private boolean isUnitRange() {
        return yMin == 0 && yMax == 1;
    }

    private List<Double> yTicks() {
        List<Double> ticks = new ArrayList<>();
        if (isUnitRange()) {
            for (int i = 0; i <= 5; i++) {
                ticks.add(i / 5.0);
            }
            return ticks;
        }
        double step = niceStep((yMax - yMin) / 5);
        for (double v = Math.ceil(yMin / step) * step; v <= yMax + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    /** {@code v}'s height in the plot, 0 at the bottom and 1 at the top; NaN at the bottom. */
    private double unit(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, (v - yMin) / (yMax - yMin)));
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static String trim(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
