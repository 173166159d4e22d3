package org.unlearnlab.engine.eval;

import java.util.Locale;

/**
 * Says in plain words when a model has collapsed: one class takes more than half of its predictions, or its
 * accuracy is below 0.2 (chance on ten classes is 0.1). Approximate forgetting methods can do this silently, and a
 * single accuracy figure of 0.11 does not tell a reader that the model answers "3" to everything.
 */
public final class CollapseCheck {
    /** A class taking more than this share of the predictions is a collapse. */
    public static final double DOMINANT_SHARE = 0.5;
    /** An accuracy below this is a collapse. */
    public static final double LOW_ACCURACY = 0.2;

    private CollapseCheck() {
    }

    /**
     * @return e.g. "collapsed: class 3 takes 94% of test predictions", or null when the model has not collapsed
     */
    public static String describe(int[] predictions, int classes, double accuracy) {
        if (predictions.length == 0) {
            return null;
        }
        int[] counts = new int[classes];
        for (int p : predictions) {
            counts[p]++;
        }
        int top = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[c] > counts[top]) {
                top = c;
            }
        }
        double share = counts[top] / (double) predictions.length;
        if (share > DOMINANT_SHARE) {
            return String.format(Locale.ROOT, "collapsed: class %d takes %.0f%% of test predictions", top,
                    share * 100);
        }
        if (accuracy < LOW_ACCURACY) {
            return String.format(Locale.ROOT, "collapsed: test accuracy %.3f is near chance (%.2f)", accuracy,
                    1.0 / classes);
        }
        return null;
    }
}
