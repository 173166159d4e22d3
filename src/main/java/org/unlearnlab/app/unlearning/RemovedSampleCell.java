package org.unlearnlab.app.unlearning;

import javafx.collections.MapChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitView;
import org.unlearnlab.app.common.digits.ThumbnailCache;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.metrics.RemovedSample;


/**
 * One removed sample in the virtualised gallery: its training image and its adversarial twin, label →
 * adversarial prediction, loss and iteration (a forget run's sample: the image alone, with the original model's
 * prediction and loss; the view-model's {@link UnlearningViewModel#caption} says which). Cells are recycled while scrolling; images come from the
 * shared caches, and a twin not computed yet is requested and filled in when its batch arrives.
 */
final class RemovedSampleCell extends GridCell<RemovedSample> {
    static final double THUMB = 56;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final UnlearningViewModel vm;
    private final ThumbnailCache<Integer> cleanCache;
    private final ThumbnailCache<Long> twinCache;
    private final DigitView clean = new DigitView(THUMB);
    private final DigitView twin = new DigitView(THUMB);
    private final Label labels = new Label();
    private final Label details = new Label();
    private final VBox box;
    private final Tooltip tooltip = new Tooltip();
    // Strong reference held by the cell; the map only keeps a weak one, so recycled cells can be collected.
    private final MapChangeListener<Integer, AdversarialDigit> twinListener = change -> {
        RemovedSample s = getItem();
        if (s != null && change.wasAdded() && change.getKey() == s.datasetIndex()) {
            showTwin(s);
        }
    };
    // The twins were thrown away (a new model, a new run): the twin on show is stale, ask for a fresh one.
    private final javafx.beans.value.ChangeListener<Number> generationListener = (obs, old, n) -> {
        RemovedSample s = getItem();
        if (s != null) {
            showTwin(s);
        }
    };

    RemovedSampleCell(UnlearningViewModel vm, ThumbnailCache<Integer> cleanCache, ThumbnailCache<Long> twinCache) {
        this.vm = vm;
        this.cleanCache = cleanCache;
        this.twinCache = twinCache;
        getStyleClass().add("removed-cell");
        labels.getStyleClass().add("cell-labels");
        details.getStyleClass().add("cell-details");
        HBox pair = new HBox(4, clean, twin);
        pair.setAlignment(Pos.CENTER);
        box = new VBox(2, pair, labels, details);
        box.setAlignment(Pos.CENTER);
        tooltip.setShowDelay(javafx.util.Duration.millis(200));
        vm.twins().addListener(new WeakMapChangeListener<>(twinListener));
        vm.twinGenerationProperty().addListener(new javafx.beans.value.WeakChangeListener<>(generationListener));
        vm.gallery().selectedProperty().addListener((obs, old, sel) -> markSelected());
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                vm.gallery().selectedProperty().set(getItem());
            }
        });
    }

    @Override
    protected void updateItem(RemovedSample s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
            setGraphic(null);
            setTooltip(null);
            markSelected();
            return;
        }
        int i = s.datasetIndex();
        clean.setImage(cleanCache.get(i, () -> vm.cleanImage(i), ColorMaps.GRAYSCALE));
        UnlearningViewModel.SampleCaption caption = vm.caption(s);
        twin.setVisible(caption.withTwin());
        twin.setManaged(caption.withTwin());
        if (caption.withTwin()) {
            showTwin(s);
        }
        labels.setText(caption.labels());
        details.setText(caption.details());
        tooltip.setText(caption.tooltip());
        setTooltip(tooltip);
        setGraphic(box);
        markSelected();
    }

    private void showTwin(RemovedSample s) {
        if (!twin.isVisible()) {
            return;
        }
        AdversarialDigit d = vm.twins().get(s.datasetIndex());
        if (d == null) {
            twin.setImage(null);
            vm.requestTwin(s);
            return;
        }
        long key = ((long) vm.twinGenerationProperty().get() << 32) | (s.datasetIndex() & 0xffffffffL);
        twin.setImage(twinCache.get(key, d::adversarial, ColorMaps.GRAYSCALE));
    }

    private void markSelected() {
        RemovedSample sel = vm.gallery().selectedProperty().get();
        pseudoClassStateChanged(SELECTED, sel != null && sel.equals(getItem()));
    }

    DigitView twinView() {
        return twin;
    }
}
