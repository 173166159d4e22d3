package org.unlearnlab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private IdxFormatException imagesFail(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        return assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
    }

    private IdxFormatException labelsFail(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        return assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));
    }

    @Test
    void readsImagesScaledIntoUnitRange() throws IOException {
        byte[] payload = {0, (byte) 255, (byte) 128, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 254};
        IdxReader.IdxImages images = IdxReader.readImages(write("img", IdxBytes.images(2, 2, 3, payload)));

        assertEquals(2, images.count());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertEquals(12, images.pixels().length);
        assertEquals(0f, images.pixels()[0]);
        assertEquals(1f, images.pixels()[1]);
        assertEquals(128 / 255f, images.pixels()[2]);
        assertEquals(254 / 255f, images.pixels()[11]);
    }

    @Test
    void readsLabelsAsUnsignedBytes() throws IOException {
        int[] labels = IdxReader.readLabels(write("lbl", IdxBytes.labels(3, 0, 9, 200)));
        assertArrayEquals(new int[] {3, 0, 9, 200}, labels);
    }

    @Test
    void rawAndGzipCopiesReadIdentically() throws IOException {
        byte[] images = IdxBytes.images(3, 4, 5, 17);
        byte[] labels = IdxBytes.labels(1, 7, 4);

        IdxReader.IdxImages raw = IdxReader.readImages(write("i-raw", images));
        IdxReader.IdxImages gz = IdxReader.readImages(write("i.gz", IdxBytes.gzip(images)));
        assertEquals(raw.count(), gz.count());
        assertEquals(raw.rows(), gz.rows());
        assertEquals(raw.cols(), gz.cols());
        assertArrayEquals(raw.pixels(), gz.pixels());
        assertArrayEquals(IdxReader.readLabels(write("l-raw", labels)),
                IdxReader.readLabels(write("l.gz", IdxBytes.gzip(labels))));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] labels = IdxBytes.labels(5, 6);
        assertArrayEquals(new int[] {5, 6}, IdxReader.readLabels(write("labels-idx1-ubyte", IdxBytes.gzip(labels))));
        assertArrayEquals(new int[] {5, 6}, IdxReader.readLabels(write("labels-idx1-ubyte.gz", labels)));
    }

    @Test
    void labelFileReadAsImagesIsWrongMagic() throws IOException {
        IdxFormatException e = imagesFail("t10k-labels-idx1-ubyte", IdxBytes.labels(1, 2));
        assertEquals("t10k-labels-idx1-ubyte: wrong magic number 0x00000801, expected 0x00000803 (images)",
                e.getMessage());
    }

    @Test
    void imageFileReadAsLabelsIsWrongMagicEvenWhenGzipped() throws IOException {
        IdxFormatException e = labelsFail("t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.images(1, 2, 2, 0)));
        assertEquals("t10k-labels-idx1-ubyte.gz: wrong magic number 0x00000803, expected 0x00000801 (labels)",
                e.getMessage());
    }

    @Test
    void otherDataTypeIsNamed() throws IOException {
        IdxFormatException e = imagesFail("floats", IdxBytes.file(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        assertEquals("floats: wrong magic number 0x00000D03: data type 0x0D (float), expected 0x08 (unsigned byte)",
                e.getMessage());
    }

    @Test
    void foreignFileIsNotIdx() throws IOException {
        IdxFormatException e = imagesFail("notes.txt", "hello".getBytes());
        assertEquals("notes.txt: not an IDX file (first bytes 68 65 6c 6c)", e.getMessage());
    }

    @Test
    void tinyAndEmptyFilesAreReported() throws IOException {
        assertEquals("x: not an IDX file (first bytes 00 00, only 2 in all)",
                imagesFail("x", new byte[2]).getMessage());
        assertEquals("e: empty file", labelsFail("e", new byte[0]).getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] full = IdxBytes.images(1, 2, 2, 0);
        IdxFormatException e = imagesFail("img", Arrays.copyOf(full, 10));
        assertEquals("img: truncated header: 3 dimensions need 16 bytes, file holds 10", e.getMessage());
    }

    @Test
    void truncatedLabelsSayHowManyArePromisedAndHeld() throws IOException {
        byte[] full = IdxBytes.file(IdxReader.LABELS_MAGIC, new int[] {10000}, new byte[10000]);
        IdxFormatException e = labelsFail("t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(Arrays.copyOf(full, 8 + 9000)));
        assertEquals("t10k-labels-idx1-ubyte.gz: truncated: header promises 10000 labels, file holds 9000",
                e.getMessage());
    }

    @Test
    void truncatedImagesCountWholeAndPartialImages() throws IOException {
        byte[] full = IdxBytes.images(3, 2, 2, 0);
        IdxFormatException e = imagesFail("img", Arrays.copyOf(full, full.length - 3));
        assertEquals("img: truncated: header promises 3 images of 2x2, file holds 2 and a partial one (1 of 4 bytes)",
                e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        byte[] full = IdxBytes.labels(1, 2, 3);
        byte[] longer = Arrays.copyOf(full, full.length + 5);
        IdxFormatException e = labelsFail("lbl", longer);
        assertEquals("lbl: trailing garbage: 5 bytes after the 3 labels the header promises", e.getMessage());
        assertEquals("lbl.gz: trailing garbage: 5 bytes after the 3 labels the header promises",
                labelsFail("lbl.gz", IdxBytes.gzip(longer)).getMessage());
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(4, 8, 8, 3));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertTrue(imagesFail("cut.gz", cut).getMessage().startsWith("cut.gz: corrupt gzip stream ("));

        byte[] mangled = gz.clone();
        mangled[2] = 7; // compression method: only 8 (deflate) exists
        assertTrue(imagesFail("method.gz", mangled).getMessage().startsWith("method.gz: corrupt gzip stream ("));

        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        assertTrue(imagesFail("crc.gz", badCrc).getMessage().startsWith("crc.gz: corrupt gzip stream ("));
    }

    @Test
    void nonPositiveDimensionsAreRejected() throws IOException {
        IdxFormatException e = imagesFail("img", IdxBytes.file(IdxReader.IMAGES_MAGIC,
                new int[] {Integer.MIN_VALUE, 28, 28}, new byte[16]));
        assertEquals("img: header gives dimensions 2147483648x28x28, each must be 1..2147483647", e.getMessage());
        assertTrue(labelsFail("lbl", IdxBytes.file(IdxReader.LABELS_MAGIC, new int[] {0}, new byte[0]))
                .getMessage().startsWith("lbl: header gives dimensions 0,"));
    }

    @Test
    void headerPromisingMoreThanAnArrayHoldsIsRejected() throws IOException {
        IdxFormatException e = imagesFail("img", IdxBytes.file(IdxReader.IMAGES_MAGIC,
                new int[] {Integer.MAX_VALUE, 28, 28}, new byte[16]));
        assertEquals("img: header promises 2147483647 images of 28x28, more than one array can hold", e.getMessage());
    }

    @Test
    void hugePromiseWithSmallPayloadIsTruncationNotOutOfMemory() throws IOException {
        // 2^31 - 9 labels would need 2 GB; the reader must notice the file is tiny before allocating that.
        int promised = Integer.MAX_VALUE - 8;
        IdxFormatException e = labelsFail("lbl.gz",
                IdxBytes.gzip(IdxBytes.file(IdxReader.LABELS_MAGIC, new int[] {promised}, new byte[100])));
        assertEquals("lbl.gz: truncated: header promises " + promised + " labels, file holds 100", e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(dir.resolve("train-images-idx3-ubyte")));
        assertEquals("train-images-idx3-ubyte: file not found", e.getMessage());
    }

    @Test
    void folderInsteadOfFileIsReported() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(sub));
        assertTrue(e.getMessage().startsWith("sub: cannot read: "), e.getMessage());
    }
}
