package org.unlearnlab.engine.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.TwinMetric;
import org.unlearnlab.engine.experiment.ForgetResult.ModelFigures;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.healing.HealedModel;
import org.unlearnlab.engine.healing.HealingTable;
import org.unlearnlab.engine.healing.TwinPair;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a healing run found, as written to its healing-result.json: the original (baseline), gold and unlearned
 * (start) models on the test set, the forgotten and the remaining rows; every healing fine-tune; and the study's
 * table (best and worst healed test accuracy per fine-tune length). Accuracies are fractions in [0, 1].
 *
 * @param method      the forget method whose answer was healed
 * @param trainSize   rows the original model was trained on (the training set minus the spares)
 * @param spareRows   the spares' training rows: trainSize to trainSize + spareSize - 1
 * @param keptRepeat  the forget repeat healed (the one closest to the mean, as in the study)
 * @param searches    one per twin metric (and one for random spares): how the spares were chosen, and how long
 * @param models      every fine-tune, in the order run
 * @param table       the study's table, one entry per fine-tune length
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealingResult(String name, String method, String dataset, int trainSize, int spareSize, int testSize,
                            HealingSettings settings, String request, int forgetSize, int keptRepeat,
                            ModelFigures original, ModelFigures gold, ModelFigures start, List<SpareChoice> searches,
                            List<HealedModel> models, List<HealingTable.Extremes> table, long millis) {

    public static final String FILE = "healing-result.json";
    /** Every model of the run as a CSV row: baseline, gold, start, then each healed model. */
    public static final String TABLE_CSV = "healing-models.csv";
    /** The study's table as Markdown. */
    public static final String TABLE_MARKDOWN = "healing-table.md";
    /** forgotten row, its spare (twin or random), distance, metric: for a gallery of twins. */
    public static final String TWINS_CSV = "twins.csv";

    /**
     * How one strategy chose its spares.
     *
     * @param metric             the twin metric, or null for random spares
     * @param pairs              forgotten samples that got a spare
     * @param meanDistance       mean distance of the pairs (NaN for random spares)
     * @param shrinkageIntensity the Ledoit-Wolf intensity of a Mahalanobis metric's covariance, else null
     * @param millis             wall time of the search (features, covariance, pairing)
     */
    public record SpareChoice(TwinMetric metric, int pairs, double meanDistance, Double shrinkageIntensity,
                              long millis) {
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, ForgetResult.JSON.writeValueAsString(this) + "\n");
    }

    /**
     * The pairs of a run folder's twins.csv, in its order: the random spares (metric null, distance NaN) and each
     * metric's twins, as the gallery shows them.
     *
     * @throws IOException naming the file when it is missing or a line is not a pair
     */
    public static List<TwinPair> readTwins(Path runFolder) throws IOException {
        Path file = runFolder.resolve(TWINS_CSV);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        List<TwinPair> out = new java.util.ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                TwinMetric metric = f[5].equals(HealingStrategy.RANDOM_SPARES.id()) ? null : TwinMetric.fromId(f[5]);
                out.add(new TwinPair(Integer.parseInt(f[0]), Integer.parseInt(f[2]),
                        f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4]), metric));
            } catch (RuntimeException e) {
                throw new IOException(file + ": line " + (i + 1) + " is not a pair (" + lines.get(i) + ")", e);
            }
        }
        return out;
    }

    /** @throws IOException naming the file when it is missing or not a healing result */
    public static HealingResult read(Path file) throws IOException {
        try {
            return ForgetResult.JSON.readValue(file.toFile(), HealingResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable healing result (" + e.getOriginalMessage() + ")", e);
        }
    }
}
