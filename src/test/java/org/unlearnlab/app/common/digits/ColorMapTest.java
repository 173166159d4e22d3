package org.unlearnlab.app.common.digits;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorMapTest {

    @Test
    void grayscaleShowsIntensityAsBrightnessAndClamps() {
        assertEquals(0xff000000, ColorMaps.GRAYSCALE.argb(0));
        assertEquals(0xffffffff, ColorMaps.GRAYSCALE.argb(1));
        assertEquals(0xffffffff, ColorMaps.GRAYSCALE.argb(7), "values beyond the domain clamp");
        assertEquals(0xff000000, ColorMaps.GRAYSCALE.argb(-3));
        int mid = ColorMaps.GRAYSCALE.argb(0.5) & 0xff;
        assertTrue(mid > 120 && mid < 135, "0.5 is mid grey, was " + mid);
    }

    @Test
    void divergingMapIsBlueBelowWhiteAtZeroRedAboveScaledToEpsilon() {
        ColorMap m = ColorMaps.diverging(0.1);
        Color lo = m.color(-0.1);
        Color zero = m.color(0);
        Color hi = m.color(0.1);
        assertTrue(lo.getBlue() > lo.getRed() + 0.2, "−ε is blue: " + lo);
        assertTrue(hi.getRed() > hi.getBlue() + 0.2, "+ε is red: " + hi);
        assertTrue(zero.getRed() > 0.95 && zero.getGreen() > 0.95 && zero.getBlue() > 0.95, "0 is white: " + zero);
        assertEquals(m.argb(0.1), m.argb(0.4), "beyond +ε stays at the end colour");
        assertEquals(ColorMaps.diverging(0.3).argb(0.3), m.argb(0.1), "the map rescales with ε");
    }

    @Test
    void zeroEpsilonStillRendersAnUntouchedPerturbationAsWhite() {
        Color c = ColorMaps.diverging(0).color(0);
        assertTrue(c.getRed() > 0.95 && c.getBlue() > 0.95);
    }

    @Test
    void aMapNeedsTwoAnchorsAndANonEmptyDomain() {
        assertThrows(IllegalArgumentException.class, () -> ColorMap.of("x", 0, 1, Color.BLACK));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.of("x", 1, 1, Color.BLACK, Color.WHITE));
    }

    @Test
    void bufferedImagesRepeatEachPixelAsASharpBlock() {
        float[] px = new float[784];
        px[0] = 1f;
        BufferedImage img = DigitImages.toBufferedImage(px, ColorMaps.GRAYSCALE, 3);
        assertEquals(84, img.getWidth());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(0xffffff, img.getRGB(x, y) & 0xffffff);
            }
        }
        assertEquals(0, img.getRGB(3, 0) & 0xffffff);
        assertEquals(0, img.getRGB(0, 3) & 0xffffff);
    }

    @Test
    void nonSquarePixelArraysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DigitImages.side(783));
        assertEquals(28, DigitImages.side(784));
    }
}
