package org.unlearnlab.engine.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Bulk copies between float INDArrays and Java arrays. ND4J's own element-wise paths (getFloat, creating an
 * array from a float[]) cost a native call or a bounds-checked put per element; these are one memory copy.
 *
 * <p>Here rather than with the model: both {@code TensorData} and the fast-path layers use it, and it relies on
 * nothing but ND4J's public array API, so it need not sit behind the fast path's DL4J version check.
 */
public final class NativeFloats {
    private NativeFloats() {
    }

    /** The elements in c order into {@code dst}; one bulk copy when the array is contiguous, as activations are. */
    public static float[] copy(INDArray a, float[] dst) {
        INDArray c = a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
        of(c).get(0, dst, 0, (int) c.length());
        return dst;
    }

    /** The array's own elements, from its first one (its offset into a shared buffer accounted for). */
    public static FloatBuffer of(INDArray a) {
        FloatBuffer all = a.data().pointer().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
        return all.position((int) a.offset()).slice();
    }

    /** A new c-order float array holding {@code values}. */
    public static INDArray create(float[] values, long... shape) {
        if (values.length == 0) {
            return org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        }
        INDArray a = org.nd4j.linalg.factory.Nd4j.createUninitializedDetached(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 'c', shape);
        of(a).put(values, 0, values.length);
        return a;
    }
}
