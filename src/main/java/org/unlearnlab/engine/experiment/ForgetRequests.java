package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RemovedSamplesCsv;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.training.Trainer;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Turns a config's forget request into training rows. Every kind is resolved against the training set as the
 * config limits it, and a request for rows that do not exist is refused with one line rather than trimmed, so
 * that what a result says it forgot is what was asked.
 */
public final class ForgetRequests {
    /** removed.csv's header: such a file can be given as an indices file, its first column being the indices. */
    private static final String REMOVED_HEADER_START = "dataset_index";
    /** A request file's line naming a test image: {@code test:INDEX}. */
    static final String TEST_PREFIX = "test:";
    static final String TRAIN_PREFIX = "train:";

    private ForgetRequests() {
    }

    /**
     * @param labels the training labels (their count is the training set's size)
     * @param seed   draws the random fraction and the k samples of a class
     * @throws ForgetRequestException naming the field, file or line when the request cannot be answered
     */
    public static ForgetSet resolve(ForgetSettings.Request request, int[] labels, long seed) {
        int n = labels.length;
        ForgetSet set = switch (request.kind()) {
            case RANDOM_FRACTION -> randomFraction(request.fraction(), n, seed);
            case CLASS -> ofClass(request.classLabel(), request.count(), labels, seed);
            case INDICES -> fromFile(Path.of(request.indicesFile()), n);
            case RUN -> fromRun(Path.of(request.runFolder()), n);
            case WORST_CASE -> throw new ForgetRequestException("forget.request.kind: a worst-case request is"
                    + " resolved with the model (AdversarialRequests), not from the labels alone");
        };
        if (set.forget().length == 0) {
            throw new ForgetRequestException("forget.request: names no training sample, so there is nothing to forget");
        }
        if (set.remaining().length == 0) {
            throw new ForgetRequestException("forget.request: would forget all " + n
                    + " training samples, leaving nothing to train on");
        }
        return set;
    }

    static ForgetSet randomFraction(double fraction, int n, long seed) {
        int count = (int) Math.max(1, Math.round(fraction * n));
        int[] order = shuffled(Trainer.range(n), new Random(seed));
        return ForgetSet.of(Arrays.copyOf(order, Math.min(count, n)), n, String.format(Locale.ROOT,
                "a random %.1f%% of the training set (%d of %d, seed %d)", fraction * 100, count, n, seed));
    }

