package org.unlearnlab.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.runtime.NativeBackend;
import org.unlearnlab.engine.runtime.NativeFloats;

/**
 * A dataset copied once into native memory: features [n, 784] and one-hot labels [n, classes].
 * Batches are views or row gathers of these two arrays, never new copies of the Java arrays.
 */
public final class TensorData {
    private final ImageDataset source;
    private final INDArray features;
    private final INDArray oneHot;

    private TensorData(ImageDataset source, INDArray features, INDArray oneHot) {
        this.source = source;
        this.features = features;
        this.oneHot = oneHot;
    }

    public static TensorData of(ImageDataset ds) {
        NativeBackend.initialise();
        INDArray x = NativeFloats.create(ds.pixels(), ds.size(), ds.pixelsPerImage());
        return new TensorData(ds, x, oneHot(ds.labels(), ds.numClasses()));
    }

    public static INDArray oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] = 1f;
        }
        return NativeFloats.create(y, labels.length, classes);
    }

    /** [n, 784] rows as the [n, 1, 28, 28] images the networks take. */
    public static INDArray asImages(INDArray rows, ImageDataset shape) {
        return rows.reshape('c', rows.size(0), 1, shape.rows(), shape.cols());
    }

    public ImageDataset source() {
        return source;
    }

    public int size() {
        return source.size();
    }

    public INDArray features() {
        return features;
    }

    public INDArray oneHot() {
        return oneHot;
    }

    public int[] labels() {
        return source.labels();
    }

    /** Images [to - from, 1, 28, 28] of a contiguous range (a view when possible). */
    public INDArray images(int from, int to) {
        return asImages(features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), source);
    }

    public INDArray labels(int from, int to) {
        return oneHot.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Gathers the rows at {@code indices} into new arrays. */
    public INDArray imagesAt(int[] indices) {
        return asImages(Nd4j.pullRows(features, 1, indices), source);
    }

    public INDArray labelsAt(int[] indices) {
        return Nd4j.pullRows(oneHot, 1, indices);
    }
}
