package org.unlearnlab.engine.backdoor;

import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.training.Trainer;

import java.util.Arrays;

/**
 * The test images whose label is not the target, stamped with the trigger and keeping their true labels: the
 * images the attack success rate and the robust accuracy are measured on. Target images are left out, since a
 * triggered 0 classified as 0 is no evidence of a backdoor on target 0.
 *
 * @param images      the triggered images, true labels
 * @param testIndices for each, its index in the test set
 * @param target      the backdoor's target class
 */
public record TriggeredTestSet(TensorData images, int[] testIndices, int target) {

    public static TriggeredTestSet of(ImageDataset test, BadNetsTrigger trigger, int target) {
        int[] keep = new int[test.size()];
        int n = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) != target) {
                keep[n++] = i;
            }
        }
        keep = Arrays.copyOf(keep, n);
        ImageDataset nonTarget = test.select(keep);
        return new TriggeredTestSet(TensorData.of(trigger.stampedCopy(nonTarget, Trainer.range(n), -1)), keep, target);
    }

    public int size() {
        return images.size();
    }
}
