package org.unlearnlab.app.unlearning;

import org.unlearnlab.engine.metrics.RemovedSample;

import java.util.Comparator;

/** Orders of the removed-samples gallery. Ties break on the dataset index so the order is stable. */
public enum GallerySort {
    LOSS_DESCENDING("Highest loss first",
            Comparator.comparingDouble(RemovedSample::loss).reversed()),
    LOSS_ASCENDING("Lowest loss first",
            Comparator.comparingDouble(RemovedSample::loss)),
    ITERATION("Iteration (then highest loss)",
            Comparator.comparingInt(RemovedSample::iteration)
                    .thenComparing(Comparator.comparingDouble(RemovedSample::loss).reversed())),
    LABEL("True label (then highest loss)",
            Comparator.comparingInt(RemovedSample::label)
                    .thenComparing(Comparator.comparingDouble(RemovedSample::loss).reversed()));

    private final String label;
    private final Comparator<RemovedSample> comparator;

    GallerySort(String label, Comparator<RemovedSample> order) {
        this.label = label;
        this.comparator = order.thenComparingInt(RemovedSample::datasetIndex);
    }

    public Comparator<RemovedSample> comparator() {
        return comparator;
    }

    @Override
    public String toString() {
        return label;
    }
}
