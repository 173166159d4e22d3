package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The {@code healing} section of a config (with a {@code forget} section): after the forget method has answered
 * the request, fine-tune its model on the remaining rows, alone or with spares added back, and compare with the
 * original and the gold model (the study's Tables 4 and 5). The spares are the LAST {@code spareSize} rows of the
 * (limited) training set: the original model, the gold model and the forget method never see them, and every
 * other row keeps its index, so the request's indices and the spares' are rows of the same training set.
 *
 * @param spareSize    rows held out of training as the spare pool
 * @param strategies   which spares are added back: random ones, or each forgotten sample's twin (each is run)
 * @param metrics      the twin metrics (each is run with the twins strategy)
 * @param featureLayer the layer whose activations the feature metrics compare, as a 0-based index into the model's
 *                     layers; -1 = the last hidden layer (the input of the output layer, LeNet-5's 84-unit dense
 *                     layer); features are the original model's, in evaluation mode (no dropout)
 * @param data         what each fine-tune trains on: the remaining rows, or the remaining rows plus the spares
 * @param epochs       fine-tune lengths, each run; 0 = half of {@code training.epochs}, rounded up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"spareSize", "strategies", "metrics", "featureLayer", "data", "epochs"})
public record HealingSettings(int spareSize, List<HealingStrategy> strategies, List<TwinMetric> metrics,
                              int featureLayer, List<HealingData> data, List<Integer> epochs) {

    /** {@link #featureLayer} for the last hidden layer. */
    public static final int LAST_HIDDEN = -1;

    /** The values a config gets for every field it leaves out: everything the study ran, 1 epoch and half. */
    public static HealingSettings defaults() {
        return new HealingSettings(1000, List.of(HealingStrategy.RANDOM_SPARES, HealingStrategy.TWINS),
                List.of(TwinMetric.values()), LAST_HIDDEN,
                List.of(HealingData.REMAINING, HealingData.REMAINING_PLUS_HEALING), List.of(1, 0));
    }

    /** Fine-tune epochs for {@code e}, one of {@link #epochs}: 0 becomes half the training epochs, rounded up. */
    public static int epochsFor(int e, int trainingEpochs) {
        return e > 0 ? e : Math.max(1, (trainingEpochs + 1) / 2);
    }
}
