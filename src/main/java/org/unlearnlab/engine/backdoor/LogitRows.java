package org.unlearnlab.engine.backdoor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.runtime.NativeFloats;

/**
 * Per-row softmax, arg-max and the logit gradients of SAU's losses, on small Java arrays: SAU's terms select
 * rows by what two models predict, which reads more plainly as loops than as masks of ND4J ops.
 */
final class LogitRows {
    private LogitRows() {
    }

    static float[][] softmax(INDArray logits) {
        float[][] z = logits.toFloatMatrix();
        for (float[] row : z) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) Math.exp(row[j] - max);
                sum += row[j];
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= (float) sum;
            }
        }
        return z;
    }

    static int[] argMax(float[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int j = 1; j < p[i].length; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Adds {@code scale} * d CE(z, label)/dz = scale * (p - onehot(label)) to {@code g}. */
    static void addCrossEntropy(float[] g, float[] p, int label, double scale) {
        for (int j = 0; j < g.length; j++) {
            g[j] += (float) (scale * (p[j] - (j == label ? 1 : 0)));
        }
    }

    /**
     * Adds {@code scale} * dJS(p, q)/dz to {@code g}, where p = softmax(z) and q is held fixed:
     * dJS/dp_j = 0.5 ln(p_j / m_j) with m = (p + q) / 2, chained through the softmax (probabilities floored at
     * 1e-8, as the public code clamps them).
     */
    static void addJensenShannon(float[] g, float[] p, float[] q, double scale) {
        double[] d = new double[p.length];
        double mean = 0;
        for (int j = 0; j < p.length; j++) {
            double pj = Math.max(p[j], 1e-8);
            double m = 0.5 * (pj + Math.max(q[j], 1e-8));
            d[j] = 0.5 * Math.log(pj / m);
            mean += p[j] * d[j];
        }
        for (int j = 0; j < p.length; j++) {
            g[j] += (float) (scale * p[j] * (d[j] - mean));
        }
    }

    /**
     * Adds {@code scale} * d[-log(1 - p_k)]/dz to {@code g}: pushing the probability of class k down. Zero when
     * p_k is below 0.001, where the public code clamps the term.
     */
    static void addAwayFrom(float[] g, float[] p, int k, double scale) {
        double pk = p[k];
        if (pk < 0.001) {
            return;
        }
        double dp = 1 / (1 + 1e-6 - pk);
        for (int j = 0; j < p.length; j++) {
            g[j] += (float) (scale * dp * pk * ((j == k ? 1 : 0) - p[j]));
        }
    }

    static double crossEntropy(float[] p, int label) {
        return -Math.log(Math.max(p[label], 1e-12));
    }

    static INDArray toArray(float[][] rows) {
        int n = rows.length;
        int c = rows[0].length;
        float[] flat = new float[n * c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        return NativeFloats.create(flat, n, c);
    }
}
