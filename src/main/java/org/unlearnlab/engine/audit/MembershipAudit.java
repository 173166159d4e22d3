package org.unlearnlab.engine.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Membership-inference audit of one model, from its probabilities alone. For each {@link MembershipAttack}:
 * held-in samples (remaining training rows, members) and held-out samples (test images, non-members) are each split
 * by a seeded shuffle; a threshold on the score is fit on one part (the one with the best balanced accuracy),
 * and the figures are measured on other parts:
 * <ul>
 *   <li>AUC: Mann-Whitney of the set's scores against a reference part of the held-out images (ties count half);</li>
 *   <li>attack accuracy: balanced accuracy of the fitted threshold telling the set from that reference part.</li>
 * </ul>
 * The sets are the forgotten rows, the other half of the remaining rows, and a third part of the test images (the
 * chance level: AUC about 0.5). A model that forgot well has, on the forgotten rows, the figures of the gold model.
 */
public final class MembershipAudit {
    /** Remaining rows, and test images, used at most (each is then split in parts). */
    public static final int MAX_SAMPLES = 3000;

    /** Per sample: the label and the model's probabilities. */
    public record Samples(int[] labels, float[][] probabilities) {
        int size() {
            return labels.length;
        }

        Samples subset(int[] rows) {
            int[] l = new int[rows.length];
            float[][] p = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                l[i] = labels[rows[i]];
                p[i] = probabilities[rows[i]];
            }
            return new Samples(l, p);
        }
    }

    /** One attack's figures on the three sets. */
    public record AttackFigures(String attack, double threshold, double forgetAuc, double forgetAccuracy,
                                double remainingAuc, double remainingAccuracy, double testAuc, double testAccuracy) {
    }

    private MembershipAudit() {
    }

    /**
     * @param forget    the forgotten rows (all of them, or a sample)
     * @param remaining remaining training rows (at most {@link #MAX_SAMPLES} are used)
     * @param test      test images (at most {@link #MAX_SAMPLES} are used)
     */
    public static List<AttackFigures> run(Samples forget, Samples remaining, Samples test, long seed) {
        Random r = new Random(seed);
        int[] in = firstOfShuffle(remaining.size(), MAX_SAMPLES, r);
        int[] out = firstOfShuffle(test.size(), MAX_SAMPLES, r);
        Samples fitIn = remaining.subset(Arrays.copyOfRange(in, 0, in.length / 2));
        Samples evalIn = remaining.subset(Arrays.copyOfRange(in, in.length / 2, in.length));
        Samples fitOut = test.subset(Arrays.copyOfRange(out, 0, out.length / 3));
        Samples refOut = test.subset(Arrays.copyOfRange(out, out.length / 3, 2 * out.length / 3));
        Samples probeOut = test.subset(Arrays.copyOfRange(out, 2 * out.length / 3, out.length));
        int[][] neighbours = neighbours(fitOut);
        List<AttackFigures> figures = new ArrayList<>();
        for (MembershipAttack a : MembershipAttack.values()) {
            double threshold = fitThreshold(scores(a, fitIn, neighbours), scores(a, fitOut, neighbours));
            double[] ref = scores(a, refOut, neighbours);
            double[] f = scores(a, forget, neighbours);
            double[] e = scores(a, evalIn, neighbours);
            double[] p = scores(a, probeOut, neighbours);
            figures.add(new AttackFigures(a.id(), threshold, RocAuc.of(f, ref), accuracy(f, ref, threshold),
                    RocAuc.of(e, ref), accuracy(e, ref, threshold), RocAuc.of(p, ref), accuracy(p, ref, threshold)));
        }
        return figures;
    }

    /** Each sample's score under {@code attack}; higher means more likely a member. */
    static double[] scores(MembershipAttack attack, Samples s, int[][] neighbours) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            float[] p = s.probabilities()[i];
            int y = s.labels()[i];
            out[i] = switch (attack) {
                case LOSS -> Math.log(Math.max(p[y], 1e-30));
                case CONFIDENCE -> max(p);
                case MIA_NN -> Math.log(Math.max(p[y], 1e-30))
                        - Math.log(Math.max(p[neighbours[y][0]] + p[neighbours[y][1]], 1e-30));
            };
        }
        return out;
    }

    /** For each class, the two other classes with the highest mean probability on held-out images of it. */
    static int[][] neighbours(Samples heldOut) {
        int classes = heldOut.probabilities().length == 0 ? 10 : heldOut.probabilities()[0].length;
        double[][] mean = new double[classes][classes];
        for (int i = 0; i < heldOut.size(); i++) {
            float[] p = heldOut.probabilities()[i];
            for (int k = 0; k < classes; k++) {
                mean[heldOut.labels()[i]][k] += p[k];
            }
        }
        int[][] out = new int[classes][2];
        for (int c = 0; c < classes; c++) {
            int first = -1;
            int second = -1;
            for (int k = 0; k < classes; k++) {
                if (k == c) {
                    continue;
                }
                if (first < 0 || mean[c][k] > mean[c][first]) {
                    second = first;
                    first = k;
                } else if (second < 0 || mean[c][k] > mean[c][second]) {
                    second = k;
                }
            }
            out[c][0] = first;
            out[c][1] = second;
        }
        return out;
    }

    /** The threshold (score >= t is "member") with the best balanced accuracy on the fit parts. */
    static double fitThreshold(double[] members, double[] nonMembers) {
        double[] candidates = new double[members.length + nonMembers.length];
        System.arraycopy(members, 0, candidates, 0, members.length);
        System.arraycopy(nonMembers, 0, candidates, members.length, nonMembers.length);
        Arrays.sort(candidates);
        double best = Double.POSITIVE_INFINITY;
        double bestAccuracy = -1;
        for (double t : candidates) {
            double acc = accuracy(members, nonMembers, t);
            if (acc > bestAccuracy) {
                bestAccuracy = acc;
                best = t;
            }
        }
        return best;
    }

    /** Balanced accuracy of "score >= threshold means member" on these members and non-members. */
    static double accuracy(double[] members, double[] nonMembers, double threshold) {
        if (members.length == 0 || nonMembers.length == 0) {
            return Double.NaN;
        }
        long tp = Arrays.stream(members).filter(s -> s >= threshold).count();
        long tn = Arrays.stream(nonMembers).filter(s -> s < threshold).count();
        return (tp / (double) members.length + tn / (double) nonMembers.length) / 2;
    }

    private static double max(float[] p) {
        float m = p[0];
        for (float v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int[] firstOfShuffle(int n, int limit, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, Math.min(n, limit));
    }
}
