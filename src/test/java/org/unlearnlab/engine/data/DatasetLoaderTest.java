package org.unlearnlab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    /** A folder of valid small 28x28 train/test files under the given names. */
    private Path folder(String name, String trainImages, String trainLabels, String testImages, String testLabels)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        writeMaybeGzipped(dir.resolve(trainImages), IdxBytes.images(3, 28, 28, 1));
        writeMaybeGzipped(dir.resolve(trainLabels), IdxBytes.labels(0, 9, 4));
        writeMaybeGzipped(dir.resolve(testImages), IdxBytes.images(2, 28, 28, 7));
        writeMaybeGzipped(dir.resolve(testLabels), IdxBytes.labels(2, 3));
        return dir;
    }

    private Path standardFolder(String name) throws IOException {
        return folder(name, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
    }

    private static void writeMaybeGzipped(Path file, byte[] raw) throws IOException {
        Files.write(file, file.toString().endsWith(".gz") ? IdxBytes.gzip(raw) : raw);
    }

    private static IdxFormatException fails(Path dir) {
        return assertThrows(IdxFormatException.class, () -> DatasetLoader.fromFolder(dir));
    }

    @Test
    void bundledMnistHasTheFullSplitInUnitRange() throws IOException {
        DatasetSplit split = DatasetLoader.bundledMnist();

        assertEquals("bundled MNIST", split.source());
        for (ImageDataset set : List.of(split.train(), split.test())) {
            assertEquals("MNIST", set.name());
            assertEquals(28, set.rows());
            assertEquals(28, set.cols());
            assertEquals(DatasetLoader.DIGIT_CLASSES, set.classNames());
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            double sum = 0;
            for (float p : set.pixels()) {
                min = Math.min(min, p);
                max = Math.max(max, p);
                sum += p;
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
            // MNIST's well-known mean intensity is 0.1307 (train) / 0.1325 (test).
            double mean = sum / set.pixels().length;
            assertTrue(mean > 0.125 && mean < 0.14, "mean pixel " + mean);
        }
        assertEquals(60000, split.train().size());
        assertEquals(10000, split.test().size());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(split.train().labels(), 5));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, Arrays.copyOf(split.test().labels(), 5));
    }

    @Test
    void bundledMnistLabelHistogramIsBalanced() throws IOException {
        DatasetSplit split = DatasetLoader.bundledMnist();
        int[] train = histogram(split.train());
        int[] test = histogram(split.test());
        // MNIST's rarest and commonest digits: 5 (5421 / 892) and 1 (6742 / 1135).
        assertEquals(5421, train[5]);
        assertEquals(6742, train[1]);
        assertEquals(892, test[5]);
        assertEquals(1135, test[1]);
        for (int c = 0; c < 10; c++) {
            assertTrue(train[c] >= 5421 && train[c] <= 6742, "train class " + c + ": " + train[c]);
            assertTrue(test[c] >= 892 && test[c] <= 1135, "test class " + c + ": " + test[c]);
        }
    }

    private static int[] histogram(ImageDataset set) {
        int[] counts = new int[set.numClasses()];
        for (int label : set.labels()) {
            counts[label]++;
        }
        return counts;
    }

    @Test
    void bundledMnistIsParsedOnce() throws IOException {
        assertSame(DatasetLoader.bundledMnist(), DatasetLoader.bundledMnist());
        assertSame(DatasetLoader.bundledMnist(), DatasetLoader.load(null));
        assertSame(DatasetLoader.bundledMnist(), DatasetLoader.load("  "));
    }

    @Test
    void theTestSetLoadedAheadIsTheSplitsOwn() throws IOException {
        ImageDataset test = DatasetLoader.bundledMnistTest();
        assertEquals(10_000, test.size());
        assertSame(test, DatasetLoader.bundledMnist().test());
    }

    @Test
    void replacedBundledFileIsRefusedByDigest() throws IOException {
        byte[] genuine;
        try (InputStream in = DatasetLoader.class.getResourceAsStream("/unlearnlab/mnist/t10k-labels-idx1-ubyte.gz")) {
            genuine = in.readAllBytes();
        }
        DatasetLoader.checkBundledDigest("t10k-labels-idx1-ubyte.gz", genuine);

        byte[] replaced = genuine.clone();
        replaced[replaced.length / 2] ^= 1;
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> DatasetLoader.checkBundledDigest("t10k-labels-idx1-ubyte.gz", replaced));
        assertTrue(e.getMessage().startsWith("t10k-labels-idx1-ubyte.gz: not the bundled MNIST, the file is corrupt "
                + "or was replaced (SHA-256 "), e.getMessage());
    }

    @Test
    void folderOfGzipFilesLoadsUnderTheFolderName() throws IOException {
        Path dir = standardFolder("my-digits");
        DatasetSplit split = DatasetLoader.load(dir.toString());

        assertEquals(dir.toAbsolutePath().normalize().toString(), split.source());
        assertEquals("my-digits", split.train().name());
        assertEquals(DatasetLoader.DIGIT_CLASSES, split.train().classNames());
        assertEquals(3, split.train().size());
        assertEquals(2, split.test().size());
        assertArrayEquals(new int[] {0, 9, 4}, split.train().labels());
        assertArrayEquals(new int[] {2, 3}, split.test().labels());
        assertEquals(7 / 255f, split.test().pixels()[0]);
    }

    @Test
    void folderWithRawDottedAndTestPrefixedNamesLoads() throws IOException {
        Path dir = folder("kaggle", "train-images.idx3-ubyte", "TRAIN-LABELS.IDX1-UBYTE", "test-images-idx3-ubyte.gz",
                "test-labels.idx1-ubyte");
        DatasetSplit split = DatasetLoader.fromFolder(dir);
        assertEquals(3, split.train().size());
        assertEquals(2, split.test().size());
    }

    @Test
    void folderNamedFashionGetsClothingClassNames() throws IOException {
        DatasetSplit split = DatasetLoader.fromFolder(standardFolder("My-Fashion-Set"));
        assertEquals("Fashion-MNIST", split.train().name());
        assertEquals("Ankle boot", split.train().classNames().get(9));
        assertEquals(DatasetLoader.FASHION_CLASSES, split.test().classNames());
    }

    @Test
    void missingFilesAreListedWithTheFolder() throws IOException {
        Path dir = standardFolder("partial");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));

        IdxFormatException e = fails(dir);
        assertEquals(dir.toAbsolutePath().normalize() + ": no training images (looked for train-images-idx3-ubyte[.gz], "
                + "train-images.idx3-ubyte[.gz]), no test labels (looked for t10k-labels-idx1-ubyte[.gz], "
                + "t10k-labels.idx1-ubyte[.gz], test-labels-idx1-ubyte[.gz], test-labels.idx1-ubyte[.gz])",
                e.getMessage());
    }

    @Test
    void absentFolderIsReported() {
        Path dir = tmp.resolve("nowhere");
        assertEquals(dir + ": folder not found", fails(dir).getMessage());
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path dir = standardFolder("mismatch");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(1, 2, 3)));
        assertEquals("t10k-images-idx3-ubyte.gz: holds 2 images but t10k-labels-idx1-ubyte.gz holds 3 labels; "
                + "they must pair up one to one", fails(dir).getMessage());
    }

    @Test
    void labelsOutsideTheTenClassesAreRefused() throws IOException {
        Path dir = standardFolder("eleven");
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(0, 1, 2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(0, 1, 2, 3, 4, 11)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(6, 28, 28, 0)));
        assertEquals("t10k-labels-idx1-ubyte.gz: label 11 at index 5 outside 0..9", fails(dir).getMessage());
    }

    @Test
    void imagesMustBe28By28() throws IOException {
        Path dir = standardFolder("cifar-ish");
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(3, 32, 32, 0)));
        assertEquals("train-images-idx3-ubyte.gz: image size 32x32, expected 28x28", fails(dir).getMessage());
    }

    @Test
    void brokenFileInFolderIsNamed() throws IOException {
        Path dir = standardFolder("broken");
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(1, 2, 3)));
        assertEquals("train-images-idx3-ubyte.gz: wrong magic number 0x00000801, expected 0x00000803 (images)",
                fails(dir).getMessage());
    }

    @Test
    void mnistLabelsAreRecognisedWhateverTheFolderIsCalled() throws IOException {
        assertEquals("MNIST", DatasetLoader.datasetName("digits", DatasetLoader.bundledMnist().train().labels()));
        int[] almost = DatasetLoader.bundledMnist().train().labels().clone();
        almost[0] = (almost[0] + 1) % 10;
        assertEquals("digits", DatasetLoader.datasetName("digits", almost));
        assertEquals("Fashion-MNIST", DatasetLoader.datasetName("FASHION-test", almost));
    }

    @Test
    void fashionMnistLoadsWithItsClassNames() throws IOException {
        assumeTrue(Files.isDirectory(FASHION_MNIST), "Fashion-MNIST not installed (dataset-fashion-mnist)");
        DatasetSplit split = DatasetLoader.load(FASHION_MNIST.toString());

        assertEquals("Fashion-MNIST", split.train().name());
        assertEquals(DatasetLoader.FASHION_CLASSES, split.train().classNames());
        assertEquals(DatasetLoader.FASHION_CLASSES, split.test().classNames());
        assertEquals(60000, split.train().size());
        assertEquals(10000, split.test().size());
        // Fashion-MNIST is exactly balanced: 6000 / 1000 per class.
        for (int count : histogram(split.train())) {
            assertEquals(6000, count);
        }
        for (int count : histogram(split.test())) {
            assertEquals(1000, count);
        }
    }

    @Test
    void fashionMnistIsRecognisedByItsLabelsWhateverTheFolderIsCalled() throws IOException {
        assumeTrue(Files.isDirectory(FASHION_MNIST), "Fashion-MNIST not installed (dataset-fashion-mnist)");
        int[] labels = IdxReader.readLabels(FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals("Fashion-MNIST", DatasetLoader.datasetName("zalando", labels));
        assertEquals("zalando", DatasetLoader.datasetName("zalando", Arrays.copyOf(labels, 59999)));
    }
}
