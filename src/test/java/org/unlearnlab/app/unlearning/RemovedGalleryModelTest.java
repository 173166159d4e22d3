package org.unlearnlab.app.unlearning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RemovedGalleryModelTest {

    // index, label, adversarial prediction, loss, iteration
    static final List<RemovedSample> SAMPLES = List.of(
            new RemovedSample(10, 3, 5, 2.5, 1),
            new RemovedSample(11, 7, 1, 9.0, 1),
            new RemovedSample(12, 3, 8, 4.0, 2),
            new RemovedSample(13, 0, 6, 1.0, 2),
            new RemovedSample(14, 3, 5, 4.0, 3),
            new RemovedSample(15, 9, 4, 7.5, 3));

    private final RemovedGalleryModel g = new RemovedGalleryModel();

    private int[] visibleIndices() {
        return g.visible().stream().mapToInt(RemovedSample::datasetIndex).toArray();
    }

    @BeforeEach
    void fill() {
        g.setSamples(SAMPLES, 10);
    }

    @Test
    void sortsByLossDescendingByDefaultWithTiesByIndex() {
        assertEquals(GallerySort.LOSS_DESCENDING, g.sortProperty().get());
        assertArrayEquals(new int[]{11, 15, 12, 14, 10, 13}, visibleIndices());
    }

    @Test
    void otherOrders() {
        g.sortProperty().set(GallerySort.LOSS_ASCENDING);
        assertArrayEquals(new int[]{13, 10, 12, 14, 15, 11}, visibleIndices());
        g.sortProperty().set(GallerySort.ITERATION);
        assertArrayEquals(new int[]{11, 10, 12, 13, 15, 14}, visibleIndices());
        g.sortProperty().set(GallerySort.LABEL);
        assertArrayEquals(new int[]{13, 12, 14, 10, 11, 15}, visibleIndices());
    }

    @Test
    void filtersByClassAndIterationTogether() {
        g.classFilterProperty().set(3);
        assertArrayEquals(new int[]{12, 14, 10}, visibleIndices());
        g.iterationFilterProperty().set(2);
        assertArrayEquals(new int[]{12}, visibleIndices());
        assertEquals(1, g.shownProperty().get());
        g.classFilterProperty().set(null);
        assertArrayEquals(new int[]{12, 13}, visibleIndices());
        g.iterationFilterProperty().set(null);
        assertEquals(6, g.shownProperty().get());
    }

    @Test
    void histogramCountsRemovalsPerClassUnderTheIterationFilterOnly() {
        int[] all = new int[10];
        all[0] = 1;
        all[3] = 3;
        all[7] = 1;
        all[9] = 1;
        assertArrayEquals(all, g.classCountsProperty().get());

        g.classFilterProperty().set(3);
        assertArrayEquals(all, g.classCountsProperty().get(), "the class filter does not change the histogram");

        g.iterationFilterProperty().set(3);
        int[] it3 = new int[10];
        it3[3] = 1;
        it3[9] = 1;
        assertArrayEquals(it3, g.classCountsProperty().get());
    }

    @Test
    void appendedIterationsUpdateCountsAndIterationChoices() {
        assertEquals(List.of(1, 2, 3), g.iterations());
        g.addSamples(List.of(new RemovedSample(20, 7, 2, 3.0, 4), new RemovedSample(21, 7, 2, 3.5, 4)));
        assertEquals(List.of(1, 2, 3, 4), g.iterations());
        assertEquals(3, g.classCountsProperty().get()[7]);
        assertEquals(8, g.visible().size());
    }

    @Test
    void selectionIsClearedWhenItsSampleIsFilteredOut() {
        RemovedSample s = SAMPLES.get(1);
        g.selectedProperty().set(s);
        g.classFilterProperty().set(7);
        assertSame(s, g.selectedProperty().get());
        g.classFilterProperty().set(3);
        assertNull(g.selectedProperty().get());
    }

    @Test
    void selectRelativeMovesThroughTheVisibleOrderAndStopsAtTheEnds() {
        g.selectRelative(1);
        assertEquals(11, g.selectedProperty().get().datasetIndex(), "nothing selected: start at the first");
        g.selectRelative(1);
        assertEquals(15, g.selectedProperty().get().datasetIndex());
        g.selectRelative(-5);
        assertEquals(11, g.selectedProperty().get().datasetIndex());
        g.selectRelative(100);
        assertEquals(13, g.selectedProperty().get().datasetIndex());
    }

    @Test
    void replacingTheSamplesClearsTheSelection() {
        g.selectedProperty().set(SAMPLES.get(0));
        g.setSamples(List.of(new RemovedSample(1, 1, 2, 0.5, 1)), 10);
        assertNull(g.selectedProperty().get());
        assertEquals(1, g.classCountsProperty().get()[1]);
        assertEquals(0, g.classCountsProperty().get()[3]);
    }
}
