package org.unlearnlab.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as standalone SVG, so a report needs no image library and stays a text file
 * (diffable, and readable in any browser). Accuracy charts: y from 0 to 1.
 */
final class SvgLineChart {
    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"};

    record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double chanceLevel = -1;
    private boolean integerX;

    SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgLineChart add(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y));
        return this;
    }

    /** Draws a dotted line at chance accuracy. */
    SvgLineChart chance(double level) {
        this.chanceLevel = level;
        return this;
    }

    SvgLineChart integerX() {
        this.integerX = true;
        return this;
    }

    String render() {
        int w = 640;
        int h = 360;
        int left = 56;
        int right = 190;
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
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            double y = top + ph - v * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", left - 6, y + 4, v));
        }
        for (double xv : xTicks(xMin, xMax)) {
            double x = left + (xv - x0) / xr * pw;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>%n", x, top + (int) ph, x, top + ph + 4));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x, top + ph + 17,
                    integerX ? String.valueOf(Math.round(xv)) : trim(xv)));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>%n", left, top, pw, ph));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + pw / 2, h - 8, esc(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n", top + ph / 2, esc(yLabel)));
        if (chanceLevel >= 0) {
            double y = top + ph - chanceLevel * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"1 4\"/>%n", left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\" text-anchor=\"end\">chance</text>%n", left + pw - 4, y - 4));
        }
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String colour = PALETTE[s % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < ser.x.length; i++) {
                double x = left + (ser.x[i] - x0) / xr * pw;
                double y = top + ph - clamp(ser.y[i]) * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String dash = DASHES[s % DASHES.length].isEmpty() ? "" : " stroke-dasharray=\"" + DASHES[s % DASHES.length] + "\"";
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    pts.toString().strip(), colour, dash));
            for (int i = 0; i < ser.x.length; i++) {
                double x = left + (ser.x[i] - x0) / xr * pw;
                double y = top + ph - clamp(ser.y[i]) * ph;
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s, %.4f</title></circle>%n",
                        x, y, colour, esc(ser.name), trim(ser.x[i]), ser.y[i]));
            }
            double ly = top + 8 + s * 20;
            double lx = left + pw + 14;
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

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
