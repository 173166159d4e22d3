package org.unlearnlab.engine.unlearning;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * SISA (sharded, isolated, sliced, aggregated training; Bourtoule et al.): the training rows are split, by a
 * seeded shuffle, into S shards of nearly equal size, each shard into R slices; one model per shard is trained
 * slice by slice, and a checkpoint (parameters, Adam state and step count) is kept after every slice. Forgetting
 * retrains only the shards that held a forgotten row, from the checkpoint before the earliest slice that held one.
 *
 * <p><b>Epoch budget.</b> Slice step r (1-based) trains on slices 1..r for 2 &middot; epochs / (R + 1) epochs,
 * counted in samples (a fractional epoch is the first part of a fresh shuffle), as the SISA paper spreads the
 * budget: with equal slices a shard's model sees exactly {@code epochs} &times; |shard| samples in all, the
 * compute of {@code epochs} epochs on its own data, so the whole ensemble costs what one model costs on all data.
 *
 * <p><b>Prediction.</b> Each shard's model votes for its most probable class; the class with most votes wins. A
 * tie between classes with equally many votes goes to the tied class with the highest probability summed over
 * all shards (and, should that tie too, to the lowest class index). Membership scores use the mean of the
 * shards' probabilities.
 *
 * <p>An ensemble is not changed by {@link #forget}: it returns a new ensemble that shares the untouched shards'
 * models (bit-identical by construction) and has new models for the retrained ones.
 */
public final class SisaEnsemble {
    /** How the shards are trained. */
    public record Setup(ModelPreset preset, double learningRate, long seed, int batchSize, int epochs, int shards,
                        int slices) {
    }

    /** One shard's retraining: slices {@code fromSlice}..{@code slices} (1-based) were trained again. */
    public record Retrained(int shard, int fromSlice, int slices, int rowsForgotten) {
    }

    /** What {@link #forget} did and how long it took. */
    public record Forgetting(SisaEnsemble ensemble, List<Retrained> retrained, long millis) {
    }

    /** The state of one shard's model after a slice. */
    private record Checkpoint(INDArray params, INDArray updaterState, int iterations, int epochCount) {
    }

    private final Setup setup;
    private final TensorData train;
    private final int[][][] slices;
    private final Classifier[] models;
    private final Checkpoint[][] checkpoints;

    private SisaEnsemble(Setup setup, TensorData train, int[][][] slices, Classifier[] models,
                         Checkpoint[][] checkpoints) {
        this.setup = setup;
        this.train = train;
        this.slices = slices;
        this.models = models;
        this.checkpoints = checkpoints;
    }

    /**
     * Trains every shard on its part of {@code rows}.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static SisaEnsemble train(Setup setup, TensorData train, int[] rows, ExperimentListener events,
                                     CancellationToken token) {
        int[][][] slices = split(rows, setup.shards(), setup.slices(), setup.seed());
        Classifier[] models = new Classifier[setup.shards()];
        Checkpoint[][] checkpoints = new Checkpoint[setup.shards()][setup.slices()];
        SisaEnsemble e = new SisaEnsemble(setup, train, slices, models, checkpoints);
        for (int s = 0; s < setup.shards(); s++) {
            models[s] = e.trainShard(s, 0, events, token);
        }
        return e;
    }

    /**
     * A seeded shuffle of {@code rows} cut into {@code shards} nearly equal shards, each cut into {@code slices}
     * nearly equal slices.
     */
    static int[][][] split(int[] rows, int shards, int slices, long seed) {
        int[] order = rows.clone();
        // Not Random(seed): a random-fraction request draws with that stream, and would then fill shard 1 exactly.
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 0x5157A);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][][] out = new int[shards][slices][];
        for (int s = 0; s < shards; s++) {
            int from = (int) ((long) order.length * s / shards);
            int to = (int) ((long) order.length * (s + 1) / shards);
            for (int k = 0; k < slices; k++) {
                int a = from + (int) ((long) (to - from) * k / slices);
                int b = from + (int) ((long) (to - from) * (k + 1) / slices);
                out[s][k] = Arrays.copyOfRange(order, a, b);
            }
        }
        return out;
    }

    /** Trains shard {@code s} from the checkpoint after slice {@code fromSlice - 1} (0 = a fresh model). */
    private Classifier trainShard(int s, int fromSlice, ExperimentListener events, CancellationToken token) {
        Classifier model = Classifier.create(setup.preset(), setup.learningRate(), setup.seed() + s);
        if (fromSlice > 0) {
            restore(model, checkpoints[s][fromSlice - 1]);
        }
        Trainer trainer = new Trainer(train, train, 1, events, token);
        int r = setup.slices();
        double epochsPerStep = 2.0 * setup.epochs() / (r + 1);
        for (int step = fromSlice; step < r; step++) {
            int[] rows = concat(slices[s], step + 1);
            long budget = Math.round(epochsPerStep * rows.length);
            // The shuffle depends on the shard and step alone, so retraining a step repeats it exactly.
            Random shuffle = new Random(setup.seed() * 1_000_003L + s * 1_009L + step);
            trainStep(trainer, model, rows, budget, shuffle, "sisa shard " + (s + 1) + " slice " + (step + 1),
                    events, token);
            checkpoints[s][step] = checkpoint(model);
        }
        return model;
    }

    private void trainStep(Trainer trainer, Classifier model, int[] rows, long budget, Random shuffle, String phase,
                           ExperimentListener events, CancellationToken token) {
        int batch = setup.batchSize();
        int batches = (int) ((budget + batch - 1) / batch);
        int[] order = rows.clone();
        int pos = order.length;
        long start = System.nanoTime();
        long done = 0;
        for (int b = 0; b < batches; b++) {
            token.throwIfCancelled();
            int size = (int) Math.min(batch, budget - done);
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                if (pos == order.length) {
                    shuffle(order, shuffle);
                    pos = 0;
                }
                idx[i] = order[pos++];
            }
            double loss = trainer.fitBatch(model, idx, null);
            done += size;
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            double rate = done / Math.max(1e-9, elapsed / 1000.0);
            events.trainingProgress(new TrainingProgress(phase, 1, 1, b + 1, batches, loss, rate, elapsed,
                    (long) ((budget - done) / Math.max(rate, 1e-9) * 1000)));
        }
    }

    /**
     * A new ensemble without {@code forget} (dataset indices; rows it never held are ignored); the shards that held
     * none of them keep their models.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public Forgetting forget(int[] forget, ExperimentListener events, CancellationToken token) {
        long start = System.nanoTime();
        int[] gone = forget.clone();
        Arrays.sort(gone);
        int[][][] newSlices = new int[slices.length][][];
        Checkpoint[][] newCheckpoints = new Checkpoint[slices.length][];
        Classifier[] newModels = models.clone();
        List<Retrained> retrained = new ArrayList<>();
        SisaEnsemble next = new SisaEnsemble(setup, train, newSlices, newModels, newCheckpoints);
        for (int s = 0; s < slices.length; s++) {
            int earliest = -1;
            int removed = 0;
            newSlices[s] = new int[slices[s].length][];
            for (int k = 0; k < slices[s].length; k++) {
                int[] kept = Arrays.stream(slices[s][k]).filter(i -> Arrays.binarySearch(gone, i) < 0).toArray();
                if (kept.length != slices[s][k].length) {
                    removed += slices[s][k].length - kept.length;
                    if (earliest < 0) {
                        earliest = k;
                    }
                }
                newSlices[s][k] = kept;
            }
            newCheckpoints[s] = checkpoints[s].clone();
            if (earliest >= 0) {
                events.log("sisa: retraining shard " + (s + 1) + " from slice " + (earliest + 1) + " of "
                        + setup.slices() + " (" + removed + " of its rows forgotten)");
                newModels[s] = next.trainShard(s, earliest, events, token);
                retrained.add(new Retrained(s + 1, earliest + 1, setup.slices() - earliest, removed));
            }
        }
        return new Forgetting(next, List.copyOf(retrained), (System.nanoTime() - start) / 1_000_000);
    }

    public Setup setup() {
        return setup;
    }

    public int shards() {
        return models.length;
    }

    /** Shard {@code s}'s model (0-based); engine-internal, do not train it. */
    public Classifier shard(int s) {
        return models[s];
    }

    /** How many training rows the ensemble holds now. */
    public int size() {
        int n = 0;
        for (int[][] shard : slices) {
            for (int[] slice : shard) {
                n += slice.length;
            }
        }
        return n;
    }

    /** Mean of the shards' softmax probabilities [n, classes]. */
    public INDArray probabilities(INDArray images) {
        return meanProbabilities(List.of(models), images);
    }

    /** The mean of these models' softmax probabilities [n, classes]: an ensemble's membership scores. */
    public static INDArray meanProbabilities(List<Classifier> shards, INDArray images) {
        INDArray sum = null;
        for (Classifier m : shards) {
            INDArray p = m.probabilities(images);
            sum = sum == null ? p.dup() : sum.addi(p);
        }
        return sum.divi(shards.size());
    }

    /** The majority vote for each image (see the class comment for the tie-break). */
    public int[] predict(INDArray images) {
        int n = (int) images.size(0);
        float[][][] byShard = new float[models.length][][];
        for (int s = 0; s < models.length; s++) {
            INDArray p = models[s].probabilities(images);
            byShard[s] = p.toFloatMatrix();
        }
        int[] out = new int[n];
        float[][] one = new float[models.length][];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < models.length; s++) {
                one[s] = byShard[s][i];
            }
            out[i] = vote(one);
        }
        return out;
    }

    /**
     * The class most shards predict; among classes with equally many votes, the one with the highest probability
     * summed over all shards; then the lowest index.
     *
     * @param probabilities [shard][class]
     */
    public static int vote(float[][] probabilities) {
        int classes = probabilities[0].length;
        int[] votes = new int[classes];
        double[] sum = new double[classes];
        for (float[] p : probabilities) {
            votes[Evaluator.argmax(p)]++;
            for (int c = 0; c < classes; c++) {
                sum[c] += p[c];
            }
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (votes[c] > votes[best] || (votes[c] == votes[best] && sum[c] > sum[best])) {
                best = c;
            }
        }
        return best;
    }

    /** Writes each shard's model as {@code shard-N.zip} in {@code folder} (created if missing). */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int s = 0; s < models.length; s++) {
            models[s].save(folder.resolve("shard-" + (s + 1) + ".zip"));
        }
    }

    private static int[] concat(int[][] slices, int count) {
        int n = 0;
        for (int k = 0; k < count; k++) {
            n += slices[k].length;
        }
        int[] out = new int[n];
        int pos = 0;
        for (int k = 0; k < count; k++) {
            System.arraycopy(slices[k], 0, out, pos, slices[k].length);
            pos += slices[k].length;
        }
        return out;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static Checkpoint checkpoint(Classifier model) {
        MultiLayerNetwork net = model.network();
        Updater updater = net.getUpdater(true);
        INDArray state = updater.getStateViewArray();
        return new Checkpoint(net.params().dup(), state == null ? null : state.dup(), net.getIterationCount(),
                net.getEpochCount());
    }

    private static void restore(Classifier model, Checkpoint c) {
        MultiLayerNetwork net = model.network();
        net.setParams(c.params().dup());
        if (c.updaterState() != null) {
            INDArray state = net.getUpdater(true).getStateViewArray();
            if (state == null) {
                net.getUpdater().setStateViewArray(net, Nd4j.create(c.updaterState().shape()).assign(c.updaterState()),
                        false);
            } else {
                state.assign(c.updaterState());
            }
        }
        net.setIterationCount(c.iterations());
        net.setEpochCount(c.epochCount());
    }
}
