package org.unlearnlab.engine.experiment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.audit.MembershipAudit;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.SisaEnsemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The membership audit of a finished run folder with a forget set (its removed.csv): each of its models, and the
 * gold model beside them, under every {@link org.unlearnlab.engine.audit.MembershipAttack}.
 *
 * <p>A forget run brings its own models (the repeat it kept: original, method, gold). A run of the paper's loop has
 * only its final model; its gold model is a fresh model of the config's preset, seed and {@code training.epochs},
 * trained on the training rows the run did not remove (as long as the run's initial model trained, not as long as
 * initial training plus every retraining iteration); it is kept as audit-gold.zip and reused by the next audit.
 */
public final class RunAudit {
    public static final String FILE = "audit.json";
    public static final String GOLD = "audit-gold.zip";
    /** A gold model whose members are this close to AUC 0.5 on every attack shows nothing to compare with. */
    public static final double UNINFORMATIVE_MARGIN = 0.05;

    /** One model's figures. */
    public record ModelAudit(String model, List<MembershipAudit.AttackFigures> attacks) {
    }

    /**
     * @param gold        how the gold model was made
     * @param informative false when the gold model's remaining rows are within {@link #UNINFORMATIVE_MARGIN} of
     *                    AUC 0.5 for every attack
     * @param note        what the figures can and cannot show, in words
     */
    public record Result(String run, int forgetSize, int remainingSize, String gold, List<ModelAudit> models,
                         boolean informative, String note) {

        public ModelAudit model(String name) {
            return models.stream().filter(m -> m.model().equals(name)).findFirst().orElse(null);
        }
    }

    private RunAudit() {
    }

    /** A model's probabilities [n, classes] of images [n, 1, 28, 28]. */
    interface Probabilities {
        INDArray of(INDArray images);
    }

