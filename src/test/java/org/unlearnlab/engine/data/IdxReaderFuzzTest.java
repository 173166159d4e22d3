package org.unlearnlab.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes {@link IdxReader} with 1000 tries per property (3000 inputs in all): whatever the bytes, the reader
 * either returns data consistent with its header or throws {@link IdxFormatException} naming the file;
 * any other exception, or running out of memory on a lying header, fails the property.
 */
class IdxReaderFuzzTest {

    // In memory rather than through files: the parser is the same, IdxReaderTest covers opening files, and
    // creating a file costs milliseconds on this disk, which 3000 tries would turn into seconds.
    private static final String FILE_NAME = "fuzz-idx3-ubyte";

    enum Mutation { NONE, TRUNCATE, APPEND, FLIP_BYTE, SET_DIMENSION, SET_MAGIC }

    @Property(tries = 1000)
    void randomBytesParseOrFailWithIdxFormatException1000Tries(@ForAll @Size(max = 80) byte[] random,
            @ForAll @IntRange(min = 0, max = 2) int magicPrefix, @ForAll boolean gzip) {
        // Behind a genuine magic number, random bytes get past the first check and exercise the header.
        int magic = magicPrefix == 1 ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC;
        byte[] bytes = magicPrefix == 0 ? random
                : ByteBuffer.allocate(4 + random.length).putInt(magic).put(random).array();
        byte[] content = gzip ? IdxBytes.gzip(bytes) : bytes;
        checkImages(content, !gzip);
        checkLabels(content, !gzip);
    }

    @Property(tries = 1000)
    void mutatedImageFilesParseConsistentlyOrFailCleanly1000Tries(
            @ForAll @IntRange(min = 1, max = 4) int count, @ForAll @IntRange(min = 1, max = 6) int rows,
            @ForAll @IntRange(min = 1, max = 6) int cols, @ForAll long seed, @ForAll Mutation mutation,
            @ForAll int value, @ForAll boolean gzip, @ForAll boolean mutateCompressed) throws IdxFormatException {
        byte[] payload = new byte[count * rows * cols];
        new Random(seed).nextBytes(payload);
        byte[] valid = IdxBytes.images(count, rows, cols, payload);
        byte[] content = build(valid, 3, mutation, value, seed, gzip, mutateCompressed);

        IdxReader.IdxImages parsed = checkImages(content, !gzip);
        if (mutation == Mutation.NONE) {
            assertTrue(parsed != null, "an intact file must parse");
            assertEquals(count, parsed.count());
            for (int i = 0; i < payload.length; i++) {
                assertEquals((payload[i] & 0xff) / 255f, parsed.pixels()[i]);
            }
        }
    }

    @Property(tries = 1000)
    void mutatedLabelFilesParseConsistentlyOrFailCleanly1000Tries(
            @ForAll @Size(min = 1, max = 40) byte[] labels, @ForAll long seed, @ForAll Mutation mutation,
            @ForAll int value, @ForAll boolean gzip, @ForAll boolean mutateCompressed) throws IdxFormatException {
        byte[] valid = IdxBytes.file(IdxReader.LABELS_MAGIC, new int[] {labels.length}, labels);
        byte[] content = build(valid, 1, mutation, value, seed, gzip, mutateCompressed);

        int[] parsed = checkLabels(content, !gzip);
        if (mutation == Mutation.NONE) {
            assertTrue(parsed != null, "an intact file must parse");
            assertEquals(labels.length, parsed.length);
            for (int i = 0; i < labels.length; i++) {
                assertEquals(labels[i] & 0xff, parsed[i]);
            }
        }
    }

    /** {@code valid} damaged by {@code mutation}, before or after gzip compression. */
    private static byte[] build(byte[] valid, int dims, Mutation mutation, int value, long seed, boolean gzip,
            boolean mutateCompressed) {
        if (!gzip) {
            return mutate(valid, dims, mutation, value, seed);
        }
        return mutateCompressed ? mutate(IdxBytes.gzip(valid), dims, mutation, value, seed)
                : IdxBytes.gzip(mutate(valid, dims, mutation, value, seed));
    }

    private static byte[] mutate(byte[] bytes, int dims, Mutation mutation, int value, long seed) {
        Random random = new Random(seed ^ value);
        byte[] out = bytes.clone();
        switch (mutation) {
            case NONE -> {
            }
            case TRUNCATE -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case APPEND -> {
                out = Arrays.copyOf(out, out.length + 1 + random.nextInt(20));
                for (int i = bytes.length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt();
                }
            }
            case FLIP_BYTE -> out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
            // Edge values (0, -1, Integer.MIN_VALUE = 2^31, Integer.MAX_VALUE) come from jqwik's edge cases.
            case SET_DIMENSION -> ByteBuffer.wrap(out).putInt(Math.min(4 + 4 * random.nextInt(dims), out.length - 4),
                    value);
            case SET_MAGIC -> ByteBuffer.wrap(out).putInt(0, value);
        }
        return out;
    }

    /**
     * Reads {@code content} as images; null when refused. An accepted raw file must consist of exactly the
     * header and the pixels returned.
     */
    private static IdxReader.IdxImages checkImages(byte[] content, boolean raw) {
        try {
            IdxReader.IdxImages images = IdxReader.readImages(FILE_NAME, content);
            assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
            for (float p : images.pixels()) {
                assertTrue(p >= 0f && p <= 1f && p * 255f == Math.round(p * 255f), "pixel " + p);
            }
            if (raw) {
                assertEquals(16 + images.pixels().length, content.length, "accepted bytes beyond the header's promise");
                for (int i = 0; i < images.pixels().length; i++) {
                    assertEquals((content[16 + i] & 0xff) / 255f, images.pixels()[i]);
                }
            }
            return images;
        } catch (IdxFormatException e) {
            assertNamesFile(e);
            return null;
        }
    }

    private static int[] checkLabels(byte[] content, boolean raw) {
        try {
            int[] labels = IdxReader.readLabels(FILE_NAME, content);
            for (int label : labels) {
                assertTrue(label >= 0 && label <= 255, "label " + label);
            }
            if (raw) {
                assertEquals(8 + labels.length, content.length, "accepted bytes beyond the header's promise");
                for (int i = 0; i < labels.length; i++) {
                    assertEquals(content[8 + i] & 0xff, labels[i]);
                }
            }
            return labels;
        } catch (IdxFormatException e) {
            assertNamesFile(e);
            return null;
        }
    }

    private static void assertNamesFile(IdxFormatException e) {
        String prefix = FILE_NAME + ": ";
        assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().length() > prefix.length()
                && !e.getMessage().contains("\n"), e.getMessage());
    }
}
