package org.unlearnlab.engine.report;

/** Charts of forget runs, as standalone SVG text. */
public final class ForgetCharts {
    private ForgetCharts() {
    }

    /**
     * Test accuracy against the share of the training set deleted, one line per method.
     *
     * @param percent the deleted shares, in percent
     * @param names   one name per method
     * @param accuracy [method][point]
     */
    public static String accuracyByDeletedShare(double[] percent, String[] names, double[][] accuracy) {
        SvgLineChart c = new SvgLineChart("Test accuracy after forgetting a random share", "deleted (% of training set)",
                "test accuracy").chance(0.1);
        for (int m = 0; m < names.length; m++) {
            c.add(names[m], percent, accuracy[m]);
        }
        return c.render();
    }
}
