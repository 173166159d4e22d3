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
     * @param rows      the training rows the Hessian is the mean over
     * @param batchSize rows per Hessian-vector product, drawn without replacement (all rows when larger)
     * @throws IllegalStateException when the recursion diverges, naming the setting to raise
     */
    public static double[] inverseHessianVector(EmpiricalRisk risk, double[] v, int[] rows, int batchSize,
                                                double damping, int depth, double scale, Random random,
                                                CancellationToken token) {
        double vNorm = EmpiricalRisk.norm(v);
        double[] h = v.clone();
        for (int j = 1; j <= depth; j++) {
            token.throwIfCancelled();
            double[] hv = risk.hessianVector(RandomRemoval.sample(rows, batchSize, random), h);
            for (int i = 0; i < h.length; i++) {
                h[i] = v[i] + (1 - damping) * h[i] - hv[i] / scale;
            }
            double hNorm = EmpiricalRisk.norm(h);
            if (!Double.isFinite(hNorm) || hNorm > DIVERGED * Math.max(vNorm, Double.MIN_NORMAL)) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "LiSSA diverged at step %d of %d (the estimate grew to %.3g times the gradient's length): "
                                + "raise forget.influence.scale (is %g) or forget.influence.damping (is %g)",
                        j, depth, hNorm / Math.max(vNorm, Double.MIN_NORMAL), scale, damping));
            }
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= scale;
        }
        return h;
    }
}