    /**
     * @param loaded the data already in memory, or null to load the run config's data
     * @throws IOException when the folder is not a finished run with a forget set, or a model cannot be read
     */
    public static Result audit(Path dir, DatasetSplit loaded, ExperimentListener events, CancellationToken token)
            throws IOException {
        RunFolder run = RunFolder.open(dir);
        RunStatus status = run.readSummary().status();
        if (status == RunStatus.RUNNING) {
            throw new ForgetRequestException(dir + ": the run is still running; audit it when it has finished");
        }
        ExperimentConfig cfg = run.readConfig();
        List<RemovedSample> removed = run.readRemoved();
        if (removed.isEmpty()) {
            throw new ForgetRequestException(dir + ": the run has no forget set (its removed.csv lists no sample)");
        }
        TrainingData d = TrainingData.of(cfg.data(), loaded);
        ForgetSet set = ForgetSet.of(removed.stream().mapToInt(RemovedSample::datasetIndex).distinct().toArray(),
                d.train().size(), removed.size() + " samples of removed.csv");
        long seed = cfg.training().seed();
        Random r = new Random(seed);
        int[] forgetRows = firstOfShuffle(set.forget(), MembershipAudit.MAX_SAMPLES, r);
        int[] remainingRows = firstOfShuffle(set.remaining(), MembershipAudit.MAX_SAMPLES, r);
        int[] testRows = firstOfShuffle(Trainer.range(d.test().size()), MembershipAudit.MAX_SAMPLES, r);

        List<String> names = new ArrayList<>();
        List<Probabilities> models = new ArrayList<>();
        String gold;
        Path result = dir.resolve(ForgetResult.FILE);
        if (Files.isRegularFile(result)) {
            ForgetResult fr = ForgetResult.read(result);
            Path folder = dir.resolve(fr.kept().folder());
            names.add("original");
            models.add(load(folder.resolve("original.zip"), cfg)::probabilities);
            if (!fr.method().equals(ForgetMethod.RETRAIN.id())) {
                names.add(fr.method());
                models.add(fr.method().equals(ForgetMethod.SISA.id()) ? ensemble(folder.resolve("sisa"), cfg)
                        : load(folder.resolve("method.zip"), cfg)::probabilities);
            }
            names.add("gold");
            models.add(load(folder.resolve("gold.zip"), cfg)::probabilities);
            gold = "the run's gold model (retrained from scratch without the forget set, repeat " + fr.keptRepeat()
                    + ")";
        } else {
            names.add("run model");
            models.add(load(run.modelPath(), cfg)::probabilities);
            names.add("gold");
            models.add(goldOfLoopRun(dir, cfg, d, set, events, token)::probabilities);
            gold = "a model retrained from scratch on the rows the run kept (" + cfg.training().epochs()
                    + " epochs, seed " + seed + "; " + GOLD + ")";
        }
        List<ModelAudit> audits = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            token.throwIfCancelled();
            events.log("audit: " + names.get(m));
            MembershipAudit.Samples f = samples(models.get(m), d.train(), forgetRows);
            MembershipAudit.Samples rem = samples(models.get(m), d.train(), remainingRows);
            MembershipAudit.Samples t = samples(models.get(m), d.test(), testRows);
            audits.add(new ModelAudit(names.get(m), MembershipAudit.run(f, rem, t, seed)));
        }
        ModelAudit goldAudit = audits.get(audits.size() - 1);
        double spread = goldAudit.attacks().stream().mapToDouble(a -> Math.abs(a.remainingAuc() - 0.5)).max()
                .orElse(0);
        boolean informative = spread > UNINFORMATIVE_MARGIN;
        String note = informative
                ? String.format(Locale.ROOT, "informative: the gold model's own training rows stand out (AUC up to"
                + " %.3f from 0.5), so a model that remembers its forget set can be told from it", spread)
                : String.format(Locale.ROOT, "uninformative: even the gold model's training rows are within %.3f of"
                + " AUC 0.5, so these attacks cannot tell remembered samples from unseen ones here; try"
                + " sample-configs/audit-overfit.json (few images, many epochs)", spread);
        Result out = new Result(dir.toString(), set.size(), set.remaining().length, gold, List.copyOf(audits),
                informative, note);
        AtomicFiles.writeString(dir.resolve(FILE), ForgetResult.JSON.writeValueAsString(out) + "\n");
        return out;
    }

    /**
     * @return the audit.json {@link #audit} left in {@code dir}, or null when the run has not been audited
     * @throws IOException naming the file when it cannot be read as an audit
     */
    public static Result read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ForgetResult.JSON.readValue(file.toFile(), Result.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable audit (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static Classifier load(Path zip, ExperimentConfig cfg) throws IOException {
        return Classifier.load(zip, cfg.model().preset());
    }

    /** A SISA ensemble's membership scores: the mean of its shards' probabilities. */
    private static Probabilities ensemble(Path folder, ExperimentConfig cfg) throws IOException {
        List<Classifier> shards = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("shard-")).sorted().toList()) {
                shards.add(load(p, cfg));
            }
        }
        if (shards.isEmpty()) {
            throw new IOException(folder + ": no shard models");
        }
        return images -> SisaEnsemble.meanProbabilities(shards, images);
    }

    private static Classifier goldOfLoopRun(Path dir, ExperimentConfig cfg, TrainingData d, ForgetSet set,
                                            ExperimentListener events, CancellationToken token) throws IOException {
        Path zip = dir.resolve(GOLD);
        if (Files.isRegularFile(zip)) {
            events.log("audit: gold model from " + GOLD);
            return load(zip, cfg);
        }
        ExperimentConfig.Training t = cfg.training();
        events.log("audit: training the gold model on the " + set.remaining().length + " rows the run kept");
        Classifier gold = Classifier.create(cfg.model().preset(), t.learningRate(), t.seed());
        new Trainer(d.train(), d.test(), cfg.evaluation().iterationSubset(), events, token)
                .train(gold, set.remaining(), t.batchSize(), t.epochs(), "audit gold", 0, new Random(t.seed()), null);
        AtomicFiles.write(zip, gold::save);
        return gold;
    }

    private static MembershipAudit.Samples samples(Probabilities model, TensorData data, int[] rows) {
        float[][] p = new float[rows.length][];
        int[] labels = new int[rows.length];
        for (int from = 0; from < rows.length; from += Evaluator.BATCH) {
            int[] idx = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + Evaluator.BATCH));
            float[][] batch = model.of(data.imagesAt(idx)).toFloatMatrix();
            System.arraycopy(batch, 0, p, from, batch.length);
            for (int i = 0; i < idx.length; i++) {
                labels[from + i] = data.labels()[idx[i]];
            }
        }
        return new MembershipAudit.Samples(labels, p);
    }

    private static int[] firstOfShuffle(int[] values, int limit, Random r) {
        int[] a = ForgetRequests.shuffled(values, r);
        return Arrays.copyOf(a, Math.min(a.length, limit));
    }
}
