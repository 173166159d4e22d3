package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.progress.CancellationToken;

import java.util.Random;

/**
 * LiSSA (Agarwal, Bullins and Hazan; the estimator of Koh and Liang's influence functions): H^-1 v from
 * Hessian-vector products alone, by the recursion h_0 = v, h_j = v + (1 - damping) h_{j-1} - H_j h_{j-1} / scale,
 * with H_j the Hessian on a fresh minibatch, and the estimate h_depth / scale. Its fixed point is
 * (H + scale * damping * I)^-1 v; it converges when every eigenvalue of H / scale + damping lies in (0, 2), so
 * scale must exceed half the largest curvature, and the error shrinks like (1 - damping - lambda_min / scale)^depth.
 */
public final class Lissa {
    /** An iterate this many times longer than v has diverged: scale is below half the largest curvature. */
    static final double DIVERGED = 1e6;

    private Lissa() {
    }

    /**
     * An estimate of H^-1 v.
     *
     * @param growth the largest length of an iterate over the length of v; beyond {@link #DIVERGED} the recursion
     *               diverged (scale below half the largest curvature) and the value is no inverse but, roughly,
     *               the direction of the largest curvature, which only a length limit on the update keeps usable
     */
    public record Estimate(double[] value, double growth) {
        public boolean diverged() {
            return growth > DIVERGED;
        }
    }

    /**
     * @param rows      the training rows the Hessian is the mean over
     * @param batchSize rows per Hessian-vector product, drawn without replacement (all rows when larger)
     * @throws IllegalStateException when an iterate overflows, naming the settings to raise
     */
    public static Estimate inverseHessianVector(EmpiricalRisk risk, double[] v, int[] rows, int batchSize,
                                                double damping, int depth, double scale, Random random,
                                                CancellationToken token) {
        double vNorm = Math.max(EmpiricalRisk.norm(v), Double.MIN_NORMAL);
        double[] h = v.clone();
        double growth = 1;
        for (int j = 1; j <= depth; j++) {
            token.throwIfCancelled();
            double[] hv = risk.hessianVector(RandomRemoval.sample(rows, batchSize, random), h);
            for (int i = 0; i < h.length; i++) {
                h[i] = v[i] + (1 - damping) * h[i] - hv[i] / scale;
            }
            double hNorm = EmpiricalRisk.norm(h);
            if (!Double.isFinite(hNorm)) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "LiSSA diverged at step %d of %d (its estimate overflowed): raise forget.influence.scale "
                                + "(is %g) above half the largest curvature of the loss, or lower its depth (is %d)",
                        j, depth, scale, depth));
            }
            growth = Math.max(growth, hNorm / vNorm);
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= scale;
        }
        return new Estimate(h, growth);
    }
}
