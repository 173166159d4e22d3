package org.unlearnlab.engine.comparison;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.diagnostics.CleanSurrogate;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.RobustnessDiagnostics;
import org.unlearnlab.engine.eval.EpsilonSweep;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.TrainingData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Runs several strategies from one base config and one shared starting model, so that their curves differ
 * only by what each strategy does: loss-ranked removal (the paper), random removal with the same budget,
 * FGSM adversarial training, and the same extra epochs without unlearning. Each strategy's final model (and
 * the starting model) is then diagnosed for gradient masking.
 *
 * <p>The folder: {@code comparison.json}, {@code config.json} (the base config), {@code base-model.zip},
 * {@code base-diagnostics.json}, and one run folder per strategy named after its id, holding its own
 * {@code diagnostics.json}. Started again on the same folder with the same config, it keeps what finished
 * (the base model, complete strategy runs) and redoes the rest; an unfinished run folder is moved aside,
 * never deleted.
 */
public final class StrategyComparison {
    public static final String MANIFEST = "comparison.json";
    public static final String BASE_CONFIG = "config.json";
    public static final String BASE_MODEL = "base-model.zip";
    public static final String BASE_DIAGNOSTICS = "base-diagnostics.json";
    public static final String BASE_STAGE = "base";
    public static final List<UnlearningStrategy> ALL = List.of(UnlearningStrategy.LOSS_RANKED,
            UnlearningStrategy.RANDOM, UnlearningStrategy.ADVERSARIAL_TRAINING, UnlearningStrategy.EXTRA_EPOCHS);

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Receives the events of each stage; called on the engine thread. */
    public interface Listener {
        /** Events of one stage: {@link #BASE_STAGE} (training the shared starting model) or a strategy id. */
        ExperimentListener stage(String stage);

        default void diagnosed(String stage, DiagnosticsReport report) {
        }

        default void strategyFinished(UnlearningStrategy strategy, Path runFolder) {
        }
    }

    /**
     * @param outcomes    the strategies run this time (those kept from an earlier start are not here)
     * @param diagnostics per stage, including those read back from an earlier start
     */
    public record Result(Path folder, boolean cancelled, Map<String, RunOutcome> outcomes,
                         Map<String, DiagnosticsReport> diagnostics) {
    }

    private final ExperimentConfig base;
    private final List<UnlearningStrategy> strategies;
    private int diagnosticsSubset = 1000;
    private double[] sweepEpsilons = EpsilonSweep.DEFAULT_EPSILONS;
    private String command = "";
    private DatasetSplit data;
    private CleanSurrogate surrogate;

