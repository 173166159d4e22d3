package org.unlearnlab.engine.unlearning;

/**
 * A model's training objective as a function of its parameters, seen as one flat vector: what the
 * second-order forgetting methods need (the mean per-sample loss gradient over some training rows, and the
 * product of that loss's Hessian with a vector). It keeps the mathematics of {@link InfluenceForgetting} and
 * {@link Lissa} independent of DL4J, so that they can be checked on a model whose Hessian is known exactly.
 */
public interface EmpiricalRisk {

    /** The current parameters (a copy). */
    double[] parameters();

    /** Replaces the parameters. */
    void setParameters(double[] theta);

    /** Mean over {@code rows} of the per-sample loss gradient at the current parameters. */
    double[] gradient(int[] rows);

    /**
     * The mean Hessian over {@code rows} times {@code v}, at the current parameters. This default takes central
     * differences of gradients, (g(theta + r v) - g(theta - r v)) / 2r, which needs nothing but gradients: the
     * error is O(r^2) for a smooth loss, and r is large enough that the two gradients differ well above float
     * rounding (see {@link #finiteDifferenceStep}).
     */
    default double[] hessianVector(int[] rows, double[] v) {
        double vNorm = norm(v);
        double[] theta = parameters();
        if (vNorm == 0) {
            return new double[theta.length];
        }
        double r = finiteDifferenceStep() * (1 + norm(theta)) / vNorm;
        double[] shifted = theta.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = theta[i] + r * v[i];
        }
        setParameters(shifted);
        double[] plus = gradient(rows);
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = theta[i] - r * v[i];
        }
        setParameters(shifted);
        double[] minus = gradient(rows);
        setParameters(theta);
        double[] hv = new double[theta.length];
        for (int i = 0; i < hv.length; i++) {
            hv[i] = (plus[i] - minus[i]) / (2 * r);
        }
        return hv;
    }

    /**
     * Length of the finite-difference displacement r v relative to 1 + |theta|. 1e-3 suits float32 parameters:
     * small enough that a ReLU network rarely crosses a kink on the way, large enough that the gradient
     * difference is some 10^4 times float rounding.
     */
    default double finiteDifferenceStep() {
        return 1e-3;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
