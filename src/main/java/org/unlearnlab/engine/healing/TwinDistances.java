package org.unlearnlab.engine.healing;

/**
 * Distances between forgotten samples and spares, as [forgotten][spare] matrices, for the twin metrics. Vectors are
 * raw pixels (784 values in [0,1]) or a model's features; the caller chooses. Smaller is nearer in every metric.
 */
public final class TwinDistances {
    private TwinDistances() {
    }

    /** Euclidean distance. */
    public static double[][] euclidean(double[][] forgotten, double[][] spares) {
        double[][] out = new double[forgotten.length][spares.length];
        for (int i = 0; i < forgotten.length; i++) {
            for (int j = 0; j < spares.length; j++) {
                double sum = 0;
                for (int k = 0; k < forgotten[i].length; k++) {
                    double d = forgotten[i][k] - spares[j][k];
                    sum += d * d;
                }
                out[i][j] = Math.sqrt(sum);
            }
        }
        return out;
    }

    /**
     * Cosine distance, 1 - cos(a, b), in [0, 2]. An all-zero vector (every unit of a ReLU layer off) has no
     * direction: its distance is 0 to another all-zero vector and 1 to anything else.
     */
    public static double[][] cosine(double[][] forgotten, double[][] spares) {
        double[] fn = norms(forgotten);
        double[] sn = norms(spares);
        double[][] out = new double[forgotten.length][spares.length];
        for (int i = 0; i < forgotten.length; i++) {
            for (int j = 0; j < spares.length; j++) {
                if (fn[i] == 0 || sn[j] == 0) {
                    out[i][j] = fn[i] == sn[j] ? 0 : 1;
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < forgotten[i].length; k++) {
                    dot += forgotten[i][k] * spares[j][k];
                }
                out[i][j] = Math.max(0, 1 - dot / (fn[i] * sn[j]));
            }
        }
        return out;
    }

    /**
     * Mahalanobis distance sqrt((a - b)^T Sigma^-1 (a - b)) under the Ledoit-Wolf shrinkage covariance of
     * {@code spares} (the pool the twins are drawn from): both sides are whitened by Sigma's Cholesky factor
     * (z = L^-1 x), after which the distance is Euclidean.
     */
    public static double[][] mahalanobis(double[][] forgotten, double[][] spares) {
        return mahalanobis(forgotten, spares, ShrinkageCovariance.ledoitWolf(spares));
    }

    /** Mahalanobis distance under a given covariance estimate. */
    public static double[][] mahalanobis(double[][] forgotten, double[][] spares, ShrinkageCovariance covariance) {
        double[][] l = ShrinkageCovariance.cholesky(covariance.matrix());
        return euclidean(whiten(forgotten, l), whiten(spares, l));
    }

    /** Solves L z = x for each row (forward substitution). */
    static double[][] whiten(double[][] rows, double[][] l) {
        int p = l.length;
        double[][] out = new double[rows.length][p];
        for (int r = 0; r < rows.length; r++) {
            double[] x = rows[r];
            double[] z = out[r];
            for (int i = 0; i < p; i++) {
                double sum = x[i];
                double[] li = l[i];
                for (int k = 0; k < i; k++) {
                    sum -= li[k] * z[k];
                }
                z[i] = sum / li[i];
            }
        }
        return out;
    }

    private static double[] norms(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (double v : rows[i]) {
                sum += v * v;
            }
            out[i] = Math.sqrt(sum);
        }
        return out;
    }
}