    public StrategyComparison(ExperimentConfig base, List<UnlearningStrategy> strategies) {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategies to compare");
        }
        this.base = base;
        this.strategies = List.copyOf(strategies);
    }

    /** Test images for the diagnostics (0 = all, negative = no diagnostics). */
    public StrategyComparison diagnosticsSubset(int n) {
        this.diagnosticsSubset = n;
        return this;
    }

    /** Epsilons of the diagnostics' sweep (default 0 to 0.5 in eight steps); the largest should be 0.5. */
    public StrategyComparison sweepEpsilons(double... epsilons) {
        this.sweepEpsilons = epsilons.clone();
        return this;
    }

    /** The command line that produced the comparison, recorded for the report. */
    public StrategyComparison command(String commandLine) {
        this.command = commandLine;
        return this;
    }

    public StrategyComparison withData(DatasetSplit split) {
        this.data = split;
        return this;
    }

    /** The config a strategy runs with: the base config with that strategy and a name saying so. */
    public static ExperimentConfig configFor(ExperimentConfig base, UnlearningStrategy s) {
        return base.withName(base.name() + "-" + s.id()).withUnlearning(base.unlearning().withStrategy(s));
    }

    /**
     * @throws IOException when the data cannot be loaded, a file cannot be written, or {@code out} holds
     *                     something other than a comparison of this same config
     */
    public Result run(Path out, Listener listener, CancellationToken token) throws IOException {
        prepareFolder(out);
        Map<String, RunOutcome> outcomes = new LinkedHashMap<>();
        Map<String, DiagnosticsReport> diagnostics = new LinkedHashMap<>();
        try {
            DatasetSplit split = TrainingData.split(base.data(), data);
            TensorData test = TensorData.of(split.test());
            Classifier start = baseModel(out, split, test, listener.stage(BASE_STAGE), token);
            diagnose(out.resolve(BASE_DIAGNOSTICS), BASE_STAGE, base.name() + " (before unlearning)", start, split, test,
                    listener, diagnostics, token);
            for (UnlearningStrategy s : strategies) {
                Path folder = out.resolve(s.id());
                if (finished(folder)) {
                    listener.stage(s.id()).log(s.id() + ": kept the complete run from an earlier start");
                    DiagnosticsReport kept = DiagnosticsFiles.read(folder.resolve(DiagnosticsFiles.FILE));
                    if (kept != null) {
                        diagnostics.put(s.id(), kept);
                    } else if (diagnosticsSubset >= 0) {
                        diagnose(folder.resolve(DiagnosticsFiles.FILE), s.id(), folder.getFileName().toString(),
                                Classifier.load(folder.resolve(RunFolder.MODEL), base.model().preset()), split, test,
                                listener, diagnostics, token);
                    }
                    continue;
                }
                moveAsideIfPresent(folder);
                ExperimentConfig cfg = configFor(base, s);
                ExperimentListener events = listener.stage(s.id());
                events.log("strategy " + s.id() + ": " + s.label());
                RunOutcome outcome = new ExperimentRunner(cfg).withData(split)
                        .startingFrom(Classifier.load(out.resolve(BASE_MODEL), base.model().preset()))
                        .run(RunFolder.createAt(folder, cfg), events, token);
                outcomes.put(s.id(), outcome);
                if (outcome.reason() == StopReason.CANCELLED) {
                    return new Result(out, true, outcomes, diagnostics);
                }
                diagnose(folder.resolve(DiagnosticsFiles.FILE), s.id(), cfg.name(), outcome.model(), split, test,
                        listener, diagnostics, token);
                listener.strategyFinished(s, folder);
            }
            return new Result(out, false, outcomes, diagnostics);
        } catch (CancellationException e) {
            return new Result(out, true, outcomes, diagnostics);
        }
    }

    /**
     * Whether {@code out} can hold a comparison of {@code config}: it does not exist, is empty, or holds an
     * earlier start of the same comparison (which is then continued).
     *
     * @return true when an earlier start will be continued
     * @throws IOException naming the folder and why it cannot be used
     */
    public static boolean checkFolder(Path out, ExperimentConfig config) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": is a file, not a folder");
        }
        if (Files.isRegularFile(out.resolve(MANIFEST))) {
            Path cfg = out.resolve(BASE_CONFIG);
            String earlier = Files.isRegularFile(cfg) ? Files.readString(cfg) : "";
            if (!earlier.strip().equals(ConfigFiles.toJson(config).strip())) {
                throw new IOException(out + ": holds a comparison of another config; choose another --out or delete it");
            }
            return true;
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + ": already holds files that are not a comparison; choose another --out or delete it");
                }
            }
        }
        return false;
    }

    private void prepareFolder(Path out) throws IOException {
        if (checkFolder(out, base)) {
            return;
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve(BASE_CONFIG), ConfigFiles.toJson(base));
        List<String> ids = strategies.stream().map(UnlearningStrategy::id).toList();
        AtomicFiles.writeString(out.resolve(MANIFEST), JSON.writeValueAsString(new ComparisonManifest(base.name(),
                Instant.now().toString(), ids, diagnosticsSubset, command)) + "\n");
    }

    private Classifier baseModel(Path out, DatasetSplit split, TensorData test, ExperimentListener events,
                                 CancellationToken token) throws IOException {
        Path zip = out.resolve(BASE_MODEL);
        if (Files.isRegularFile(zip)) {
            events.log("kept the starting model from an earlier start (" + BASE_MODEL + ")");
            return Classifier.load(zip, base.model().preset());
        }
        events.log("training the starting model all strategies share");
        Classifier model = ModelTraining.trainFresh(base, new TrainingData(split, TensorData.of(split.train()), test),
                ModelTraining.INITIAL, events, token);
        AtomicFiles.write(zip, model::save);
        return model;
    }

    private void diagnose(Path file, String stage, String modelName, Classifier model, DatasetSplit split,
                          TensorData test, Listener listener, Map<String, DiagnosticsReport> into,
                          CancellationToken token) throws IOException {
        if (diagnosticsSubset < 0) {
            return;
        }
        DiagnosticsReport report = DiagnosticsFiles.read(file);
        if (report == null) {
            ExperimentListener events = listener.stage(stage);
            if (surrogate == null) {
                surrogate = CleanSurrogate.forData(split.train(), test, base.training().epochs(), base.training().seed(),
                        model, events, token);
            }
            events.log("diagnostics of " + modelName + " on " + (diagnosticsSubset == 0 ? "all" : "up to " + diagnosticsSubset)
                    + " test images");
            report = RobustnessDiagnostics.run(modelName, model, test, surrogate.model(), surrogate.name(),
                    // No C&W here: a comparison diagnoses every strategy's model, and C&W would double its time.
                    RobustnessDiagnostics.Settings.of(base, diagnosticsSubset).withSweep(sweepEpsilons)
                            .withCarliniWagnerSubset(0), events::log, token);
            DiagnosticsFiles.write(report, file);
        }
        into.put(stage, report);
        listener.diagnosed(stage, report);
    }

    private static boolean finished(Path folder) {
        if (!Files.isRegularFile(folder.resolve(RunFolder.SUMMARY))) {
            return false;
        }
        try {
            return RunFolder.open(folder).readSummary().status() == RunStatus.COMPLETE
                    && Files.isRegularFile(folder.resolve(RunFolder.MODEL));
        } catch (IOException e) {
            return false;
        }
    }

    private static void moveAsideIfPresent(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Path aside = folder.resolveSibling(folder.getFileName() + ".unfinished-" + System.currentTimeMillis());
        Files.move(folder, aside);
    }

    /** Reads comparison.json of a comparison folder. */
    public static ComparisonManifest readManifest(Path folder) throws IOException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(folder + " is not a comparison folder (it has no " + MANIFEST + ")");
        }
        try {
            return JSON.readValue(file.toFile(), ComparisonManifest.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable comparison manifest", e);
        }
    }

    /** The strategies' run folders that exist, in the manifest's order. */
    public static List<Path> runFolders(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String id : readManifest(folder).strategies()) {
            Path p = folder.resolve(id);
            if (Files.isRegularFile(p.resolve(RunFolder.SUMMARY))) {
                out.add(p);
            }
        }
        return out;
    }
}
