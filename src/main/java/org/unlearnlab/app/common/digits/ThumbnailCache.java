package org.unlearnlab.app.common.digits;

import javafx.scene.image.Image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Least-recently-used 28x28 images by key, so a gallery cell that scrolls back into view reuses its image
 * instead of rendering it again. A 28x28 image is ~3 KB, so the default bound keeps thousands.
 */
public final class ThumbnailCache<K> {
    private final int capacity;
    private final Map<K, Image> images;
    private int renders;

    public ThumbnailCache(int capacity) {
        this.capacity = capacity;
        this.images = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Image> eldest) {
                return size() > ThumbnailCache.this.capacity;
            }
        };
    }

    /** The cached image for {@code key}, rendering {@code pixels} through {@code map} on a miss. */
    public Image get(K key, Supplier<float[]> pixels, ColorMap map) {
        Image img = images.get(key);
        if (img == null) {
            img = DigitImages.toImage(pixels.get(), map);
            renders++;
            images.put(key, img);
        }
        return img;
    }

    public Image peek(K key) {
        return images.get(key);
    }

    public void clear() {
        images.clear();
    }

    public int size() {
        return images.size();
    }

    /** How many images were rendered so far (cache misses); for tests of laziness. */
    public int renders() {
        return renders;
    }
}
