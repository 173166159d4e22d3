package org.unlearnlab.engine.data;

/**
 * A training and a test set from one source.
 *
 * @param source where it was loaded from, for the status bar and run records ("bundled MNIST" or a folder)
 */
public record DatasetSplit(ImageDataset train, ImageDataset test, String source) {

    /** The same split cut to the first {@code trainLimit} / {@code testLimit} images (0 = all). */
    public DatasetSplit limit(int trainLimit, int testLimit) {
        return new DatasetSplit(train.head(trainLimit), test.head(testLimit), source);
    }
}
