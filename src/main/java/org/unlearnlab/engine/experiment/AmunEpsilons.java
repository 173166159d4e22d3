package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PGD bound AMUN needed to flip each forgotten sample (amun-epsilons.csv beside forget-result.json): how far
 * each forgotten digit lies from a decision boundary, which the mean in the log hides.
 */
public final class AmunEpsilons {
    public static final String FILE = "amun-epsilons.csv";
    static final String HEADER = "dataset_index,label,epsilon";

    /** @param epsilon the bound at which the prediction left the label; NaN when it never did */
    public record Entry(int datasetIndex, int label, double epsilon) {
    }

    private AmunEpsilons() {
    }

    /** @param epsilons one per forgotten sample, in the order of {@code forgotten} (NaN: not flipped) */
    static void write(Path file, List<RemovedSample> forgotten, double[] epsilons) throws IOException {
        if (epsilons.length != forgotten.size()) {
            throw new IllegalArgumentException(epsilons.length + " epsilons for " + forgotten.size() + " samples");
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < epsilons.length; i++) {
            RemovedSample s = forgotten.get(i);
            b.append(s.datasetIndex()).append(',').append(s.label()).append(',')
                    .append(Double.isNaN(epsilons[i]) ? "" : String.format(Locale.ROOT, "%.6g", epsilons[i]))
                    .append('\n');
        }
        AtomicFiles.writeString(file, b.toString());
    }

    /**
     * @return the entries of {@code file}, empty when it does not exist (a run of another method)
     * @throws IOException naming the file and line when a line is not index,label,epsilon
     */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                out.add(new Entry(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                        f.length < 3 || f[2].isBlank() ? Double.NaN : Double.parseDouble(f[2])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ", line " + (i + 1) + ": expected " + HEADER + ", got '" + line + "'");
            }
        }
        return out;
    }
}
