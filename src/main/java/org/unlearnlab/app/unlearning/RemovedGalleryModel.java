package org.unlearnlab.app.unlearning;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The removed samples of one run, sorted and filtered for the gallery, with the selection and a per-class
 * count of removals. Knows nothing of images: thumbnails are the view's business.
 *
 * <p>The histogram ignores the class filter (it applies the iteration filter only), so that it always shows
 * the distribution across classes and clicking a bar can narrow the gallery to that class.
 */
public class RemovedGalleryModel {
    private final ObservableList<RemovedSample> samples = FXCollections.observableArrayList();
    private final FilteredList<RemovedSample> filtered = new FilteredList<>(samples, s -> true);
    private final SortedList<RemovedSample> sorted = new SortedList<>(filtered);
    private final ObjectProperty<GallerySort> sort = new SimpleObjectProperty<>(this, "sort", GallerySort.LOSS_DESCENDING);
    private final ObjectProperty<Integer> classFilter = new SimpleObjectProperty<>(this, "classFilter");
    private final ObjectProperty<Integer> iterationFilter = new SimpleObjectProperty<>(this, "iterationFilter");
    private final ObjectProperty<RemovedSample> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<int[]> classCounts = new ReadOnlyObjectWrapper<>(this, "classCounts", new int[10]);
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown");
    private final ObservableList<Integer> iterations = FXCollections.observableArrayList();
    private final ObservableList<Integer> classes = FXCollections.observableArrayList();
    private int numClasses = 10;

    public RemovedGalleryModel() {
        sorted.setComparator(sort.get().comparator());
        sort.addListener((obs, old, s) -> sorted.setComparator(Objects.requireNonNullElse(s, GallerySort.LOSS_DESCENDING).comparator()));
        classFilter.addListener((obs, old, v) -> refilter());
        iterationFilter.addListener((obs, old, v) -> {
            refilter();
            recount();
        });
        samples.addListener((ListChangeListener<RemovedSample>) c -> {
            recount();
            refreshChoices();
        });
        sorted.addListener((ListChangeListener<RemovedSample>) c -> {
            shown.set(sorted.size());
            RemovedSample sel = selected.get();
            if (sel != null && !sorted.contains(sel)) {
                selected.set(null);
            }
        });
        for (int c = 0; c < numClasses; c++) {
            classes.add(c);
        }
    }

    /** Replaces every sample (a run was opened or restarted). */
    public void setSamples(List<RemovedSample> all, int numClasses) {
        this.numClasses = numClasses;
        selected.set(null);
        samples.setAll(all);
        List<Integer> cs = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            cs.add(c);
        }
        classes.setAll(cs);
        recount();
    }

    /** Appends the samples of an iteration that just finished. */
    public void addSamples(List<RemovedSample> more) {
        samples.addAll(more);
    }

    public void clear() {
        setSamples(List.of(), numClasses);
    }

    /** Every removed sample, in removal order. */
    public ObservableList<RemovedSample> samples() {
        return samples;
    }

    /** The samples the gallery shows: filtered and sorted. */
    public ObservableList<RemovedSample> visible() {
        return sorted;
    }

    public ObjectProperty<GallerySort> sortProperty() {
        return sort;
    }

    /** null shows every class. */
    public ObjectProperty<Integer> classFilterProperty() {
        return classFilter;
    }

    /** null shows every iteration. */
    public ObjectProperty<Integer> iterationFilterProperty() {
        return iterationFilter;
    }

    public ObjectProperty<RemovedSample> selectedProperty() {
        return selected;
    }

    /** Removals per true class, under the iteration filter; a new array on every change. */
    public ReadOnlyObjectProperty<int[]> classCountsProperty() {
        return classCounts.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The iterations that removed anything, ascending, for the filter's choices. */
    public ObservableList<Integer> iterations() {
        return iterations;
    }

    public ObservableList<Integer> classes() {
        return classes;
    }

    /** Selects the sample {@code offset} places from the current one in the visible order (for arrow keys). */
    public void selectRelative(int offset) {
        if (sorted.isEmpty()) {
            return;
        }
        int i = selected.get() == null ? -1 : sorted.indexOf(selected.get());
        int next = i < 0 ? 0 : Math.max(0, Math.min(sorted.size() - 1, i + offset));
        selected.set(sorted.get(next));
    }

    private void refilter() {
        Integer c = classFilter.get();
        Integer it = iterationFilter.get();
        filtered.setPredicate(s -> (c == null || s.label() == c) && (it == null || s.iteration() == it));
    }

    private void recount() {
        int[] counts = new int[numClasses];
        Integer it = iterationFilter.get();
        for (RemovedSample s : samples) {
            if ((it == null || s.iteration() == it) && s.label() >= 0 && s.label() < numClasses) {
                counts[s.label()]++;
            }
        }
        classCounts.set(counts);
    }

    private void refreshChoices() {
        TreeSet<Integer> its = new TreeSet<>();
        for (RemovedSample s : samples) {
            its.add(s.iteration());
        }
        if (!iterations.equals(new ArrayList<>(its))) {
            iterations.setAll(its);
        }
    }
}
