package org.unlearnlab.engine.unlearning;

import java.util.Random;

/**
 * L2-regularised softmax regression in plain Java, a model whose Hessian is known in closed form: per sample the
 * loss is -log softmax(W x)_y + (lambda / 2) |W|^2, with a bias column in W (x gets a trailing 1).
 */
final class SoftmaxRegression implements EmpiricalRisk {
    final double[][] x;
    final int[] y;
    final int classes;
    final double lambda;
    private double[] theta;

    SoftmaxRegression(double[][] x, int[] y, int classes, double lambda) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.lambda = lambda;
        this.theta = new double[classes * width()];
    }

    /** n samples of d features around one centre per class, labelled by their centre (with some overlap). */
    static SoftmaxRegression synthetic(int n, int d, int classes, double lambda, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = r.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[y[i]][j] + r.nextGaussian();
            }
        }
        return new SoftmaxRegression(x, y, classes, lambda);
    }

    int width() {
        return x[0].length + 1;
    }

    private double feature(int i, int j) {
        return j < x[i].length ? x[i][j] : 1;
    }

    private double[] probabilities(int i) {
        double[] z = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < width(); j++) {
                z[c] += theta[c * width() + j] * feature(i, j);
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < classes; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public double[] parameters() {
        return theta.clone();
    }

    @Override
    public void setParameters(double[] t) {
        theta = t.clone();
    }

    @Override
    public double[] gradient(int[] rows) {
        double[] g = new double[theta.length];
        for (int i : rows) {
            double[] p = probabilities(i);
            for (int c = 0; c < classes; c++) {
                double err = p[c] - (y[i] == c ? 1 : 0);
                for (int j = 0; j < width(); j++) {
                    g[c * width() + j] += err * feature(i, j);
                }
            }
        }
        for (int k = 0; k < g.length; k++) {
            g[k] = g[k] / rows.length + lambda * theta[k];
        }
        return g;
    }

    /** Each row's loss, -log p_y + (lambda / 2) |theta|^2, the per-sample objective {@link #gradient} is of. */
    double[] losses(int[] rows) {
        double reg = 0;
        for (double t : theta) {
            reg += t * t;
        }
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = -Math.log(probabilities(rows[k])[y[rows[k]]]) + lambda / 2 * reg;
        }
        return out;
    }

    /** The exact mean Hessian over rows: sum of (diag(p) - p p^T) (x) x x^T, over n, plus lambda I. */
    double[][] hessian(int[] rows) {
        int w = width();
        double[][] h = new double[theta.length][theta.length];
        for (int i : rows) {
            double[] p = probabilities(i);
            for (int a = 0; a < classes; a++) {
                for (int b = 0; b < classes; b++) {
                    double s = (a == b ? p[a] : 0) - p[a] * p[b];
                    for (int j = 0; j < w; j++) {
                        for (int k = 0; k < w; k++) {
                            h[a * w + j][b * w + k] += s * feature(i, j) * feature(i, k) / rows.length;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < theta.length; k++) {
            h[k][k] += lambda;
        }
        return h;
    }

    /** Minimises the mean loss over rows by Newton's method with the exact Hessian, from zero. */
    double[] fit(int[] rows) {
        theta = new double[theta.length];
        for (int it = 0; it < 50; it++) {
            double[] g = gradient(rows);
            double[] step = solve(hessian(rows), g);
            for (int k = 0; k < theta.length; k++) {
                theta[k] -= step[k];
            }
            if (EmpiricalRisk.norm(g) < 1e-13) {
                break;
            }
        }
        return theta.clone();
    }

    /** a^-1 b by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * out[c];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }
}
