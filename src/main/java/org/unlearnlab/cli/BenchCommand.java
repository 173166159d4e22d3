package org.unlearnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.model.fastpath.FastPath;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runtime.NativeBackend;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Speed and memory figures, one JSON line each with the settings it ran under. Same work as
 * shared/reference/torch_bench.py (Adam 1e-3, batch 128; FGSM eps 0.1 on the 10k test images), so
 * {@code --compare-with} can print ours / PyTorch's ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training, attack and loss throughput, memory, and the classroom run; JSON lines on stdout.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--only", split = ",", description = "subset of: train-lenet5, train-paper-lenet, train-paper-cnn, fgsm, pgd, loss, paper-iteration, classroom, memory")
    List<String> only;

    @Option(names = "--batches", defaultValue = "200", description = "timed lenet5 training batches of 128 (after 5 warm-up batches)")
    int batches;

    @Option(names = "--paper-batches", defaultValue = "30", description = "timed paper-cnn training batches of 128")
    int paperBatches;

    @Option(names = "--memory-iterations", defaultValue = "30",
            description = "unlearning iterations of the memory loop (default ${DEFAULT-VALUE})")
    int memoryIterations;

    @Option(names = "--classroom", defaultValue = "sample-configs/classroom.json",
            description = "config of the end-to-end figure (a file, or a bundled preset's name)")
    Path classroom;

    @Option(names = "--compare-with", description = "file with torch_bench.py's JSON line(s); prints ours/PyTorch ratios")
    Path compareWith;

    private final Map<String, Double> ours = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (batches < 1 || paperBatches < 1 || memoryIterations < 1) {
            throw new CliErrors.BadInput("--batches, --paper-batches and --memory-iterations must be at least 1");
        }
        List<String> torch = compareWith == null ? List.of() : Files.readAllLines(compareWith);
        NativeBackend.initialise();
        DatasetSplit mnist = DatasetLoader.bundledMnist();
        TrainingData data = TrainingData.of(mnist);
        TensorData train = data.train();
        TensorData test = data.test();
        CancellationToken token = Interrupts.cancelOnCtrlC();
        // The attacks of a default config: eps 0.1, PGD-10 with step 0.01 from a random start, seed 42.
        AttackSuite attacks = AttackSuite.of(ExperimentConfig.defaults());
        emit("environment", Map.of("onednn", FastPath.oneDnnActive(),
                "cores", Runtime.getRuntime().availableProcessors(),
                "native_threads", NativeBackend.nativeThreads(),
                "java", System.getProperty("java.version"), "rss_mb", rssMb()));

        if (wants("train-lenet5")) {
            trainBench(ModelPreset.LENET5, train, test, batches);
        }
        Classifier lenet = null;
        if (wants("train-paper-lenet")) {
            trainBench(ModelPreset.PAPER_LENET, train, test, batches);
        }
        if (wants("fgsm") || wants("pgd") || wants("loss")) {
            lenet = quickModel(data);
        }
        if (wants("fgsm")) {
            for (FgsmVariant v : FgsmVariant.values()) {
                long t0 = System.nanoTime();
                AttackSummary s = Evaluator.attacked(lenet, test, 0, attacks.fgsm(v), token);
                double sec = seconds(t0);
                ours.putIfAbsent("fgsm_10k_seconds", sec);
                emit("fgsm-" + v.id(), Map.of("model", "lenet5", "samples", s.evaluated(), "epsilon", attacks.epsilon(),
                        "batch", Evaluator.BATCH, "seconds", round(sec), "accuracy", s.accuracy(),
                        "zero_gradient", s.zeroGradientCount()));
            }
        }
        if (wants("pgd")) {
            long t0 = System.nanoTime();
            AttackSummary s = Evaluator.attacked(lenet, test, 0, attacks.pgd(), token);
            emit("pgd", Map.of("model", "lenet5", "samples", s.evaluated(), "epsilon", attacks.epsilon(),
                    "steps", attacks.pgdSteps(), "step_size", attacks.pgdStepSize(), "seconds", round(seconds(t0)),
                    "accuracy", s.accuracy()));
        }
        if (wants("loss")) {
            long t0 = System.nanoTime();
            double sum = 0;
            for (int from = 0; from < train.size(); from += Evaluator.BATCH) {
                int to = Math.min(train.size(), from + Evaluator.BATCH);
                INDArray logits = lenet.logits(train.images(from, to));
                sum += LogitCrossEntropy.perExample(logits, train.labels(from, to)).sumNumber().doubleValue();
            }
            emit("per-sample-loss", Map.of("model", "lenet5", "samples", train.size(), "batch", Evaluator.BATCH,
                    "seconds", round(seconds(t0)), "mean_loss", round(sum / train.size())));
        }
        if (wants("train-paper-cnn")) {
            trainBench(ModelPreset.PAPER_CNN, train, test, paperBatches);
        }
        if (wants("paper-iteration")) {
            paperIteration(train, test, attacks, token);
        }
        if (wants("classroom")) {
            ExperimentConfig cfg = ConfigChoice.read(classroom);
            ConfigValidator.check(cfg, classroom.getFileName().toString());
            long t0 = System.nanoTime();
            RunOutcome out = new ExperimentRunner(cfg).withData(mnist).run(null, ExperimentListener.NONE, token);
            IterationMetrics last = out.last();
            emit("classroom", Map.of("config", classroom.toString(), "seconds", round(seconds(t0)),
                    "iterations", out.iterations().stream().filter(m -> !m.finalFullTest()).count() - 1,
                    "stop", out.reason().toString(), "final_clean", last.clean().accuracy(),
                    "final_fgsm_stable", last.fgsmStable().accuracy(), "final_pgd", last.pgd().accuracy(),
                    "rss_mb", rssMb()));
        }
        if (wants("memory")) {
            memoryLoop(mnist, token);
        }
        compare(torch);
        Interrupts.finished();
        return 0;
    }

    private void trainBench(ModelPreset preset, TensorData train, TensorData test, int timed) {
        int warmup = 5;
        int bs = 128;
        Classifier c = Classifier.create(preset, 1e-3, 42);
        Trainer trainer = new Trainer(train, test, 0, ExperimentListener.NONE, CancellationToken.none());
        List<Integer> shuffled = new ArrayList<>(Arrays.stream(Trainer.range(train.size())).boxed().toList());
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        int[] order = shuffled.stream().mapToInt(Integer::intValue).toArray();
        for (int b = 0; b < warmup; b++) {
            trainer.fitBatch(c, Arrays.copyOfRange(order, b * bs, (b + 1) * bs), null);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int b = warmup; b < warmup + timed; b++) {
            int from = (b * bs) % (train.size() - bs);
            trainer.fitBatch(c, Arrays.copyOfRange(order, from, from + bs), null);
        }
        double sec = seconds(t0);
        // With one native thread the native work runs on this thread too; its CPU time leaves out time the
        // machine gave to others, which wall time on a shared machine does not.
        double cpuSec = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double rate = timed * bs / sec;
        ours.put("train_samples_per_s_" + preset.id(), rate);
        emit("train-" + preset.id(), Map.of("model", preset.id(), "batch", bs, "warmup_batches", warmup,
                "timed_batches", timed, "seconds", round(sec), "samples_per_s", Math.round(rate),
                "epoch_seconds_estimate", round(60000 / rate), "rss_mb", rssMb(),
                "thread_cpu_seconds", round(cpuSec), "samples_per_thread_cpu_s", Math.round(timed * bs / cpuSec)));
    }

    /**
     * The cost of one iteration of {@code sample-configs/paper.json} (paper-cnn, warm-start retraining of one
     * epoch, the whole training set as the ranking pool, 2,000 test images per evaluation), from its parts:
     * ranking is timed as FGSM on 10,000 training images (the passes ranking makes: input gradient, then the
     * adversarial forward pass) and scaled to the pool; retraining is the pool over the measured paper-cnn
     * training rate; the evaluation (clean, FGSM both losses, PGD-10 on 2,000 test images) is timed whole.
     * A real paper iteration would take hours of set-up (15 epochs of base training) before the first one.
     */
    private void paperIteration(TensorData train, TensorData test, AttackSuite attacks, CancellationToken token) {
        if (!ours.containsKey("train_samples_per_s_paper-cnn")) {
            trainBench(ModelPreset.PAPER_CNN, train, test, paperBatches);
        }
        Classifier c = Classifier.create(ModelPreset.PAPER_CNN, 1e-3, 42);
        int slice = Math.min(10_000, train.size());
        long t0 = System.nanoTime();
        Evaluator.attacked(c, train, slice, attacks.fgsm(FgsmVariant.STABLE), token);
        double rankingSlice = seconds(t0);
        double ranking = rankingSlice * train.size() / slice;
        int subset = Math.min(2000, test.size());
        t0 = System.nanoTime();
        Evaluator.robustness(c, test, subset, attacks, token);
        double evaluation = seconds(t0);
        double retraining = (train.size() - 100) / ours.get("train_samples_per_s_paper-cnn");
        emit("paper-iteration", Map.of("model", "paper-cnn", "pool", train.size(), "eval_images", subset,
                "ranking_seconds_on_" + slice, round(rankingSlice), "ranking_seconds", round(ranking),
                "retraining_seconds", round(retraining), "evaluation_seconds", round(evaluation),
                "iteration_seconds", round(ranking + retraining + evaluation),
                "note", "ranking scaled from the slice, retraining from the measured training rate"));
    }

    /** A lenet5 trained for one epoch: attack timings on an untrained model would flatter nothing but mean little. */
    private Classifier quickModel(TrainingData data) {
        ExperimentConfig cfg = ExperimentConfig.defaults().withEvaluation(new ExperimentConfig.Evaluation(1000, false));
        return ModelTraining.trainFresh(cfg, data, "bench", ExperimentListener.NONE, CancellationToken.none());
    }

    /**
     * RSS and live threads over a long unlearning loop: both should stay flat once the first iteration has
     * warmed up ND4J's workspaces and caches. Figures: before the loop, after iteration 1, at the end.
     */
    private void memoryLoop(DatasetSplit mnist, CancellationToken token) throws IOException {
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = d.withName("memory-loop")
                .withData(new ExperimentConfig.Data(null, 6000, 500))
                .withTraining(new ExperimentConfig.Training(1, 128, 1e-3, 42))
                .withUnlearning(new ExperimentConfig.Unlearning(d.unlearning().strategy(), 50, memoryIterations, 1.0,
                        d.unlearning().thresholdMetric(), d.unlearning().retrain(), 1, 1000))
                .withEvaluation(new ExperimentConfig.Evaluation(500, false));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<long[]> samples = new ArrayList<>();
        long rssStart = rssMb();
        int threadsStart = threads.getThreadCount();
        long t0 = System.nanoTime();
        RunOutcome out = new ExperimentRunner(cfg).withData(mnist).run(null, new ExperimentListener() {
            @Override
            public void iterationFinished(IterationMetrics m) {
                samples.add(new long[]{rssMb(), threads.getThreadCount(),
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20,
                        org.bytedeco.javacpp.Pointer.totalBytes() >> 20});
            }
        }, token);
        long[] first = samples.get(Math.min(1, samples.size() - 1));
        long[] last = samples.get(samples.size() - 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("iterations", samples.size() - 1);
        r.put("stop", out.reason().toString());
        r.put("train_limit", 6000);
        r.put("samples_per_iteration", 50);
        r.put("rss_mb_start", rssStart);
        r.put("rss_mb_after_iteration_1", first[0]);
        r.put("rss_mb_end", last[0]);
        r.put("rss_mb_max", samples.stream().mapToLong(s -> s[0]).max().orElse(0));
        r.put("growth_percent_from_iteration_1", round(100.0 * (last[0] - first[0]) / first[0]));
        // RSS alone cannot tell a leak from the JVM growing its heap toward -Xmx; these say which part grew.
        r.put("heap_committed_mb_after_iteration_1", first[2]);
        r.put("heap_committed_mb_end", last[2]);
        r.put("offheap_javacpp_mb_after_iteration_1", first[3]);
        r.put("offheap_javacpp_mb_end", last[3]);
        r.put("rss_mb_by_iteration", samples.stream().mapToLong(x -> x[0]).toArray());
        r.put("threads_start", threadsStart);
        r.put("threads_after_iteration_1", first[1]);
        r.put("threads_end", threads.getThreadCount());
        r.put("seconds", round(seconds(t0)));
        emit("memory", r);
    }

    private void compare(List<String> torchLines) throws IOException {
        for (String line : torchLines) {
            if (line.isBlank() || !line.trim().startsWith("{")) {
                continue;
            }
            JsonNode t = JSON.readTree(line);
            String model = t.path("model").asText("lenet5");
            Double trainOurs = ours.get("train_samples_per_s_" + model);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("reference", t.path("engine").asText());
            r.put("model", model);
            if (trainOurs != null && t.has("train_samples_per_s")) {
                r.put("train_samples_per_s_ours", Math.round(trainOurs));
                r.put("train_samples_per_s_torch", t.get("train_samples_per_s").asDouble());
                r.put("train_speed_ratio_ours_over_torch", round(trainOurs / t.get("train_samples_per_s").asDouble()));
            }
            if (model.equals("lenet5") && ours.containsKey("fgsm_10k_seconds") && t.has("fgsm_10k_seconds")) {
                r.put("fgsm_10k_seconds_ours", round(ours.get("fgsm_10k_seconds")));
                r.put("fgsm_10k_seconds_torch", t.get("fgsm_10k_seconds").asDouble());
                r.put("fgsm_time_ratio_ours_over_torch", round(ours.get("fgsm_10k_seconds") / t.get("fgsm_10k_seconds").asDouble()));
            }
            emit("compare", r);
        }
    }

    private boolean wants(String name) {
        return only == null || only.contains(name);
    }

    private static void emit(String bench, Map<String, ?> fields) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bench", bench);
        fields.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        System.out.println(n);
        System.out.flush();
    }

    static long rssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
