package org.unlearnlab.app.common.digits;

import javafx.scene.paint.Color;

/** The colour maps every digit view shares, so a pixel means the same colour everywhere in the app. */
public final class ColorMaps {
    private ColorMaps() {
    }

    /**
     * Pixel intensity as brightness, exactly as the model sees it: 0 is black, 1 is white. Inverting it
     * ("ink on paper") would look friendlier but would hide that FGSM noise lands on the black background.
     */
    public static final ColorMap GRAYSCALE = ColorMap.of("grayscale", 0, 1, Color.BLACK, Color.WHITE);

    /**
     * ColorBrewer RdBu (9 classes), reversed so that pixels the attack darkened are blue and pixels it
     * brightened are red; it stays distinguishable under the common colour-vision deficiencies and keeps
     * an untouched pixel (0) white. The 11-class ends are left out: FGSM moves nearly every pixel by the
     * full ±ε, and those near-black ends made the perturbation a dark blot on a projector.
     */
    public static final ColorMap DIVERGING_UNIT = ColorMap.of("RdBu", -1, 1,
            Color.web("#2166ac"), Color.web("#4393c3"), Color.web("#92c5de"),
            Color.web("#d1e5f0"), Color.web("#f7f7f7"), Color.web("#fddbc7"), Color.web("#f4a582"),
            Color.web("#d6604d"), Color.web("#b2182b"));

    /**
     * The diverging map over [-eps, +eps]. A zero or negative epsilon still gets a tiny symmetric domain so
     * that an all-zero perturbation renders white instead of failing.
     */
    public static ColorMap diverging(double epsilon) {
        double e = epsilon > 1e-6 ? epsilon : 1e-6;
        return DIVERGING_UNIT.withDomain(-e, e);
    }

    /** Okabe–Ito colours, safe for colour-blind viewers; one per chart series across the whole app. */
    public static final Color CLEAN = Color.web("#000000");
    public static final Color FGSM_STABLE = Color.web("#E69F00");
    public static final Color FGSM_PAPER = Color.web("#D55E00");
    public static final Color PGD = Color.web("#0072B2");
    public static final Color ZERO_GRADIENT = Color.web("#999999");
    public static final Color TRAIN_SIZE = Color.web("#009E73");
    public static final Color BEFORE = Color.web("#0072B2");
    public static final Color AFTER = Color.web("#D55E00");
}
