package org.unlearnlab.app.requests;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.experiment.AdversarialRequests;
import org.unlearnlab.engine.experiment.ForgetExperiment;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.experiment.HealingExperiment;
import org.unlearnlab.engine.experiment.HealingResult;
import org.unlearnlab.engine.healing.HealingTable;
import org.unlearnlab.engine.healing.TwinPair;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;
import org.unlearnlab.engine.training.TrainingData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link HealingExperiment} into a new run folder, read back for the page: the kept repeat's requested.csv, the
 * run's twins.csv and healing-result.json. Engine thread only.
 */
public final class EngineRequestsBackend implements RequestsBackend {
    private static final Pattern REPEAT = Pattern.compile("repeat (\\d+) of ");

    private final Supplier<Path> runsRoot;

    public EngineRequestsBackend(Supplier<Path> runsRoot) {
        this.runsRoot = runsRoot;
    }

    @Override
    public Outcome run(ExperimentConfig config, Consumer<Event> events, CancellationToken token) throws Exception {
        DatasetSplit loaded = DatasetLoader.load(config.data().folder());
        HealingExperiment experiment = new HealingExperiment(config).withData(loaded);
        // Refuses a request the data cannot answer before a run folder exists (ForgetRequestException, one line).
        experiment.check(loaded);
        DatasetSplit limited = TrainingData.split(config.data(), loaded);
        RunFolder run = RunFolder.create(runsRoot.get() == null ? RunStore.defaultRoot() : runsRoot.get(), config);
        events.accept(new Log("run folder: " + run.path()));
        WholeRun progress = new WholeRun(plannedEpochs(config), System::currentTimeMillis);
        HealingResult result = experiment.run(run, new ExperimentListener() {
            private int repeat = 1;

            @Override
            public void trainingProgress(TrainingProgress p) {
                events.accept(progress.update(p.phase(), p.epochs(), p.fraction()));
            }

            @Override
            public void log(String line) {
                events.accept(new Log(line));
                Matcher m = REPEAT.matcher(line);
                if (m.lookingAt()) {
                    repeat = Integer.parseInt(m.group(1));
                } else if (line.startsWith("gold model:")) {
                    // The repeat's requested.csv is written just before its gold model trains.
                    Path csv = run.path().resolve(ForgetExperiment.MODELS).resolve("repeat-" + repeat)
                            .resolve(AdversarialRequests.CSV);
                    try {
                        events.accept(new Requested(request(csv, limited, null)));
                    } catch (IOException e) {
                        events.accept(new Log("cannot show the request yet: " + e.getMessage()));
                    }
                }
            }
        }, token);
        if (result == null) {
            return new Outcome(run.path(), null, List.of(), List.of(), "", true);
        }
        ForgetResult forget = ForgetResult.read(run.path().resolve(ForgetResult.FILE));
        Request request = request(run.path().resolve(AdversarialRequests.CSV), limited,
                forget.kept().requested() == null ? null : forget.kept().requested().scoreName());
        List<TwinPair> pairs = HealingResult.readTwins(run.path());
        String summary = summary(forget);
        if (!pairs.isEmpty() && !acceptedRows(run.path().resolve(AdversarialRequests.CSV))
                .equals(pairs.stream().map(TwinPair::forgottenRow).collect(Collectors.toSet()))) {
            // Healing resolves the request again; an adversary who does not know the training set gets other rows.
            summary += "; note: the healed rows are not the rows the guard accepted (the healing resolved the"
                    + " request again)";
            events.accept(new Log("the healing's forgotten rows differ from the accepted request's rows"));
        }
        return new Outcome(run.path(), request, twins(pairs, limited.train()), bars(result), summary, false);
    }