    static ForgetSet ofClass(int label, int count, int[] labels, long seed) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                members.add(i);
            }
        }
        if (members.isEmpty()) {
            throw new ForgetRequestException("forget.request.classLabel: the training set (" + labels.length
                    + " samples) has no sample of class " + label);
        }
        if (count > members.size()) {
            throw new ForgetRequestException("forget.request.count: asks for " + count + " samples of class " + label
                    + " but the training set (" + labels.length + " samples) has only " + members.size());
        }
        int[] all = members.stream().mapToInt(Integer::intValue).toArray();
        if (count == 0) {
            return ForgetSet.of(all, labels.length, "all " + all.length + " samples of class " + label);
        }
        // A seeded draw rather than the first k: the first k of a class are the first k the data's authors wrote down.
        int[] drawn = Arrays.copyOf(shuffled(all, new Random(seed)), count);
        return ForgetSet.of(drawn, labels.length, count + " of the " + all.length + " samples of class " + label
                + " (drawn with seed " + seed + ")");
    }

    /**
     * One index per line (the first column of a CSV line); blank lines and lines starting with '#' are skipped,
     * and a first line starting with {@value #REMOVED_HEADER_START} is a removed.csv header. Without the request
     * guard a sample listed twice is refused with its line.
     */
    static ForgetSet fromFile(Path file, int n) {
        List<RequestedSample> entries = entries(file, n, null);
        Map<Integer, Integer> lineOf = new HashMap<>();
        int[] idx = new int[entries.size()];
        for (int i = 0; i < idx.length; i++) {
            RequestedSample e = entries.get(i);
            if (e.source() != RequestedSample.Source.TRAIN) {
                throw new ForgetRequestException(file + ": names " + e.describe() + "; only a run, with its"
                        + " request guard, can check images outside the training set");
            }
            Integer earlier = lineOf.putIfAbsent(e.index(), (int) e.score());
            if (earlier != null) {
                throw new ForgetRequestException(file + " line " + (int) e.score() + ": index " + e.index()
                        + " is listed twice (first on line " + earlier + ")");
            }
            idx[i] = e.index();
        }
        return ForgetSet.of(idx, n, idx.length + " indices listed in " + file.getFileName());
    }

    /**
     * The entries of a request file in order, duplicates included (the request guard refuses those): a line is
     * a training index, {@code train:INDEX}, or {@code test:INDEX} for a test image. Each entry's score is its
     * line number. Indices are checked against {@code trainSize}, and against {@code testSize} when it is not null.
     */
    static List<RequestedSample> entries(Path file, int trainSize, Integer testSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ForgetRequestException("forget.request.indicesFile: " + file + ": file not found", e);
        } catch (MalformedInputException e) {
            throw new ForgetRequestException(file + ": not a text file of indices", e);
        } catch (IOException e) {
            throw new ForgetRequestException("forget.request.indicesFile: " + file + ": cannot be read ("
                    + e.getMessage() + ")", e);
        }
        List<RequestedSample> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith(REMOVED_HEADER_START))) {
                continue;
            }
            int comma = line.indexOf(',');
            String first = (comma < 0 ? line : line.substring(0, comma)).strip();
            RequestedSample.Source source = RequestedSample.Source.TRAIN;
            if (first.startsWith(TEST_PREFIX)) {
                source = RequestedSample.Source.TEST;
                first = first.substring(TEST_PREFIX.length()).strip();
            } else if (first.startsWith(TRAIN_PREFIX)) {
                first = first.substring(TRAIN_PREFIX.length()).strip();
            }
            int index;
            try {
                index = Integer.parseInt(first);
            } catch (NumberFormatException e) {
                throw new ForgetRequestException(file + " line " + number + ": '" + abbreviate(first)
                        + "' is not a training index (a whole number, or test:N for test image N)");
            }
            boolean test = source == RequestedSample.Source.TEST;
            int size = test ? (testSize == null ? Integer.MAX_VALUE : testSize) : trainSize;
            if (index < 0 || index >= size) {
                throw new ForgetRequestException(file + " line " + number + ": index " + index + " is out of range"
                        + " (the " + (test ? "test" : "training") + " set has " + size + " samples, indices 0 to "
                        + (size - 1) + ")");
            }
            out.add(new RequestedSample(source, index, number));
        }
        return out;
    }

    /** The samples an earlier run of the paper's loop removed: its removed.csv. */
    static ForgetSet fromRun(Path folder, int n) {
        Path csv = folder.resolve(RunFolder.REMOVED);
        if (!Files.isRegularFile(csv)) {
            throw new ForgetRequestException("forget.request.runFolder: " + folder + " has no " + RunFolder.REMOVED
                    + " (is it a run folder?)");
        }
        List<RemovedSample> removed;
        try {
            removed = RemovedSamplesCsv.parse(Files.readAllLines(csv), csv);
        } catch (IOException e) {
            throw new ForgetRequestException(e.getMessage(), e);
        }
        int[] idx = new int[removed.size()];
        boolean[] seen = new boolean[n];
        for (int i = 0; i < idx.length; i++) {
            int d = removed.get(i).datasetIndex();
            if (d < 0 || d >= n) {
                throw new ForgetRequestException(csv + " line " + (i + 2) + ": index " + d + " is out of range (the"
                        + " training set has " + n + " samples; does the config limit the data as that run did?)");
            }
            if (seen[d]) {
                throw new ForgetRequestException(csv + " line " + (i + 2) + ": index " + d + " is listed twice");
            }
            seen[d] = true;
            idx[i] = d;
        }
        return ForgetSet.of(idx, n, idx.length + " samples removed by the run " + folder.getFileName());
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    /** A seeded Fisher-Yates shuffle of a copy of {@code values}. */
    static int[] shuffled(int[] values, Random r) {
        int[] a = values.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
