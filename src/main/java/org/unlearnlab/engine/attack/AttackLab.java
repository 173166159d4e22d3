package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Attacks a handful of digits at a time and returns them as plain arrays, for the attack lab and the gallery. */
public final class AttackLab {
    private AttackLab() {
    }

    /** @param attack from the {@link AttackSuite} of the page or run that asks */
    public static List<AdversarialDigit> attack(Classifier model, ImageDataset data, int[] indices,
                                                AdversarialAttack attack) {
        if (indices.length == 0) {
            return List.of();
        }
        ImageDataset chosen = data.select(indices);
        TensorData t = TensorData.of(chosen);
        INDArray x = t.images(0, indices.length);
        INDArray y = t.oneHot();
        AttackBatch adv = attack.perturb(model, x, y);
        INDArray pClean = model.probabilities(x);
        INDArray pAdv = model.probabilities(adv.adversarial());
        INDArray advRows = adv.adversarial().reshape(indices.length, chosen.pixelsPerImage());
        List<AdversarialDigit> out = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            out.add(new AdversarialDigit(indices[i], chosen.label(i), chosen.image(i), advRows.getRow(i).toFloatVector(),
                    pClean.getRow(i).toFloatVector(), pAdv.getRow(i).toFloatVector(), adv.zeroGradient()[i]));
        }
        return out;
    }

    /** Attacks one image that is not in a dataset (a drawn digit), taking {@code label} as its true class. */
    public static AdversarialDigit attackImage(Classifier model, float[] pixels, int label, AdversarialAttack attack) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add(Integer.toString(i));
        }
        ImageDataset one = new ImageDataset("drawn", 28, 28, pixels.clone(), new int[]{label}, names);
        AdversarialDigit d = attack(model, one, new int[]{0}, attack).get(0);
        return new AdversarialDigit(-1, d.label(), d.clean(), d.adversarial(), d.cleanProbabilities(),
                d.adversarialProbabilities(), d.zeroGradient());
    }

    /**
     * Picks {@code count} digits of {@code data}: at random, among the misclassified, or those of highest
     * clean loss (descending). Scoring looks at no more than the first 5,000 images, to answer quickly.
     */
    public static int[] rank(Classifier model, ImageDataset data, DigitChoice choice, int count, long seed) {
        int n = Math.min(data.size(), choice == DigitChoice.RANDOM ? data.size() : 5000);
        if (choice == DigitChoice.RANDOM) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            shuffle(all, new Random(seed));
            return Arrays.copyOf(all, Math.min(count, n));
        }
        TensorData t = TensorData.of(data.head(n));
        float[] loss = new float[n];
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            INDArray logits = model.logits(t.images(from, to));
            System.arraycopy(LogitCrossEntropy.perExample(logits, t.labels(from, to)).toFloatVector(), 0, loss, from, to - from);
            long[] p = logits.argMax(1).toLongVector();
            for (int i = 0; i < p.length; i++) {
                predicted[from + i] = (int) p[i];
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (choice != DigitChoice.MISCLASSIFIED || predicted[i] != data.label(i)) {
                ids.add(i);
            }
        }
        ids.sort(Comparator.<Integer>comparingDouble(i -> -loss[i]).thenComparingInt(i -> i));
        return ids.stream().limit(count).mapToInt(Integer::intValue).toArray();
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

}
