import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.ApproximateForgetting;
import org.unlearnlab.engine.unlearning.Retraining;
import org.unlearnlab.engine.unlearning.UnlearningMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Measures fisher, influence and AMUN beside retraining on a MNIST subset, before the forget runner exists:
 * java -cp "target/unlearnlab.jar:target/lib/*" src/test/tools/ForgetBench.java TRAIN EPOCHS OUT [requests] [methods]
 * requests: comma list of 5,10,20,30 (random %) and c7 (25 class-7 images); methods: retrain,fisher,influence,amun.
 * Settings are the forget defaults unless -Dbench.fisher.alpha / -Dbench.influence.depth / ... are given.
 */
public class ForgetBench {
    public static void main(String[] a) throws Exception {
        int trainLimit = Integer.parseInt(a[0]);
        int epochs = Integer.parseInt(a[1]);
        Path out = Path.of(a[2]);
        List<String> requests = List.of((a.length > 3 ? a[3] : "5,10,20,30,c7").split(","));
        List<String> methods = List.of((a.length > 4 ? a[4] : "retrain,fisher,influence,amun").split(","));
        Files.createDirectories(out);
        long seed = 42;
        DatasetSplit split = DatasetLoader.bundledMnist().limit(trainLimit, 0);
        TrainingData data = TrainingData.of(split);
        CancellationToken token = CancellationToken.none();
        ExperimentListener log = new ExperimentListener() {
            @Override
            public void log(String line) {
                System.out.println("  " + line);
            }
        };
        Trainer trainer = new Trainer(data.train(), data.test(), 1000, ExperimentListener.NONE, token);
        int batch = 128;
        Classifier original = Classifier.create(ModelPreset.LENET5, 1e-3, seed);
        long t0 = System.nanoTime();
        trainer.train(original, Trainer.range(trainLimit), batch, epochs, "original", 0, new Random(seed), null);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Path zip = out.resolve("original.zip");
        original.save(zip);
        double acc0 = Evaluator.clean(original, data.test(), 0, token).accuracy();
        List<String> rows = new ArrayList<>();
        rows.add("request,method,forgotten,accuracy,largestClassShare,seconds,details");
        rows.add(String.format(Locale.ROOT, "none,original,0,%.4f,%.3f,%.1f,epochs=%d train=%d", acc0,
                largestShare(original, data.test()), trainSeconds, epochs, trainLimit));
        System.out.println(rows.get(rows.size() - 1));
        ForgetSettings d = ForgetSettings.defaults();
        ForgetSettings.Fisher fs = new ForgetSettings.Fisher(dbl("fisher.alpha", d.fisher().alpha()),
                dbl("fisher.damping", d.fisher().damping()), (int) dbl("fisher.samples", d.fisher().samples()),
                (int) dbl("fisher.batchSize", d.fisher().batchSize()), dbl("fisher.clip", d.fisher().clip()),
                dbl("fisher.maxStepNorm", d.fisher().maxStepNorm()),
                Boolean.parseBoolean(System.getProperty("bench.fisher.noiseOnly", "" + d.fisher().noiseOnly())));
        ForgetSettings.Influence is = new ForgetSettings.Influence(dbl("influence.damping", d.influence().damping()),
                (int) dbl("influence.depth", d.influence().depth()), dbl("influence.scale", d.influence().scale()),
                (int) dbl("influence.batchSize", d.influence().batchSize()),
                (int) dbl("influence.removalBatch", d.influence().removalBatch()),
                dbl("influence.maxNorm", d.influence().maxNorm()));
        ForgetSettings.Amun as = new ForgetSettings.Amun(dbl("amun.epsilonStart", d.amun().epsilonStart()),
                dbl("amun.epsilonGrowth", d.amun().epsilonGrowth()), dbl("amun.epsilonMax", d.amun().epsilonMax()),
                (int) dbl("amun.pgdSteps", d.amun().pgdSteps()), (int) dbl("amun.epochs", d.amun().epochs()));
        for (String req : requests) {
            int[] forget = request(req, data.train(), new Random(seed + 1));
            boolean[] gone = new boolean[trainLimit];
            for (int i : forget) {
                gone[i] = true;
            }
            int[] remaining = IntStream.range(0, trainLimit).filter(i -> !gone[i]).toArray();
            List<RemovedSample> removed = Arrays.stream(forget)
                    .mapToObj(i -> new RemovedSample(i, data.train().labels()[i], -1, 0f, 1)).toList();
            for (String m : methods) {
                Retraining retraining = new Retraining(trainer, batch, new Random(seed * 31 + 7), null);
                ForgetSettings f = new ForgetSettings(ForgetMethod.fromId(m), d.request(), 1, d.sisa(), fs, is, as);
                ExperimentConfig config = ExperimentConfig.defaults()
                        .withTraining(new ExperimentConfig.Training(epochs, batch, 1e-3, seed)).withForget(f);
                UnlearningMethod method = UnlearningMethod.forForget(config, data.train(), retraining);
                Classifier model = Classifier.load(zip);
                System.out.println("request " + req + " (" + forget.length + " samples), method " + m);
                long s = System.nanoTime();
                String details;
                try {
                    model = method.forget(model, remaining, removed, 1);
                    details = method instanceof ApproximateForgetting af
                            ? (af.settings() + " " + af.lastResult()).replace(',', ';') : "";
                } catch (IllegalStateException e) {
                    details = "FAILED: " + e.getMessage().replace(',', ';');
                }
                double seconds = (System.nanoTime() - s) / 1e9;
                details = details.replaceAll("epsilons=\\[D@[0-9a-f]+", "epsilons=...");
                double acc = Evaluator.clean(model, data.test(), 0, token).accuracy();
                double share = largestShare(model, data.test());
                rows.add(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.3f,%.1f,%s", req, m, forget.length, acc, share,
                        seconds, details));
                System.out.println(rows.get(rows.size() - 1));
                Files.write(out.resolve("results.csv"), rows);
            }
        }
    }

    private static double dbl(String key, double fallback) {
        String v = System.getProperty("bench." + key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    static int[] request(String req, TensorData train, Random random) {
        if (req.startsWith("c")) {
            int label = Integer.parseInt(req.substring(1));
            return IntStream.range(0, train.size()).filter(i -> train.labels()[i] == label).limit(25).toArray();
        }
        int k = (int) Math.round(train.size() * Integer.parseInt(req) / 100.0);
        int[] all = IntStream.range(0, train.size()).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }

    static double largestShare(Classifier model, TensorData test) {
        int[] counts = new int[10];
        for (int from = 0; from < test.size(); from += 1000) {
            long[] p = model.logits(test.images(from, Math.min(test.size(), from + 1000))).argMax(1).toLongVector();
            for (long v : p) {
                counts[(int) v]++;
            }
        }
        return Arrays.stream(counts).max().getAsInt() / (double) test.size();
    }
}
