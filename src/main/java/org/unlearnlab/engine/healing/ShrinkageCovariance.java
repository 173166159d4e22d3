package org.unlearnlab.engine.healing;

/**
 * The Ledoit-Wolf shrinkage covariance (Ledoit and Wolf, "A well-conditioned estimator for large-dimensional
 * covariance matrices", 2004): Sigma = delta * mu * I + (1 - delta) * S, with S the sample covariance (divided by
 * n), mu = trace(S) / p the scaled-identity target, and the intensity delta = min(1, b^2 / d^2) computed from the
 * data, not chosen: d^2 = ||S - mu I||_F^2 and b^2 = (1 / n^2) sum_k ||x_k x_k^T - S||_F^2 over the centred rows
 * x_k (which equals (sum_k ||x_k||^4 - n ||S||_F^2) / n^2). In 784 raw-pixel dimensions S is singular (the border
 * pixels of MNIST are always 0); mu I makes Sigma positive definite whenever some pixel varies.
 *
 * @param mean      the rows' mean
 * @param sample    S, the sample covariance (divided by n)
 * @param target    mu, the target's scale
 * @param intensity delta in [0, 1]
 */
public record ShrinkageCovariance(double[] mean, double[][] sample, double target, double intensity) {

    /** Estimates from {@code rows} (n rows of p values, n >= 2). */
    public static ShrinkageCovariance ledoitWolf(double[][] rows) {
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 rows, has " + n);
        }
        int p = rows[0].length;
        double[] mean = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] s = new double[p][p];
        double fourth = 0;
        double[] x = new double[p];
        for (double[] row : rows) {
            double norm2 = 0;
            for (int j = 0; j < p; j++) {
                x[j] = row[j] - mean[j];
                norm2 += x[j] * x[j];
            }
            fourth += norm2 * norm2;
            for (int i = 0; i < p; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                double[] si = s[i];
                for (int j = i; j < p; j++) {
                    si[j] += xi * x[j];
                }
            }
        }
        double trace = 0;
        double frob2 = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                s[i][j] /= n;
                s[j][i] = s[i][j];
                frob2 += (i == j ? 1 : 2) * s[i][j] * s[i][j];
            }
            trace += s[i][i];
        }
        double mu = trace / p;
        // ||S - mu I||^2 = ||S||^2 - 2 mu tr(S) + p mu^2 = ||S||^2 - p mu^2
        double d2 = Math.max(0, frob2 - p * mu * mu);
        double b2 = Math.min(d2, Math.max(0, (fourth - n * frob2) / ((double) n * n)));
        double delta = d2 == 0 ? 1 : b2 / d2;
        return new ShrinkageCovariance(mean, s, mu, delta);
    }

    /** delta * mu * I + (1 - delta) * S at this estimate's intensity. */
    public double[][] matrix() {
        return atIntensity(intensity);
    }

    /** The same blend at another intensity (0 = the sample covariance, 1 = mu I); for checks and comparisons. */
    public double[][] atIntensity(double delta) {
        int p = mean.length;
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j] = (1 - delta) * sample[i][j] + (i == j ? delta * target : 0);
            }
        }
        return out;
    }

    /**
     * The lower-triangular Cholesky factor L of {@code a} (a = L L^T).
     *
     * @throws IllegalArgumentException when {@code a} is not positive definite
     */
    public static double[][] cholesky(double[][] a) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("not positive definite (pivot " + sum + " at " + i + ")");
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / lj[j];
                }
            }
        }
        return l;
    }
}
