package org.unlearnlab.engine.runs;

import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The removed-samples CSV: a run folder's {@code removed.csv} and the app's CSV export of the gallery are the same
 * format, defined here once. One header line, then one line per sample with no quoting (every value is a number).
 */
public final class RemovedSamplesCsv {
    public static final String HEADER = "dataset_index,label,adversarial_prediction,loss,iteration";
    private static final int COLUMNS = 5;

    private RemovedSamplesCsv() {
    }

    /** One sample's line, without the line break. */
    public static String formatLine(RemovedSample s) {
        // Double.toString keeps every bit of the loss, and parseDouble reads its NaN and Infinity back.
        return s.datasetIndex() + "," + s.label() + "," + s.adversarialPrediction() + "," + s.loss() + ","
                + s.iteration();
    }

    /**
     * Reads one sample's line.
     *
     * @param file       the file the line is from, named in the error
     * @param lineNumber its 1-based number in that file, named in the error
     * @throws IOException naming the file and line when the line is not five numbers
     */
    public static RemovedSample parseLine(String line, Path file, int lineNumber) throws IOException {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS) {
            throw new IOException(file + " line " + lineNumber + ": expected " + COLUMNS + " values, found "
                    + f.length);
        }
        try {
            return new RemovedSample(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Double.parseDouble(f[3]), Integer.parseInt(f[4]));
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + lineNumber + ": not a number (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the lines of a whole file: the header, then samples. No lines at all is no samples.
     *
     * @throws IOException naming the file and line of the first line that does not fit
     */
    public static List<RemovedSample> parse(List<String> lines, Path file) throws IOException {
        List<RemovedSample> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        if (!lines.get(0).equals(HEADER)) {
            throw new IOException(file + " line 1: expected the header " + HEADER);
        }
        for (int i = 1; i < lines.size(); i++) {
            out.add(parseLine(lines.get(i), file, i + 1));
        }
        return out;
    }

    /** The whole file's text: the header and one line per sample, each ending in a line break. */
    public static String format(List<RemovedSample> samples) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (RemovedSample s : samples) {
            b.append(formatLine(s)).append('\n');
        }
        return b.toString();
    }

    /** Replaces {@code file} atomically with {@link #format} of {@code samples}; its folder must exist. */
    public static void write(List<RemovedSample> samples, Path file) throws IOException {
        AtomicFiles.writeString(file, format(samples));
    }
}
