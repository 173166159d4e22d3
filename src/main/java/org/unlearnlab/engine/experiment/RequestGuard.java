package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.data.ImageDataset;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a forget request against the training set by content, not by index: each requested image is known by the
 * SHA-256 of its label and pixels, so an image the model never saw (a test image, a training-set-blind
 * adversary's guess) is refused even when it carries a valid-looking index, and so is a second request for the
 * same content. Refusals are counted and each gets one line, so that a result says what was asked, what was
 * forgotten and why the rest was not.
 */
public final class RequestGuard {
    /** The training row of each content hash (the first, when the training set repeats an image). */
    private final Map<ByteBuffer, Integer> trainRows;
    private final ImageDataset train;
    private final ImageDataset test;

    /** What became of one requested sample. */
    public enum Status {
        ACCEPTED("accepted"),
        REFUSED_UNSEEN("refused-unseen"),
        REFUSED_DUPLICATE("refused-duplicate");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * @param sample   what was asked
     * @param trainRow the training row forgotten for it, or -1 when refused
     * @param message  for a refusal, one line saying why; else null
     */
    public record Verdict(RequestedSample sample, int label, int trainRow, Status status, String message) {
    }

    /** The verdicts, in the order the samples were asked for. */
    public record Checked(List<Verdict> verdicts) {
        public int count(Status s) {
            return (int) verdicts.stream().filter(v -> v.status() == s).count();
        }

        /** The training rows to forget, in request order. */
        public int[] acceptedRows() {
            return verdicts.stream().filter(v -> v.status() == Status.ACCEPTED).mapToInt(Verdict::trainRow)
                    .toArray();
        }

        /** "25 accepted, 3 refused (unseen), 1 refused (duplicate)". */
        public String counts() {
            return String.format(Locale.ROOT, "%d accepted, %d refused (unseen), %d refused (duplicate)",
                    count(Status.ACCEPTED), count(Status.REFUSED_UNSEEN), count(Status.REFUSED_DUPLICATE));
        }
    }

    /** Hashes every training image once; {@code test} is where requests with source test point (may be null). */
    public RequestGuard(ImageDataset train, ImageDataset test) {
        this.train = train;
        this.test = test;
        this.trainRows = new HashMap<>(train.size() * 2);
        for (int i = 0; i < train.size(); i++) {
            trainRows.putIfAbsent(hash(train, i), i);
        }
    }

    public Checked check(List<RequestedSample> request) {
        Map<ByteBuffer, Integer> firstAt = new HashMap<>();
        List<Verdict> out = new ArrayList<>(request.size());
        for (int k = 0; k < request.size(); k++) {
            RequestedSample s = request.get(k);
            ImageDataset from = s.source() == RequestedSample.Source.TEST ? test : train;
            if (from == null || s.index() < 0 || s.index() >= from.size()) {
                throw new ForgetRequestException("forget.request: " + s.describe() + " does not exist (the "
                        + s.source().id() + " set has " + (from == null ? 0 : from.size()) + " images)");
            }
            ByteBuffer h = hash(from, s.index());
            int label = from.label(s.index());
            Integer earlier = firstAt.putIfAbsent(h, k);
            if (earlier != null) {
                out.add(new Verdict(s, label, -1, Status.REFUSED_DUPLICATE, "refused: " + s.describe()
                        + " has the same pixels and label as request entry " + (earlier + 1) + " ("
                        + request.get(earlier).describe() + ")"));
                continue;
            }
            Integer row = trainRows.get(h);
            if (row == null) {
                out.add(new Verdict(s, label, -1, Status.REFUSED_UNSEEN, "refused: " + s.describe() + " (label "
                        + label + ") is not in the training set: the model never saw it"));
            } else {
                out.add(new Verdict(s, label, row, Status.ACCEPTED, null));
            }
        }
        return new Checked(List.copyOf(out));
    }

    /** SHA-256 of the label (4 bytes) and the pixels (float32, big-endian) of one image. */
    static ByteBuffer hash(ImageDataset data, int index) {
        float[] pixels = data.image(index);
        ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * pixels.length);
        bytes.putInt(data.label(index));
        for (float p : pixels) {
            bytes.putFloat(p);
        }
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