    /** The training rows requested.csv says were accepted. */
    static Set<Integer> acceptedRows(Path csv) throws IOException {
        Set<Integer> rows = new HashSet<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f[5].equals("accepted")) {
                rows.add(Integer.parseInt(f[4]));
            }
        }
        return rows;
    }

    /** Epochs every training phase of the run will take, for a whole-run ETA (the methods' own steps are not in it). */
    static int plannedEpochs(ExperimentConfig c) {
        int epochs = c.training().epochs();
        int perRepeat = 2 * epochs;
        HealingSettings h = c.healing();
        int choices = 0;
        if (h.data().contains(HealingData.REMAINING)) {
            choices++;
        }
        if (h.data().contains(HealingData.REMAINING_PLUS_HEALING)) {
            choices += (h.strategies().contains(HealingStrategy.RANDOM_SPARES) ? 1 : 0)
                    + (h.strategies().contains(HealingStrategy.TWINS) ? h.metrics().size() : 0);
        }
        int healing = h.epochs().stream().mapToInt(e -> HealingSettings.epochsFor(e, epochs)).sum() * choices;
        return c.forget().repeats() * perRepeat + healing;
    }

    static Request request(Path csv, DatasetSplit limited, String scoreName) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<RequestedDigit> digits = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            // order,source,index,label,train_row,status,score
            String[] f = lines.get(i).split(",", -1);
            ImageDataset from = f[1].equals("test") ? limited.test() : limited.train();
            int index = Integer.parseInt(f[2]);
            digits.add(new RequestedDigit(from.image(index), Integer.parseInt(f[3]), f[1], index, f[5],
                    f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6])));
        }
        return new Request(digits, scoreName);
    }

    static List<TwinDigit> twins(List<TwinPair> pairs, ImageDataset train) {
        return pairs.stream().map(p -> new TwinDigit(train.image(p.forgottenRow()), train.label(p.forgottenRow()),
                train.image(p.twinRow()), train.label(p.twinRow()), p.distance(),
                p.metric() == null ? null : p.metric().id())).toList();
    }

    static List<Bar> bars(HealingResult r) {
        List<Bar> bars = new ArrayList<>();
        bars.add(new Bar("before", r.original().test(), "the original model"));
        bars.add(new Bar("unlearned", r.start().test(), r.method()));
        for (HealingTable.Extremes e : r.table()) {
            String ep = e.epochs() + " ep";
            bars.add(new Bar("best, " + ep, e.best().test(), e.best().configuration()));
            bars.add(new Bar("worst, " + ep, e.worst().test(), e.worst().configuration()));
        }
        bars.add(new Bar("gold", r.gold().test(), "retrained without the request"));
        return bars;
    }

    static String summary(ForgetResult f) {
        ForgetResult.Stat s = f.summary().get("method.test");
        if (s == null) {
            return "";
        }
        String method = ForgetMethod.fromId(f.method()).label();
        return f.repeats().size() < 2
                ? String.format(Locale.ROOT, "%s: test accuracy %.4f after the request", method, s.mean())
                : String.format(Locale.ROOT, "%s: test accuracy %.4f ± %.4f over %d repeats; healed: repeat %d "
                + "(closest to the mean)", method, s.mean(), s.std(), f.repeats().size(), f.keptRepeat());
    }

    /**
     * The share of the run's planned training epochs done and the time left at that pace. A phase ends when the
     * next one starts (its name changes or its progress falls back), and then counts with all its epochs.
     */
    static final class WholeRun {
        private final int planned;
        private final LongSupplier clock;
        private final long start;
        private String phase;
        private double lastFraction;
        private int lastEpochs;
        private int done;

        WholeRun(int planned, LongSupplier clock) {
            this.planned = Math.max(1, planned);
            this.clock = clock;
            this.start = clock.getAsLong();
        }

        Progress update(String name, int epochs, double fraction) {
            if (phase != null && (!phase.equals(name) || fraction < lastFraction)) {
                done += lastEpochs;
            }
            phase = name;
            lastFraction = fraction;
            lastEpochs = epochs;
            double share = Math.min(0.99, (done + fraction * epochs) / planned);
            long elapsed = clock.getAsLong() - start;
            long eta = share < 0.02 ? -1 : Math.round(elapsed * (1 - share) / share);
            return new Progress(name, share, eta);
        }
    }
}
