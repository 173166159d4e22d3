package org.unlearnlab.app.unlearning;

import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitImages;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RemovedSamplesCsv;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The gallery on paper: every removed sample (clean and adversarial twin) on one PNG, and the rows as CSV.
 * Drawn with AWT rather than by snapshotting the gallery, because the gallery is virtualised and only ever
 * holds the cells that are on screen.
 */
public final class ContactSheet {
    static final int SCALE = 2;
    static final int THUMB = 28 * SCALE;
    static final int CELL_W = 2 * THUMB + 3 * 6;
    static final int CELL_H = THUMB + 40;
    static final int HEADER = 36;

    private ContactSheet() {
    }

    public static int columnsFor(int count) {
        return Math.max(1, Math.min(16, (int) Math.ceil(Math.sqrt(count * 1.6))));
    }

    /** The sheet's size for {@code count} samples: {width, height}. */
    public static int[] size(int count) {
        int cols = columnsFor(count);
        int rows = Math.max(1, (count + cols - 1) / cols);
        return new int[]{cols * CELL_W, HEADER + rows * CELL_H};
    }

    /**
     * @param twins      adversarial twins by dataset index; a sample without one is drawn with a blank twin
     * @param cleanImage the training image of a dataset index, for samples without a twin
     */
    public static BufferedImage render(String title, List<RemovedSample> samples, Map<Integer, AdversarialDigit> twins,
                                       IntFunction<float[]> cleanImage, List<String> classNames) {
        int[] wh = size(samples.size());
        int cols = columnsFor(samples.size());
        BufferedImage sheet = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, wh[0], wh[1]);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 8, 22);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            g.setFont(small);
            for (int i = 0; i < samples.size(); i++) {
                RemovedSample s = samples.get(i);
                int x = (i % cols) * CELL_W;
                int y = HEADER + (i / cols) * CELL_H;
                AdversarialDigit twin = twins.get(s.datasetIndex());
                float[] clean = twin != null ? twin.clean() : cleanImage.apply(s.datasetIndex());
                g.drawImage(DigitImages.toBufferedImage(clean, ColorMaps.GRAYSCALE, SCALE), x + 6, y + 4, null);
                if (twin != null) {
                    g.drawImage(DigitImages.toBufferedImage(twin.adversarial(), ColorMaps.GRAYSCALE, SCALE),
                            x + 12 + THUMB, y + 4, null);
                } else {
                    g.setColor(new Color(0xdddddd));
                    g.fillRect(x + 12 + THUMB, y + 4, THUMB, THUMB);
                }
                g.setColor(Color.BLACK);
                g.drawString(name(classNames, s.label()) + " → " + name(classNames, s.adversarialPrediction())
                        + "   #" + s.datasetIndex(), x + 6, y + THUMB + 17);
                g.setColor(new Color(0x444444));
                g.drawString(String.format(Locale.ROOT, "loss %.3f · it %d", s.loss(), s.iteration()),
                        x + 6, y + THUMB + 31);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    public static void writeCsv(List<RemovedSample> samples, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // The run folder's removed.csv format, so an export reads like the file the run wrote.
        RemovedSamplesCsv.write(samples, file);
    }

    private static String name(List<String> classNames, int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }
}
