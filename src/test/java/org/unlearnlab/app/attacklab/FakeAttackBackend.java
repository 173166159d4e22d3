package org.unlearnlab.app.attacklab;

import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A model-free stand-in for the engine: test image i has label i % 10; the "attack" adds ±eps in a
 * checkerboard, flips the prediction to label+1 once eps exceeds 0.2, and has a zero gradient (no change)
 * for every seventh image. Records its calls so tests can see what reached the engine.
 */
class FakeAttackBackend implements AttackBackend {
    final int size;
    final List<String> calls = new ArrayList<>();
    final List<Double> attackedEpsilons = new ArrayList<>();

    FakeAttackBackend(int size) {
        this.size = size;
    }

    static float[] image(int i) {
        float[] px = new float[784];
        for (int p = 0; p < 784; p++) {
            px[p] = ((p + i) % 5 == 0) ? 0.8f : 0.3f;
        }
        return px;
    }

    @Override
    public List<String> classNames() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Override
    public int[] testLabels() {
        int[] l = new int[size];
        Arrays.setAll(l, i -> i % 10);
        return l;
    }

    @Override
    public synchronized int[] rank(DigitChoice choice, int count, long seed) {
        calls.add("rank " + choice + " " + count + " " + seed);
        int[] all = new int[size];
        // Misclassified: only odd indices; highest loss: descending index; random: rotated by the seed.
        Arrays.setAll(all, i -> switch (choice) {
            case RANDOM -> (int) ((i + seed) % size);
            case MISCLASSIFIED -> i;
            case HIGHEST_LOSS -> size - 1 - i;
        });
        int[] picked = Arrays.stream(all).filter(i -> choice != DigitChoice.MISCLASSIFIED || i % 2 == 1).toArray();
        return Arrays.copyOf(picked, Math.min(count, picked.length));
    }

    @Override
    public synchronized List<AdversarialDigit> attack(int[] indices, AttackKind kind, double epsilon,
                                                      ExperimentConfig.Attack settings) {
        calls.add("attack " + indices.length + " " + kind + " " + epsilon);
        attackedEpsilons.add(epsilon);
        List<AdversarialDigit> out = new ArrayList<>();
        for (int i : indices) {
            out.add(attackOne(i, i % 10, image(i), epsilon, i % 7 == 0));
        }
        return out;
    }

    static AdversarialDigit attackOne(int index, int label, float[] clean, double eps, boolean zero) {
        float[] adv = clean.clone();
        if (!zero) {
            for (int p = 0; p < adv.length; p++) {
                adv[p] = (float) Math.max(0, Math.min(1, clean[p] + (p % 2 == 0 ? eps : -eps)));
            }
        }
        float[] pc = new float[10];
        pc[label] = 0.9f;
        pc[(label + 1) % 10] = 0.1f;
        float[] pa = new float[10];
        boolean flip = !zero && eps > 0.2;
        pa[flip ? (label + 1) % 10 : label] = 0.7f;
        pa[flip ? label : (label + 1) % 10] = 0.3f;
        return new AdversarialDigit(index, label, clean, adv, pc, pa, zero);
    }

    @Override
    public AdversarialDigit attackImage(float[] pixels, int label, AttackKind kind, double epsilon,
                                        ExperimentConfig.Attack settings) {
        calls.add("attackImage " + label);
        AdversarialDigit d = attackOne(0, label, pixels, epsilon, false);
        return new AdversarialDigit(-1, label, d.clean(), d.adversarial(), d.cleanProbabilities(),
                d.adversarialProbabilities(), false);
    }

    @Override
    public float[] probabilities(float[] pixels) {
        calls.add("probabilities");
        float[] p = new float[10];
        p[4] = 0.75f;
        p[9] = 0.25f;
        return p;
    }

    @Override
    public List<SweepPoint> sweep(int subset, double[] epsilons, ExperimentConfig.Attack settings,
                                  Consumer<SweepPoint> onPoint, CancellationToken token) {
        calls.add("sweep " + subset);
        List<SweepPoint> pts = new ArrayList<>();
        for (double e : epsilons) {
            token.throwIfCancelled();
            SweepPoint p = new SweepPoint(e, 1 - e, 1 - e / 2, 1 - 1.5 * e, 0.1, 0.4, subset);
            pts.add(p);
            onPoint.accept(p);
        }
        return pts;
    }
}
