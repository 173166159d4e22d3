package org.unlearnlab.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents byte by byte, so tests control every header field. */
final class IdxBytes {
    private IdxBytes() {
    }

    static byte[] file(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] images(int count, int rows, int cols, byte[] payload) {
        return file(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, payload);
    }

    /** {@code count} images of rows x cols whose pixel bytes count up from {@code seed}. */
    static byte[] images(int count, int rows, int cols, int seed) {
        byte[] payload = new byte[count * rows * cols];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (seed + i);
        }
        return images(count, rows, cols, payload);
    }

    static byte[] labels(int... labels) {
        byte[] payload = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            payload[i] = (byte) labels[i];
        }
        return file(IdxReader.LABELS_MAGIC, new int[] {labels.length}, payload);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
